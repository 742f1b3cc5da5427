package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host-key trust never comes from the workspace (the commit being built controls it): a committed known_hosts or
 * hosts file cannot pin the attacker's key for real hosts, and keys trusted on first use are kept outside it.
 */
class DeployTrustTest {
    @TempDir
    Path workspace;

    @TempDir
    Path trustDir;

    DeployFixture fleet;
    String savedProperty;

    @BeforeEach
    void start() throws Exception {
        savedProperty = System.getProperty(TrustStore.PROPERTY);
        System.setProperty(TrustStore.PROPERTY, trustDir.resolve("slipway").toString());
        fleet = new DeployFixture(workspace, 1);
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
        if (savedProperty == null) {
            System.clearProperty(TrustStore.PROPERTY);
        } else {
            System.setProperty(TrustStore.PROPERTY, savedProperty);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> host(Map<String, Object> request) {
        return ((List<Map<String, Object>>) request.get("hosts")).get(0);
    }

    @Test
    void shouldRefuseAKnownHostsFileInTheWorkspace() throws Exception {
        // the commit's own known_hosts "pins" the key the attacker's host shows (here: the host's real key)
        Files.writeString(workspace.resolve("known_hosts"), "[127.0.0.1]:" + fleet.host(1).port() + " "
                + TestSshHost.publicKeyLine(fleet.host(1).hostKey.get().getPublic()) + "\n");

        assertThatThrownBy(() -> fleet.deploy("1-a", r -> {
            host(r).remove("hostKeyFingerprints");
            r.put("knownHostsFile", "known_hosts");
        })).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("knownHostsFile: 'known_hosts' is in the workspace")
                .hasMessageContaining("knownHosts: readFile('known_hosts')");
        assertThat(fleet.host(1).dir.resolve("app")).doesNotExist();
    }

    @Test
    void shouldDropFingerprintsOfAHostsFileInTheWorkspace() throws Exception {
        // a committed hosts file whose fingerprint matches whatever answers: without the fix it was trusted
        Files.writeString(workspace.resolve("hosts.json"), Json.MAPPER.writeValueAsString(List.of(Map.of(
                "host", "127.0.0.1", "port", fleet.host(1).port(), "user", TestSshHost.USER,
                "hostKeyFingerprints", List.of(fleet.host(1).fingerprint())))));

        DeployResult result = fleet.deploy("1-a", r -> {
            r.remove("hosts");
            r.put("hostsFile", "hosts.json");
        });

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fleet.log()).contains("fingerprints given for 127.0.0.1", "are not used")
                .contains("is not known");
        assertThat(fleet.host(1).dir.resolve("app/current")).doesNotExist();
    }

    @Test
    void shouldTrustFingerprintsEc2LaunchRecordedOutsideTheWorkspace() throws Exception {
        Files.writeString(workspace.resolve("hosts.json"), Json.MAPPER.writeValueAsString(List.of(Map.of(
                "host", "127.0.0.1", "port", fleet.host(1).port(), "user", TestSshHost.USER))));
        TrustStore.ofUser().pin(TrustStore.hostName("127.0.0.1", fleet.host(1).port()),
                List.of(fleet.host(1).fingerprint()));

        DeployResult result = fleet.deploy("1-a", r -> {
            r.remove("hosts");
            r.put("hostsFile", "hosts.json");
        });

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void shouldRememberFirstSeenKeysOutsideTheWorkspaceAndReuseThem() throws Exception {
        DeployResult first = fleet.deploy("1-a", r -> {
            host(r).remove("hostKeyFingerprints");
            r.put("acceptNew", true);
        });
        assertThat(first.outcome()).isEqualTo(Outcome.PASSED);
        Path own = trustDir.resolve("slipway/known_hosts");
        assertThat(Files.readAllLines(own)).singleElement().asString().startsWith("[127.0.0.1]:" + fleet.host(1).port());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own.getParent()))).isEqualTo("rwx------");
        try (var files = Files.walk(workspace)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("known_hosts"))).isEmpty();
        }

        // a fresh workspace is no longer a first use: the remembered key decides, a changed key is refused
        fleet.host(1).hostKey.set(TestSshHost.newKey());
        DeployResult second = fleet.deploy("2-b", r -> {
            host(r).remove("hostKeyFingerprints");
            r.put("acceptNew", true);
        });
        assertThat(second.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fleet.log()).contains("CHANGED");
    }

    @Test
    void shouldRefuseSlipwaysKnownHostsWhenOthersCanWriteIt() throws Exception {
        Path dir = Files.createDirectories(trustDir.resolve("slipway"));
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + fleet.host(1).port() + " "
                + TestSshHost.publicKeyLine(fleet.host(1).hostKey.get().getPublic()) + "\n");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        DeployResult result = fleet.deploy("1-a", r -> host(r).remove("hostKeyFingerprints"));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(fleet.log()).contains("writable by its group or by others");
    }

    @Test
    void shouldRefuseAnArtifactOrHostsFileThatLinksOutOfTheWorkspace() throws Exception {
        Path secrets = Files.createDirectories(trustDir.resolve("ssh-keys"));
        Files.writeString(secrets.resolve("id_ed25519"), "PRIVATE KEY");
        Files.createSymbolicLink(workspace.resolve("dist"), secrets);

        assertThatThrownBy(() -> fleet.deploy("1-a", r -> r.put("artifact", "dist")))
                .hasMessageContaining("artifact: 'dist' is a link to " + secrets.toRealPath())
                .hasMessageContaining("name it by its absolute path");
        Files.createSymbolicLink(workspace.resolve("hosts.json"), secrets.resolve("id_ed25519"));
        assertThatThrownBy(() -> fleet.deploy("1-a", r -> {
            r.remove("hosts");
            r.put("hostsFile", "hosts.json");
        })).hasMessageContaining("hostsFile: 'hosts.json' is a link to");
        assertThat(fleet.host(1).dir.resolve("app")).doesNotExist();
    }
}
