package io.jenkins.plugins.slipway.engine.deploy;

import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.assertConsistent;
import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults during a deploy against real SSH servers. After every fault each host is on its old or its new release,
 * complete, unlocked and without leftovers.
 */
class DeployFaultTest {

    @TempDir
    Path home;

    @TempDir
    Path temp;

    DeployFixture fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new DeployFixture(temp, 3);
        assertThat(fleet.deploy("1-a", r -> { }).outcome()).isEqualTo(Outcome.PASSED);
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hostMap(Map<String, Object> request, int i) {
        return ((List<Map<String, Object>>) request.get("hosts")).get(i - 1);
    }

    @Test
    void shouldRefuseAHostWhoseKeyChanged() throws Exception {
        String pinned = fleet.host(2).fingerprint();
        fleet.host(2).hostKey.set(TestSshHost.newKey()); // the host is re-created, or someone is in the middle

        DeployResult result = fleet.deploy("2-b", r -> {
            hostMap(r, 2).put("hostKeyFingerprints", List.of(pinned));
            r.put("maxFailedHosts", 1);
        });

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(report(result, "web2").outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(report(result, "web2").message()).contains("Refusing to connect", "CHANGED", pinned);
        assertConsistent(fleet.host(2), "1-a");
        assertConsistent(fleet.host(1), "2-b");
    }

    @Test
    void shouldRememberNewHostKeysAndRefuseThemOnceChanged() throws Exception {
        Path knownHosts = home.resolve("known_hosts"); // outside the workspace: a commit must not pin keys

        DeployResult first = fleet.deploy("2-b", r -> {
            for (int i = 1; i <= 3; i++) {
                hostMap(r, i).remove("hostKeyFingerprints");
            }
            r.put("acceptNew", true);
            r.put("knownHostsFile", knownHosts.toString());
        });
        assertThat(first.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(Files.readAllLines(knownHosts)).hasSize(3).allMatch(l -> l.startsWith("[127.0.0.1]:"));

        fleet.host(1).hostKey.set(TestSshHost.newKey());
        DeployResult second = fleet.deploy("3-c", r -> {
            for (int i = 1; i <= 3; i++) {
                hostMap(r, i).remove("hostKeyFingerprints");
            }
            r.put("acceptNew", true);
            r.put("knownHostsFile", knownHosts.toString());
            r.put("batch", "1");
        });
        assertThat(second.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report(second, "web1").message()).contains("CHANGED", "ssh-keygen -R");
        assertThat(report(second, "web2").outcome()).isEqualTo(HostOutcome.SKIPPED);
        assertConsistent(fleet.host(1), "2-b");
        assertConsistent(fleet.host(2), "2-b");
    }

    @Test
    void shouldFailWithoutSwitchingWhenTheChecksumDoesNotMatch() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("fakebin"));
        Path fake = Files.writeString(bin.resolve("sha256sum"), "#!/bin/sh\necho 0000000000000000000000000000000000000000000000000000000000000000  \"$1\"\n");
        fake.toFile().setExecutable(true);
        Files.copy(fake, bin.resolve("openssl")).toFile().setExecutable(true); // the faster hasher when present
        fleet.host(1).env.put("PATH", bin + ":" + System.getenv("PATH"));

        DeployResult result = fleet.deploy("2-b", r -> r.put("maxFailedHosts", 1));

        assertThat(report(result, "web1").outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(report(result, "web1").message()).contains("checksum mismatch", "0000000000000000");
        assertThat(fleet.host(1).base().resolve("releases/2-b")).doesNotExist();
        assertConsistent(fleet.host(1), "1-a");
        assertConsistent(fleet.host(2), "2-b");
    }

    @Test
    void shouldStayOnTheOldReleaseWhenTheConnectionIsCutMidUpload() throws Exception {
        byte[] noise = new byte[3_000_000];
        new Random(7).nextBytes(noise);
        Files.write(fleet.artifact("2-b").resolve("data.bin"), noise);
        fleet.host(3).cutUploadAfterBytes.set(500_000);

        DeployResult result = fleet.deploy("2-b", r -> r.put("maxFailedHosts", 1));

        assertThat(report(result, "web3").outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(report(result, "web3").message()).contains("upload failed");
        assertThat(fleet.log()).contains("[web3] reconnecting to clean up");
        DeployFixture.assertOnRelease(fleet.host(3), "1-a");
        assertConsistent(fleet.host(1), "2-b");
        assertThat(Files.readAllBytes(fleet.host(1).base().resolve("current/data.bin"))).isEqualTo(noise);

        DeployResult again = fleet.deploy("2-b", r -> { }); // the network is back: the next deploy finishes the job
        assertThat(again.hosts()).extracting(DeployResult.HostReport::outcome)
                .containsExactly(HostOutcome.UNCHANGED, HostOutcome.UNCHANGED, HostOutcome.DEPLOYED);
        assertConsistent(fleet.host(3), "2-b");
        assertThat(Files.readAllBytes(fleet.host(3).base().resolve("current/data.bin"))).isEqualTo(noise);
    }

    @Test
    void shouldStayOnTheOldReleaseWhenABeforeSwitchHookFailsAndRollBackWhenAnAfterSwitchHookFails() throws Exception {
        DeployResult before = fleet.deploy("2-b", r -> r.put("beforeSwitch", List.of("echo migrating; exit 7")));
        assertThat(before.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report(before, "web1").message()).contains("beforeSwitch hook 'echo migrating; exit 7' exited 7", "migrating");
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "1-a");
        }

        DeployResult after = fleet.deploy("3-c", r -> r.put("afterSwitch",
                List.of("if [ \"$SLIPWAY_RELEASE_ID\" = 3-c ]; then echo cannot start; exit 9; fi; echo restarted $SLIPWAY_RELEASE_ID")));
        assertThat(after.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(after.hosts()).extracting(DeployResult.HostReport::outcome).containsOnly(HostOutcome.ROLLED_BACK);
        assertThat(report(after, "web2").message()).contains("exited 9", "cannot start", "rolled back to 1-a");
        assertThat(fleet.log()).contains("[web2] restarted 1-a");
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "1-a");
        }
    }

    @Test
    void shouldRollBackAHostWhoseHttpHealthCheckFailsQuotingTheAnswer() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            TestSshHost host = fleet.hosts.stream().filter(h -> h.name.equals(name)).findFirst().orElseThrow();
            String version = Files.readString(host.base().resolve("current/version.txt")).trim();
            boolean broken = name.equals("web2") && version.equals("2-b");
            byte[] body = (broken ? "database unreachable" : "ok " + version).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(broken ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try {
            DeployResult result = fleet.deploy("2-b", r -> {
                r.put("healthCheck", Map.of("url", "http://{host}:" + http.getAddress().getPort() + "/{name}",
                        "expectBody", "ok 2-b", "retries", 3, "intervalSeconds", 0.05, "timeoutSeconds", 5));
                r.put("maxFailedHosts", 1);
            });
            assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
            assertThat(report(result, "web2").outcome()).isEqualTo(HostOutcome.ROLLED_BACK);
            assertThat(report(result, "web2").message()).contains("after 3 attempts", "HTTP 500", "database unreachable", "rolled back to 1-a");
            assertConsistent(fleet.host(2), "1-a");
            assertConsistent(fleet.host(1), "2-b");
            assertConsistent(fleet.host(3), "2-b");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void shouldRemoveCurrentAgainWhenTheFirstReleaseOfAHostIsUnhealthy() throws Exception {
        try (DeployFixture fresh = new DeployFixture(temp.resolve("fresh"), 1)) {
            DeployResult result = fresh.deploy("1-a", r -> r.put("healthCheck",
                    Map.of("command", "grep -q healthy version.txt", "retries", 2, "intervalSeconds", 0)));
            assertThat(result.hosts().get(0).outcome()).isEqualTo(HostOutcome.ROLLED_BACK);
            assertThat(result.hosts().get(0).message()).contains("'grep -q healthy version.txt' exited 1", "rolled back to no release");
            assertConsistent(fresh.host(1), (String) null);
        }
    }

    @Test
    void shouldNotDeployWhereTheLockIsHeldUnlessItIsStaleAndMayBeBroken() throws Exception {
        Path lock = Files.createDirectories(fleet.host(1).base().resolve(".slipway/lock"));
        Files.writeString(lock.resolve("owner"), "who=alice@laptop release=9-x token=deadbeef since=2026-01-01T00:00:00Z\n");

        DeployResult held = fleet.deploy("2-b", r -> r.put("batch", "1"));
        assertThat(held.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report(held, "web1").message()).contains("deploy lock", "is held", "who=alice@laptop", "breakStaleLockAfterMinutes");
        assertThat(lock.resolve("owner")).exists(); // someone else's lock stays
        assertThat(fleet.host(1).current()).isEqualTo("1-a");
        assertThat(report(held, "web2").outcome()).isEqualTo(HostOutcome.SKIPPED);

        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(3600)));
        DeployResult broken = fleet.deploy("2-b", r -> r.put("lock", Map.of("breakStaleLockAfterMinutes", 30)));
        assertThat(broken.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(fleet.log()).contains("breaking the stale deploy lock (who=alice@laptop");
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "2-b");
        }
    }

    @Test
    void shouldStopRemoteCommandsRollBackTheBatchAndReleaseLocksWhenAborted() throws Exception {
        String hook = "if [ \"$SLIPWAY_RELEASE_ID\" = 2-b ]; then sleep 120 & echo $! > ../../sleep.pid; echo waiting; wait; fi";
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<DeployResult> run = CompletableFuture.supplyAsync(() -> {
            worker.set(Thread.currentThread());
            try {
                return fleet.deploy("2-b", r -> r.put("afterSwitch", List.of(hook)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (fleet.log().split("\\] waiting", -1).length < 4) {
            assertThat(run).isNotDone();
            Thread.sleep(50);
        }
        worker.get().interrupt();


        assertThatThrownBy(run::get).isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(InterruptedException.class);
        assertThat(fleet.log()).contains("deploy ABORTED", "aborted during afterSwitch");
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "1-a");
            long pid = Long.parseLong(Files.readString(h.base().resolve("sleep.pid")).trim());
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("remote sleep on " + h.name).isNotEqualTo(java.util.Optional.of(true));
        }
    }

}
