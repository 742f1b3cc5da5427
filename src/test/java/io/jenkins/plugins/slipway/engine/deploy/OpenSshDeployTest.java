package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same release model against a real OpenSSH sshd on loopback (skipped when sshd is not installed). */
class OpenSshDeployTest {

    @TempDir
    Path temp;

    @Test
    void shouldDeployHealthCheckRollBackAndKeepLocksClean() throws Exception {
        assumeTrue(OpenSshServer.available(), "OpenSSH sshd is not installed (apt-get install openssh-server)");
        try (OpenSshServer sshd = new OpenSshServer(temp.resolve("sshd"), DeployFixture.USER_KEY.getPublic())) {
            Path base = temp.resolve("srv/app");
            Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            TaskContext context = new TaskContext(Log.console(new PrintStream(log, true, StandardCharsets.UTF_8), "", false, secrets), secrets, temp);

            for (String release : List.of("1-a", "2-b")) {
                Path artifact = Files.createDirectories(temp.resolve("artifacts/" + release));
                Files.writeString(artifact.resolve("version.txt"), release + "\n");
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("hosts", List.of(sshd.host("openssh")));
                r.put("baseDir", base.toString());
                r.put("artifact", artifact.toString());
                r.put("releaseId", release);
                r.put("afterSwitch", List.of("echo started $(cat version.txt) as $(id -un)"));
                r.put("healthCheck", Map.of("command", "grep -q " + release + " version.txt", "retries", 2, "intervalSeconds", 0.1));
                DeployResult result = new DeployService().deploy(Json.read(Json.MAPPER.valueToTree(r), DeployRequest.class, "deploy"), context);
                assertThat(result.outcome()).as(log.toString(StandardCharsets.UTF_8)).isEqualTo(Outcome.PASSED);
            }
            assertThat(Files.readSymbolicLink(base.resolve("current")).toString()).isEqualTo("releases/2-b");
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("[openssh] started 2-b as " + System.getProperty("user.name"));

            Map<String, Object> back = new LinkedHashMap<>();
            back.put("hosts", List.of(sshd.host("openssh")));
            back.put("baseDir", base.toString());
            back.put("to", "1-a");
            DeployResult rolled = new DeployService().rollback(Json.read(Json.MAPPER.valueToTree(back), DeployRollbackRequest.class, "rollback"), context);
            assertThat(rolled.hosts().get(0).outcome()).isEqualTo(HostOutcome.SWITCHED);
            assertThat(Files.readSymbolicLink(base.resolve("current")).toString()).isEqualTo("releases/1-a");
            assertThat(base.resolve(".slipway/lock")).doesNotExist();
            assertThat(Files.readString(base.resolve(".slipway/revisions.log"))).contains("deployed 1-a", "deployed 2-b", "switched to 1-a");
        }
    }

    @Test
    void shouldStopAHangingHookRollBackAndUnlockWhenAbortedOnOpenSsh() throws Exception {
        assumeTrue(OpenSshServer.available(), "OpenSSH sshd is not installed (apt-get install openssh-server)");
        try (OpenSshServer sshd = new OpenSshServer(temp.resolve("sshd"), DeployFixture.USER_KEY.getPublic())) {
            Path base = temp.resolve("srv/app");
            Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            TaskContext context = new TaskContext(Log.console(new PrintStream(log, true, StandardCharsets.UTF_8), "", false, secrets), secrets, temp);
            String hook = "if [ \"$SLIPWAY_RELEASE_ID\" = 2-b ]; then (sleep 120 & echo $! > ../../sleep.pid; wait) & echo waiting; wait; fi";
            java.util.concurrent.atomic.AtomicReference<Thread> worker = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.function.Function<String, DeployResult> deploy = release -> {
                try {
                    Path artifact = Files.createDirectories(temp.resolve("artifacts/" + release));
                    Files.writeString(artifact.resolve("version.txt"), release + "\n");
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("hosts", List.of(sshd.host("openssh")));
                    r.put("baseDir", base.toString());
                    r.put("artifact", artifact.toString());
                    r.put("releaseId", release);
                    r.put("afterSwitch", List.of(hook));
                    return new DeployService().deploy(Json.read(Json.MAPPER.valueToTree(r), DeployRequest.class, "deploy"), context);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertThat(deploy.apply("1-a").outcome()).isEqualTo(Outcome.PASSED);
            java.util.concurrent.CompletableFuture<DeployResult> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                worker.set(Thread.currentThread());
                return deploy.apply("2-b");
            });
            while (!log.toString(StandardCharsets.UTF_8).contains("[openssh] waiting")) {
                assertThat(run).isNotDone();
                Thread.sleep(50);
            }
            worker.get().interrupt();

            org.assertj.core.api.Assertions.assertThatThrownBy(run::get).hasRootCauseInstanceOf(InterruptedException.class);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("deploy ABORTED", "aborted during afterSwitch");
            assertThat(Files.readSymbolicLink(base.resolve("current")).toString()).isEqualTo("releases/1-a");
            assertThat(base.resolve("releases/2-b")).doesNotExist();
            assertThat(base.resolve(".slipway/lock")).doesNotExist();
            long pid = Long.parseLong(Files.readString(base.resolve("sleep.pid")).trim());
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("the hook's grandchild").isNotEqualTo(java.util.Optional.of(true));
        }
    }
}
