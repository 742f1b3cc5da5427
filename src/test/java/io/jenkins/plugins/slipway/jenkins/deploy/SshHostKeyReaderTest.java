package io.jenkins.plugins.slipway.jenkins.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.slipway.engine.deploy.OpenSshServer;
import io.jenkins.plugins.slipway.realjenkins.LoopbackSshHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Test connection button's host-key reader against real SSH servers: Apache MINA SSHD and OpenSSH's sshd. */
class SshHostKeyReaderTest {

    @Test
    void shouldShowTheFingerprintOfAnEmbeddedServersHostKey(@TempDir Path dir) throws Exception {
        try (LoopbackSshHost host = LoopbackSshHost.start(dir, LoopbackSshHost.newKey())) {
            String answer = String.join(" | ", SshHostProbe.report("deployer@127.0.0.1:" + host.port(), 5000).lines());
            assertThat(answer).contains("reachable, server SSH-2.0-").contains(host.fingerprint())
                    .contains("ecdsa-sha2-nistp256");
        }
    }

    @Test
    void shouldShowTheFingerprintOfOpenSshsHostKey(@TempDir Path dir) throws Exception {
        assumeThat(OpenSshServer.available()).as("OpenSSH sshd is installed").isTrue();
        try (OpenSshServer sshd = new OpenSshServer(dir.resolve("sshd"), LoopbackSshHost.newKey().getPublic())) {
            String answer = String.join(" | ", SshHostProbe.report("127.0.0.1:" + sshd.port, 5000).lines());
            assertThat(answer).contains("server SSH-2.0-OpenSSH").contains("host key ecdsa-sha2-nistp256 " + sshd.fingerprint());
        }
    }

    @Test
    void shouldSayWhatWentWrongWhenTheServerIsNoSshServerAfterItsBanner() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("SSH-2.0-Fake\r\nthis is not a binary packet at all, just text\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read(new byte[64]);
                } catch (IOException ignored) {
                    // the reader hung up
                }
            });
            t.start();
            String answer = String.join(" | ", SshHostProbe.report("127.0.0.1:" + server.getLocalPort(), 3000).lines());
            t.join(5000);
            assertThat(answer).contains("server SSH-2.0-Fake, host key not read:");
        }
    }

    @Test
    void shouldNotEchoTheBannerOfAServiceThatIsNoSshServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                for (String banner : java.util.List.of("220 internal-mail.corp ESMTP Postfix (secret-build-7)\r\n",
                        "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3 internal-jumphost-secret\r\n")) {
                    try (Socket s = server.accept()) {
                        s.getOutputStream().write(banner.getBytes(StandardCharsets.US_ASCII));
                        s.getInputStream().read(new byte[64]);
                    } catch (IOException ignored) {
                        // the reader hung up
                    }
                }
            });
            t.start();
            String smtp = String.join(" | ", SshHostProbe.report("127.0.0.1:" + server.getLocalPort(), 3000).lines());
            String ssh = String.join(" | ", SshHostProbe.report("127.0.0.1:" + server.getLocalPort(), 3000).lines());
            t.join(5000);
            assertThat(smtp).contains("no SSH server answered").doesNotContain("internal-mail").doesNotContain("220");
            assertThat(ssh).contains("server SSH-2.0-OpenSSH_9.2p1,").doesNotContain("secret")
                    .doesNotContain("Debian");
        }
    }
}
