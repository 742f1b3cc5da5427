package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.deploy.DeployFixture;
import io.jenkins.plugins.slipway.engine.deploy.TestSshHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway deploy} and {@code slipway deploy rollback --to} end to end against an SSH server. */
class DeployCommandTest {

    @TempDir
    Path temp;

    @org.junit.jupiter.api.io.TempDir
    Path home;

    @Test
    void shouldDeployAndRollBackFromTheCommandLineWithAKeyFileAndKnownHosts() throws Exception {
        try (DeployFixture fleet = new DeployFixture(temp, 1)) {
            TestSshHost host = fleet.host(1);
            Path key = Files.writeString(temp.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            // the user's known_hosts, outside the workspace (one in it is refused: the commit could pin its own keys)
            Path knownHosts = Files.writeString(home.resolve("known_hosts"),
                    "[127.0.0.1]:" + host.port() + " " + TestSshHost.publicKeyLine(host.hostKey.get().getPublic()) + "\n");
            Path hostsFile = Files.writeString(temp.resolve("fleet.json"), "{\"hosts\": [{\"name\": \"web1\", \"host\": \"127.0.0.1\", \"port\": "
                    + host.port() + ", \"user\": \"deployer\", \"privateIp\": \"10.0.0.9\"}]}");
            Path json = temp.resolve("result.json");
            String[] common = {"--workdir", temp.toString(), "--hosts-file", hostsFile.toString(), "--base-dir", "app", "--parallel", "2",
                "--key-file", key.toString(), "--known-hosts", knownHosts.toString(), "--json", json.toString()};

            for (String release : new String[] {"1-a", "2-b"}) {
                int exit = SlipwayCli.execute(concat(new String[] {"deploy", "--artifact", fleet.artifact(release).toString(),
                    "--release", release, "--after-switch", "echo restarted"}, common));
                assertThat(exit).isEqualTo(0);
            }
            JsonNode result = Json.MAPPER.readTree(json.toFile());
            assertThat(result.path("outcome").asText()).isEqualTo("PASSED");
            assertThat(result.path("result").path("hosts").get(0).path("previousRelease").asText()).isEqualTo("1-a");
            assertThat(host.current()).isEqualTo("2-b");

            assertThat(SlipwayCli.execute(concat(new String[] {"deploy", "rollback", "--to", "1-a"}, common))).isEqualTo(0);
            assertThat(host.current()).isEqualTo("1-a");
            assertThat(Json.MAPPER.readTree(json.toFile()).path("result").path("hosts").get(0).path("outcome").asText()).isEqualTo("SWITCHED");

            int noKey = SlipwayCli.execute("deploy", "--workdir", temp.toString(), "--host", "deployer@127.0.0.1:" + host.port(),
                    "--base-dir", "app", "--artifact", "x", "--release", "3-c", "--json", json.toString());
            assertThat(noKey).isEqualTo(2);
            assertThat(Json.MAPPER.readTree(json.toFile()).path("error").path("message").asText()).contains("No SSH credentials");
        }
    }

    @Test
    void shouldListTheCommitsBetweenTheReleaseOnTheHostsAndTheOneDeployed() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        try (DeployFixture fleet = new DeployFixture(temp, 1);
                org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
            TestSshHost host = fleet.host(1);
            Path key = Files.writeString(temp.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                    "[127.0.0.1]:" + host.port() + " " + TestSshHost.publicKeyLine(host.hostKey.get().getPublic()) + "\n");
            Path json = temp.resolve("changes.json");
            String first = commit(git, repo, "v1", "Add the form");
            String firstRelease = "1-" + first.substring(0, 7);
            String[] common = {"--workdir", repo.toString(), "--host", "deployer@127.0.0.1:" + host.port(), "--base-dir",
                "app", "--key-file", key.toString(), "--known-hosts", knownHosts.toString(), "--json", json.toString()};
            assertThat(SlipwayCli.execute(concat(new String[] {"deploy", "--artifact",
                fleet.artifact(firstRelease).toString(), "--release", firstRelease}, common))).isZero();
            commit(git, repo, "v2", "Validate the query");
            String second = commit(git, repo, "v3", "Escape the answer");
            String secondRelease = "2-" + second.substring(0, 7);

            assertThat(SlipwayCli.execute(concat(new String[] {"deploy", "--artifact",
                fleet.artifact(secondRelease).toString(), "--release", secondRelease}, common))).isZero();

            JsonNode changes = Json.MAPPER.readTree(json.toFile()).path("changes");
            assertThat(changes.path("from").asText()).isEqualTo(first.substring(0, 7));
            assertThat(changes.path("to").asText()).isEqualTo(second.substring(0, 7));
            assertThat(changes.path("commits").findValuesAsText("message"))
                    .containsExactly("Escape the answer", "Validate the query");
        }
    }

    @Test
    void shouldExitWithThreeWhenNoHostCanBeReached() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path key = Files.writeString(temp.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
        Path artifact = Files.writeString(temp.resolve("app.txt"), "v1");
        Path json = temp.resolve("unreachable.json");

        int exit = SlipwayCli.execute("deploy", "--workdir", temp.toString(), "--host", "deployer@127.0.0.1:" + closedPort,
                "--base-dir", "app", "--key-file", key.toString(), "--artifact", artifact.toString(), "--release", "1-a",
                "--json", json.toString());

        assertThat(exit).as("the environment failed: no host reachable").isEqualTo(3);
        JsonNode result = Json.MAPPER.readTree(json.toFile());
        assertThat(result.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(result.path("result").path("hosts").get(0).path("message").asText()).contains("connect failed");
    }

    private static String commit(org.eclipse.jgit.api.Git git, Path repo, String content, String message) throws Exception {
        Files.writeString(repo.resolve("app.txt"), content);
        git.add().addFilepattern("app.txt").call();
        return git.commit().setMessage(message).setAuthor("Ann", "ann@example.com").setSign(false).call().getName();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
