package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway run} through the real CLI and real tasks: a git workspace, local hosts, a missing task. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRunAPipelineFileWithRealTasksAndStopWhatItStarted() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("app.txt"), "v1");
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Ann", "ann@example.org");
            git.commit().setMessage("First").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        Files.writeString(dir.resolve("pipeline.json"), """
                {"name": "try", "reportDir": "out", "stages": [
                  {"name": "engine", "task": "version"},
                  {"name": "hosts", "task": "local-launch", "request": {"count": 2, "dir": "hosts-${commit.shortId}"}},
                  {"name": "tests", "task": "no-such-task", "optional": true}
                ]}
                """);

        int exit = SlipwayCli.execute("run", "-C", dir.toString(), "--build", "7", "--json", dir.resolve("run.json").toString(),
                "pipeline.json");

        assertThat(exit).isZero();
        JsonNode run = Json.MAPPER.readTree(dir.resolve("run.json").toFile());
        assertThat(run.get("outcome").asText()).isEqualTo("PASSED");
        assertThat(run.get("build").asText()).isEqualTo("7");
        assertThat(run.get("commit").get("message").asText()).isEqualTo("First");
        String shortId = run.get("commit").get("shortId").asText();
        JsonNode hosts = run.get("stages").get(1).get("result").get("hosts");
        assertThat(hosts).hasSize(2);
        assertThat(hosts.get(0).get("dir").asText()).contains("hosts-" + shortId);
        assertThat(run.get("stages").get(2).get("status").asText()).isEqualTo("NOT_AVAILABLE");
        assertThat(dir.resolve("out/slipway-run.html")).exists();
        assertThat(Files.readString(dir.resolve("out/slipway-run.json"))).doesNotContain("PRIVATE KEY");
        for (JsonNode host : hosts) {
            // the run stopped the SSH servers it started
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket(host.get("host").asText(), host.get("port").asInt()).close())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void shouldRefuseABrokenPipelineFileAsBadInput() throws Exception {
        Files.writeString(dir.resolve("p.json"), "{\"stages\": [{\"name\": \"x\"}]}");
        assertThat(SlipwayCli.execute("run", "-C", dir.toString(), "p.json")).isEqualTo(2);
        Files.writeString(dir.resolve("q.json"), "{\"stages\": [{\"name\": \"x\", \"task\": \"version\", \"colour\": 1}]}");
        assertThat(SlipwayCli.execute("run", "-C", dir.toString(), "q.json")).isEqualTo(2);
    }
}
