package io.jenkins.plugins.slipway.engine.deploy;

import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.assertConsistent;
import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys against real SSH servers (embedded MINA SSHD, a real /bin/sh, one directory per host). */
@SuppressWarnings("unchecked")
class DeployServiceTest {

    @TempDir
    Path temp;

    DeployFixture fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new DeployFixture(temp, 3);
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    @Test
    void shouldDeployToEveryHostSwitchCurrentAndRecordTheRelease() throws Exception {
        DeployResult result = fleet.deploy("7-abc1234", r -> {
            r.put("beforeSwitch", List.of("echo \"before $SLIPWAY_RELEASE_ID on $SLIPWAY_HOST\" > ../../before.txt"));
            r.put("afterSwitch", List.of("echo restarted $(cat version.txt)", "pwd -P > ../../after.txt"));
        });

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.hosts()).extracting(DeployResult.HostReport::outcome).containsOnly(HostOutcome.DEPLOYED);
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "7-abc1234");
            assertThat(Files.readString(h.base().resolve("before.txt"))).isEqualTo("before 7-abc1234 on " + h.name + "\n");
            assertThat(Files.readString(h.base().resolve("after.txt")).trim())
                    .isEqualTo(h.base().resolve("releases/7-abc1234").toRealPath().toString());
            assertThat(Files.readString(h.base().resolve("current/.slipway-release.json")))
                    .contains("\"commit\" : \"abc1234\"", "\"deployedBy\" : \"tester\"");
            assertThat(Files.readString(h.base().resolve(".slipway/revisions.log"))).contains("deployed 7-abc1234 (previous none) by tester");
        }
        assertThat(fleet.log()).contains("[web2] restarted 7-abc1234", "[web1] upload 100%", "checksum verified");
        assertThat(result.table()).contains("HOST", "web3", "DEPLOYED");
        assertThat(report(result, "web1").phaseMillis()).containsKeys("connect", "upload", "install").doesNotContainKey("finish"); // no health check: one round trip installs and finishes
    }

    @Test
    void shouldKeepTheLastReleasesButNeverTheCurrentOrPreviousOne() throws Exception {
        for (String release : List.of("1-a", "2-b", "3-c", "4-d", "5-e")) {
            assertThat(fleet.deploy(release, List.of(fleet.host(1)), r -> r.put("keepReleases", 3)).outcome()).isEqualTo(Outcome.PASSED);
        }
        try (var names = Files.list(fleet.host(1).base().resolve("releases"))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("3-c", "4-d", "5-e");
        }
        DeployResult again = fleet.deploy("5-e", List.of(fleet.host(1)), r -> { });
        assertThat(again.hosts().get(0).outcome()).isEqualTo(HostOutcome.UNCHANGED);
    }

    @Test
    void shouldSwitchAllHostsToANamedReleaseOnRollback() throws Exception {
        fleet.deploy("1-a", r -> { });
        fleet.deploy("2-b", r -> { });

        DeployResult rolled = fleet.rollback("1-a");

        assertThat(rolled.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(rolled.hosts()).extracting(DeployResult.HostReport::outcome).containsOnly(HostOutcome.SWITCHED);
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "1-a");
        }
        DeployResult missing = fleet.rollback("9-zzz");
        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report(missing, "web1").message()).contains("release 9-zzz is not on the host", "2-b");
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "1-a");
        }
    }

    @Test
    void shouldReachHostsThroughAJumpHostAndVerifyBothKeys() throws Exception {
        TestSshHost bastion = fleet.host(1);
        DeployResult result = fleet.deploy("1-a", List.of(fleet.host(2), fleet.host(3)), r -> r.put("jumpHost", Map.of(
                "host", "127.0.0.1", "port", bastion.port(), "user", TestSshHost.USER, "hostKeyFingerprints", List.of(bastion.fingerprint()))));
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertConsistent(fleet.host(2), "1-a");
        assertConsistent(fleet.host(3), "1-a");
        assertThat(bastion.base()).doesNotExist();

        DeployResult wrongJumpKey = fleet.deploy("2-b", List.of(fleet.host(2)), r -> r.put("jumpHost", Map.of(
                "host", "127.0.0.1", "port", bastion.port(), "user", TestSshHost.USER, "hostKeyFingerprints", List.of(fleet.host(3).fingerprint()))));
        assertThat(wrongJumpKey.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(wrongJumpKey.hosts().get(0).message()).contains("Refusing to connect", "CHANGED");
        assertConsistent(fleet.host(2), "1-a");
    }

    @Test
    void shouldTakeHostsFromTheFileTheFreestyleEc2StepWrites() throws Exception {
        java.util.List<Map<String, Object>> hostMaps = new java.util.ArrayList<>();
        for (TestSshHost h : List.of(fleet.host(2), fleet.host(3))) {
            hostMaps.add(Map.of("name", h.name, "host", "127.0.0.1", "port", h.port(), "user", TestSshHost.USER,
                    "hostKeyFingerprints", List.of(h.fingerprint()), "instanceId", "i-0" + h.name, "privateIp", "10.0.0.2"));
        }
        Files.writeString(temp.resolve("slipway-ec2-shop.json"), io.jenkins.plugins.slipway.engine.core.Json.write(hostMaps));
        // the fingerprints in a file of the workspace are not trusted; the ones ec2Launch recorded on the agent are
        for (TestSshHost h : List.of(fleet.host(2), fleet.host(3))) {
            io.jenkins.plugins.slipway.engine.core.TrustStore.ofUser().pin(
                    io.jenkins.plugins.slipway.engine.core.TrustStore.hostName("127.0.0.1", h.port()),
                    List.of(h.fingerprint()));
        }
        DeployResult result = fleet.deploy("1-a", List.of(fleet.host(1)), r -> r.put("hostsFile", "slipway-ec2-shop.json"));
        assertThat(result.hosts()).extracting(DeployResult.HostReport::name).containsExactly("web1", "web2", "web3");
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertConsistent(fleet.host(3), "1-a");

        fleet.deploy("2-b", r -> { });
        Map<String, Object> back = fleet.request("ignored", List.of(fleet.host(1)));
        for (String k : List.of("artifact", "releaseId", "commit", "keepReleases")) {
            back.remove(k);
        }
        back.put("to", "1-a");
        back.put("hostsFile", "slipway-ec2-shop.json");
        DeployResult rolled = new DeployService().rollback(io.jenkins.plugins.slipway.engine.core.Json.read(
                io.jenkins.plugins.slipway.engine.core.Json.MAPPER.valueToTree(back), DeployRollbackRequest.class, "rollback"), fleet.context());
        assertThat(rolled.hosts()).extracting(DeployResult.HostReport::outcome).containsOnly(HostOutcome.SWITCHED);
        assertConsistent(fleet.host(2), "1-a");
    }

    @Test
    void shouldWarnOnEveryRunAndForEveryHostWhenHostKeysAreNotVerified() throws Exception {
        DeployResult result = fleet.deploy("1-a", r -> {
            r.put("insecure", true);
            ((List<Map<String, Object>>) r.get("hosts")).forEach(h -> h.put("hostKeyFingerprints", List.of()));
        });
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(fleet.log()).contains("WARNING: insecure is on: host keys are NOT verified",
                "WARNING: [web1] host key of 127.0.0.1:" + fleet.host(1).port() + " NOT verified (insecure is on): " + fleet.host(1).fingerprint());
    }

    @Test
    void shouldChangeNothingInADryRun() throws Exception {
        fleet.deploy("1-a", r -> { });
        DeployResult dry = fleet.deploy("2-b", r -> r.put("dryRun", true));

        assertThat(dry.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(dry.hosts()).extracting(DeployResult.HostReport::outcome).containsOnly(HostOutcome.PLANNED);
        assertThat(report(dry, "web1").message()).isEqualTo("would deploy 2-b over 1-a");
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "1-a");
            assertThat(h.base().resolve("releases/2-b")).doesNotExist();
        }
    }

    @Test
    void shouldLogInWithAnEncryptedKeyOrAPasswordAndNeverPrintTheSecret() throws Exception {
        fleet.secrets = io.jenkins.plugins.slipway.engine.core.Secrets.of(Map.of(
                DeployService.PRIVATE_KEY, TestSshHost.privateKeyText(DeployFixture.USER_KEY, "open sesame"),
                DeployService.PASSPHRASE, "open sesame"));
        assertThat(fleet.deploy("1-a", r -> r.put("afterSwitch", List.of("echo the word is 'open sesame'"))).outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(fleet.log()).contains("the word is ****").doesNotContain("open sesame");

        fleet.secrets = io.jenkins.plugins.slipway.engine.core.Secrets.of(Map.of(DeployService.PASSWORD, "s3cret-pw"));
        assertThat(fleet.deploy("2-b", r -> { }).outcome()).isEqualTo(Outcome.PASSED);
        for (TestSshHost h : fleet.hosts) {
            assertConsistent(h, "2-b");
        }
    }

    @Test
    void shouldDeployATarGzAndAPlainFile() throws Exception {
        Path dir = fleet.artifact("3-c");
        Path tgz = temp.resolve("app-3-c.tar.gz");
        new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", dir.toString(), ".").inheritIO().start().waitFor();
        assertThat(fleet.deploy("3-c", r -> r.put("artifact", tgz.toString())).outcome()).isEqualTo(Outcome.PASSED);
        assertConsistent(fleet.host(1), "3-c");

        Path jar = Files.writeString(temp.resolve("app.jar"), "not really a jar");
        DeployResult plain = fleet.deploy("4-d", r -> r.put("artifact", jar.toString()));
        assertThat(plain.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(Files.readString(fleet.host(2).base().resolve("current/app.jar"))).isEqualTo("not really a jar");
    }
}
