package io.jenkins.plugins.slipway.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.xfer.InMemorySourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLaunchServiceTest {

    @TempDir
    Path work;

    private LocalLaunchResult launch(int count) throws Exception {
        return new LocalLaunchService().launch(new LocalLaunchRequest(count, "hosts", "web", "deploy", null),
                new TaskContext(Log.silent(), Secrets.none(), work));
    }

    private static SSHClient connect(LocalHost host, String privateKey) throws IOException {
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, java.security.PublicKey key) {
                return host.hostKeyFingerprints().contains(sha256(key));
            }

            @Override
            public java.util.List<String> findExistingAlgorithms(String hostname, int port) {
                return java.util.List.of();
            }
        });
        ssh.connect(host.host(), host.port());
        ssh.authPublickey(host.user(), ssh.loadKeys(privateKey, null, null));
        return ssh;
    }

    static String sha256(java.security.PublicKey key) {
        try {
            net.schmizz.sshj.common.Buffer.PlainBuffer buf = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(buf.getCompactData());
            return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String exec(SSHClient ssh, String command) throws IOException {
        try (Session session = ssh.startSession(); Session.Command cmd = session.exec(command)) {
            String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            cmd.join(10, TimeUnit.SECONDS);
            assertThat(cmd.getExitStatus()).as("exit status of " + command).isZero();
            return out;
        }
    }

    @Test
    void shouldRunRealSshServersWithTheirOwnDirectoryHostKeyAndLoginKey() throws Exception {
        try (LocalLaunchResult result = launch(2)) {
            assertThat(result.label()).contains("local simulation");
            assertThat(result.hosts()).hasSize(2);
            assertThat(result.hosts()).extracting(LocalHost::name).containsExactly("web-1", "web-2");
            assertThat(result.hosts().get(0).hostKeyFingerprints().get(0)).matches("SHA256:[A-Za-z0-9+/]{43}");
            assertThat(result.hosts().get(0).hostKeyFingerprints()).isNotEqualTo(result.hosts().get(1).hostKeyFingerprints());
            Path keyFile = Path.of(result.privateKeyFile());
            assertThat(keyFile.startsWith(work)).isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            String key = result.secretsForLaterStages().get("sshPrivateKey");
            assertThat(Json.write(result)).doesNotContain(key.lines().skip(1).findFirst().orElseThrow())
                    .contains("\"hostKeyFingerprints\"").contains("\"port\"");

            LocalHost host = result.hosts().get(1);
            try (SSHClient ssh = connect(host, key)) {
                assertThat(exec(ssh, "pwd").trim()).isEqualTo(host.dir());
                assertThat(exec(ssh, "echo $SLIPWAY_LOCAL_HOST; echo a b | wc -w").lines().toList()).containsExactly("web-2", "2");
                try (SFTPClient sftp = ssh.newSFTPClient()) {
                    sftp.mkdirs("app/releases");
                    sftp.put(new InMemorySourceFile() {
                        private final byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

                        @Override
                        public String getName() {
                            return "greeting.txt";
                        }

                        @Override
                        public long getLength() {
                            return data.length;
                        }

                        @Override
                        public java.io.InputStream getInputStream() {
                            return new java.io.ByteArrayInputStream(data);
                        }
                    }, "app/releases/greeting.txt");
                }
                assertThat(Path.of(host.dir(), "app/releases/greeting.txt")).hasContent("hello");
                assertThat(exec(ssh, "cat app/releases/greeting.txt")).isEqualTo("hello");
                try (Session session = ssh.startSession(); Session.Command cmd = session.exec("exit 7")) {
                    cmd.join(10, TimeUnit.SECONDS);
                    assertThat(cmd.getExitStatus()).isEqualTo(7);
                }
            }
        }
    }

    @Test
    void shouldRefuseAnotherKeyAndStopServersAndServicesOnClose() throws Exception {
        LocalLaunchResult result = launch(1);
        LocalHost host = result.hosts().get(0);
        LocalLaunchResult other = new LocalLaunchService().launch(new LocalLaunchRequest(1, "other", null, null, false),
                new TaskContext(Log.silent(), Secrets.none(), work));
        try {
            assertThatThrownBy(() -> connect(host, other.secretsForLaterStages().get("sshPrivateKey")).close())
                    .isInstanceOf(IOException.class);
            String pid;
            try (SSHClient ssh = connect(host, result.secretsForLaterStages().get("sshPrivateKey"))) {
                // the host's directory on the service's command line (as $0 of sh), which waits for its sleep
                exec(ssh, "nohup sh -c 'sleep 300; true' " + host.dir() + " >/dev/null 2>&1 & echo $! > app.pid");
                pid = Files.readString(Path.of(host.dir(), "app.pid")).trim();
            }
            assertThat(ProcessHandle.of(Long.parseLong(pid))).isPresent();
        } finally {
            result.close();
            other.close();
        }
        assertThat(result.running().isRunning()).isFalse();
        assertThat(Path.of(result.privateKeyFile())).doesNotExist();
        assertThatThrownBy(() -> new java.net.Socket(host.host(), host.port()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void shouldValidateTheRequest() {
        assertThatThrownBy(() -> new LocalLaunchRequest(0, null, null, null, null)).hasMessageContaining("count");
        assertThatThrownBy(() -> new LocalLaunchRequest(2, null, "bad name", null, null)).hasMessageContaining("namePrefix");
        assertThatThrownBy(() -> new LocalLaunchRequest(2, null, null, "Root!", null)).hasMessageContaining("user");
    }
}
