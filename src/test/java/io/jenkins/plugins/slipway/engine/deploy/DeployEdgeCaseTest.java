package io.jenkins.plugins.slipway.engine.deploy;

import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.assertConsistent;
import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases found in trials, each against real SSH servers (embedded MINA SSHD, a real /bin/sh). */
class DeployEdgeCaseTest {

    @TempDir
    Path temp;

    DeployFixture fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new DeployFixture(temp, 2);
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hostMaps(Map<String, Object> request) {
        return (List<Map<String, Object>>) request.get("hosts");
    }

    private static List<String> releases(TestSshHost host) throws Exception {
        try (Stream<Path> names = Files.list(host.base().resolve("releases"))) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldDeployIntoTheLoginDirectoryWhenBaseDirIsTilde() throws Exception {
        DeployResult first = fleet.deploy("1-a", List.of(fleet.host(1)), r -> r.put("baseDir", "~"));
        DeployResult second = fleet.deploy("2-b", List.of(fleet.host(1)), r -> r.put("baseDir", "~/"));

        assertThat(first.outcome()).as(fleet.log()).isEqualTo(Outcome.PASSED);
        assertThat(second.outcome()).as(fleet.log()).isEqualTo(Outcome.PASSED);
        Path home = fleet.host(1).dir; // the simulated host's HOME
        assertThat(Files.readSymbolicLink(home.resolve("current")).toString()).isEqualTo("releases/2-b");
        assertThat(home.resolve("releases/1-a/version.txt")).hasContent("1-a");
        assertThat(home.resolve("~")).doesNotExist();
        assertThat(home.resolve(".slipway/lock")).doesNotExist();
    }

    @Test
    void shouldRemoveAFailedReleaseAndPruneByTheDeployHistoryNotByModificationTime() throws Exception {
        List<TestSshHost> one = List.of(fleet.host(1));
        for (String release : List.of("1-a", "2-b", "3-c")) {
            assertThat(fleet.deploy(release, one, r -> r.put("keepReleases", 3)).outcome()).isEqualTo(Outcome.PASSED);
        }

        DeployResult failed = fleet.deploy("4-d", one, r -> {
            r.put("keepReleases", 3);
            r.put("beforeSwitch", List.of("echo cannot migrate; exit 3"));
        });
        assertThat(failed.hosts().get(0).outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(failed.hosts().get(0).currentRelease()).isEqualTo("3-c");
        assertThat(releases(fleet.host(1))).as("the failed release is gone, every rollback target stays")
                .containsExactly("1-a", "2-b", "3-c");
        assertConsistent(fleet.host(1), "3-c");

        // someone touches the oldest release (a backup, a chmod): by mtime it would now look like the newest one
        Path oldest = fleet.host(1).base().resolve("releases/1-a");
        Files.setLastModifiedTime(oldest, FileTime.from(Instant.now().plusSeconds(3600)));
        assertThat(fleet.deploy("5-e", one, r -> r.put("keepReleases", 3)).outcome()).isEqualTo(Outcome.PASSED);

        assertThat(releases(fleet.host(1))).as("kept: the new one, the previous one and the last one before it")
                .containsExactly("2-b", "3-c", "5-e");
        assertThat(fleet.host(1).base().resolve(".slipway/history")).content().isEqualTo("1-a\n2-b\n3-c\n5-e\n");
        assertThat(fleet.log()).contains("removed old releases [1-a] (keeping 3)");
    }

    @Test
    void shouldSayTheHostIsUnreachableAndHowToRecoverWhenItIsLostMidUpload() throws Exception {
        assertThat(fleet.deploy("1-a", r -> { }).outcome()).isEqualTo(Outcome.PASSED);
        byte[] noise = new byte[2_000_000];
        new Random(3).nextBytes(noise);
        Files.write(fleet.artifact("2-b").resolve("data.bin"), noise);
        fleet.host(2).cutUploadAfterBytes.set(300_000);
        fleet.host(2).vanishOnCut.set(true);

        DeployResult result = fleet.deploy("2-b", r -> r.put("maxFailedHosts", 1));

        DeployResult.HostReport lost = report(result, "web2");
        assertThat(lost.outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(lost.currentRelease()).isEqualTo("unknown (not connected)");
        assertThat(lost.message()).contains("upload failed", "the host is unreachable", "it was on 1-a before",
                "rm -rf app/.slipway/lock", "lock.breakStaleLockAfterMinutes");
        assertThat(result.table()).contains("unknown (not connected)");
        assertThat(fleet.log()).contains("[web2] cannot reconnect");
        assertConsistent(fleet.host(1), "2-b");
        // what the lost host kept: its old release, complete, and this run's lock (the report says how to remove it)
        assertThat(fleet.host(2).current()).isEqualTo("1-a");
        assertThat(fleet.host(2).base().resolve(".slipway/lock/owner")).content().contains("release=2-b");
    }

    @Test
    void shouldSayUnknownHostForANameThatDoesNotResolve() throws Exception {
        // a resolver that knows no '.invalid' names (RFC 6761) and asks nobody outside this machine
        fleet.service = new DeployService(name -> {
            if (name.endsWith(".invalid")) {
                throw new UnknownHostException(name + ": Name or service not known");
            }
            return InetAddress.getByName(name);
        }, HostDeployer.Upload.STREAM);

        DeployResult result = fleet.deploy("1-a", r -> {
            Map<String, Object> nope = new LinkedHashMap<>();
            nope.put("host", "nope.invalid");
            nope.put("port", 2222);
            nope.put("user", TestSshHost.USER);
            List<Map<String, Object>> hosts = new ArrayList<>(hostMaps(r));
            hosts.add(nope);
            r.put("hosts", hosts);
            r.put("maxFailedHosts", 1);
        });

        DeployResult.HostReport nope = report(result, "nope.invalid");
        assertThat(nope.outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(nope.message()).startsWith("unknown host 'nope.invalid'").contains("does not resolve", "DNS or /etc/hosts")
                .doesNotContain("connect failed");
        assertThat(nope.currentRelease()).isEqualTo("unknown (not connected)");
        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertConsistent(fleet.host(1), "1-a");
    }

    @Test
    void shouldNameHostsOnOneAddressByTheirPorts() throws Exception {
        DeployResult result = fleet.deploy("1-a", r -> hostMaps(r).forEach(h -> h.remove("name")));

        assertThat(result.outcome()).as(fleet.log()).isEqualTo(Outcome.PASSED);
        assertThat(result.hosts()).extracting(DeployResult.HostReport::name)
                .containsExactly("127.0.0.1:" + fleet.host(1).port(), "127.0.0.1:" + fleet.host(2).port());
        assertThat(fleet.log()).contains("[127.0.0.1:" + fleet.host(2).port() + "] checksum verified");
        assertConsistent(fleet.host(1), "1-a");
        assertConsistent(fleet.host(2), "1-a");
    }
}
