package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * A real OpenSSH {@code sshd} on loopback, run as the current user with its own host key, config and authorized
 * key; started only when {@code /usr/sbin/sshd} is installed ({@link #available()}).
 */
public final class OpenSshServer implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    public final int port;
    final KeyPair hostKey = TestSshHost.newKey();
    final Path config;
    private final Process process;

    public static boolean available() {
        return Files.isExecutable(SSHD);
    }

    public OpenSshServer(Path dir, PublicKey userKey) throws IOException, InterruptedException {
        this(dir, userKey, null);
    }

    /** With {@code home}, sessions get it as HOME ({@code SetEnv}), so several servers look like several machines. */
    OpenSshServer(Path dir, PublicKey userKey, Path home) throws IOException, InterruptedException {
        this(dir, userKey, home, List.of());
    }

    /** With {@code extraConfig}, lines added to its {@code sshd_config} (e.g. a narrower {@code Ciphers} list). */
    OpenSshServer(Path dir, PublicKey userKey, Path home, List<String> extraConfig) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        Path hostKeyFile = dir.resolve("ssh_host_ecdsa_key");
        try (OutputStream out = Files.newOutputStream(hostKeyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(hostKey, "slipway-test-host", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        Files.setPosixFilePermissions(hostKeyFile, PosixFilePermissions.fromString("rw-------"));
        Path authorized = Files.writeString(dir.resolve("authorized_keys"), TestSshHost.publicKeyLine(userKey) + "\n");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKeyFile,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
                "MaxSessions 100",
                "MaxStartups 100:30:200",
                home == null ? "" : "SetEnv HOME=" + Files.createDirectories(home),
                String.join("\n", extraConfig),
                ""), StandardCharsets.UTF_8);
        if (isRoot()) {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory, as the service unit makes it
        }
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    DeployHost host(String name) {
        return new DeployHost(name, "127.0.0.1", port, System.getProperty("user.name"), List.of(fingerprint()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
