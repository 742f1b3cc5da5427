package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SelfCheckCommandTest {
    @TempDir
    Path dir;

    String printed;

    /** Runs selfcheck with {@code path} as the PATH; returns its exit code and keeps what it printed. */
    private int selfcheck(String path, String... args) {
        CommandLine cli = SlipwayCli.commandLine("selfcheck");
        ((SelfCheckCommand) cli.getSubcommands().get("selfcheck").getCommand()).path = path;
        cli.setErr(new PrintWriter(new ByteArrayOutputStream(), true));
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("selfcheck"));
            all.addAll(List.of(args));
            return cli.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            printed = out.toString(StandardCharsets.UTF_8);
        }
    }

    private Path bin(String... tools) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin-" + tools.length));
        for (String tool : tools) {
            Path exe = bin.resolve(tool);
            Files.writeString(exe, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private static JsonNode stage(JsonNode report, String name) {
        for (JsonNode s : report.path("stages")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name + " in " + report);
    }

    @Test
    void shouldFailTheNamedStagesWhenThePathLacksTheirToolsAndSayWhatEachMissingToolDisables() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path json = dir.resolve("check.json");

        int exit = selfcheck(empty.toString(), "--stage", "deploy,browser", "--json", json.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(json.toFile());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(stage(report, "deploy").path("status").asText()).isEqualTo("LIMITED");
        assertThat(stage(report, "deploy").path("missing").toString()).contains("tar (not on the PATH): disables a directory "
                + "as the artifact (it is packed with tar); a file artifact still deploys");
        assertThat(stage(report, "browser").path("status").asText()).isEqualTo("LIMITED");
        assertThat(stage(report, "browser").path("missing").toString()).contains("chromium", "chromedriver",
                "HtmlUnit still runs");
        assertThat(stage(report, "ec2").path("status").asText()).isEqualTo("READY");
        assertThat(printed).contains("deploy   runs, without what is missing below (named in --stage)",
                "missing tar (not on the PATH)", "Stage(s) [deploy, browser]: not everything they use");
    }

    @Test
    void shouldPassTheNamedStagesWhenTheirToolsAreThereAndTellEveryStageWithout() throws Exception {
        Path tools = bin("tar", "chromium", "chromedriver");

        assertThat(selfcheck(tools.toString(), "--stage", "deploy,browser")).isZero();
        assertThat(printed).contains("deploy   ready (named in --stage)", "browser  ready (named in --stage)",
                "metrics  runs, without what is missing below", "missing pylint (not on the PATH): disables pylint's findings");

        // without --stage: every stage can run (some without a tool's part): 0, and the report says what is missing
        Path json = dir.resolve("all.json");
        assertThat(selfcheck(Files.createDirectories(dir.resolve("none")).toString(), "--json", json.toString())).isZero();
        assertThat(Json.MAPPER.readTree(json.toFile()).path("stages")).hasSize(SelfCheckCommand.STAGES.size());
        assertThat(printed).contains("can run every stage here; some without the parts listed as missing.");

        assertThat(selfcheck(tools.toString(), "--stage", "deploy,brwoser")).isEqualTo(2);
    }
}
