package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/slipway.jar deploy} in a JVM of its own (as users and agents run the engine: without
 * BouncyCastle registered) against OpenSSH {@code sshd}s on loopback that allow one cipher only. The engine offers
 * the JDK's algorithms; a host that accepts none of them gets BouncyCastle's too, and a host that accepts nothing
 * Slipway has gets an error that names the host and says what to allow.
 */
class SshAlgorithmsITest {

    static final Path JAR = Path.of("target", "slipway.jar").toAbsolutePath();

    @TempDir
    Path temp;

    record Run(int exit, String out) {
    }

    @Test
    void shouldDeployToAHostThatAllowsOnlyChaCha20Poly1305() throws Exception {
        Run run = deployTo("Ciphers chacha20-poly1305@openssh.com");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(Files.readSymbolicLink(temp.resolve("srv/app/current")).toString()).isEqualTo("releases/r1");
        assertThat(Files.readString(temp.resolve("srv/app/current/version.txt"))).isEqualTo("r1\n");
    }

    @Test
    void shouldNameTheHostAndWhatToAllowWhenNoCipherIsShared() throws Exception {
        Run run = deployTo("Ciphers aes128-cbc");
        assertThat(run.exit()).as(run.out()).isNotZero();
        assertThat(run.out()).contains("share no SSH algorithm", "aes128-gcm@openssh.com", "sshd_config");
        assertThat(temp.resolve("srv/app/current")).doesNotExist();
    }

    private Run deployTo(String sshdConfigLine) throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "run 'mvn package' first");
        assumeTrue(OpenSshServer.available(), "OpenSSH sshd is not installed (apt-get install openssh-server)");
        try (OpenSshServer sshd = new OpenSshServer(temp.resolve("sshd"), DeployFixture.USER_KEY.getPublic(), null,
                List.of(sshdConfigLine))) {
            Path key = Files.writeString(temp.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "[127.0.0.1]:" + sshd.port + " "
                    + TestSshHost.publicKeyLine(sshd.hostKey.getPublic()) + "\n");
            Path artifact = Files.createDirectories(temp.resolve("artifact"));
            Files.writeString(artifact.resolve("version.txt"), "r1\n");
            Path ws = Files.createDirectories(temp.resolve("ws"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), "deploy", "--known-hosts", knownHosts.toString(), "--key-file", key.toString(),
                    "--artifact", artifact.toString(), "--release-id", "r1", "--base-dir", temp.resolve("srv/app").toString(),
                    "-H", System.getProperty("user.name") + "@127.0.0.1:" + sshd.port));
            ProcessBuilder builder = new ProcessBuilder(command).directory(ws.toFile()).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("out.txt").toFile());
            builder.environment().put("XDG_CACHE_HOME", Files.createDirectories(temp.resolve("cache")).toString());
            builder.environment().remove("JDK_JAVA_OPTIONS");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            Process process = builder.start();
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("slipway deploy ended").isTrue();
            return new Run(process.exitValue(), Files.readString(temp.resolve("out.txt")));
        }
    }
}
