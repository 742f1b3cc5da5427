package io.jenkins.plugins.slipway.realjenkins;

import io.jenkins.plugins.slipway.engine.deploy.TestSshHost;
import io.jenkins.plugins.slipway.engine.local.ShellCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A deploy target for the Jenkins suite: a real SSH server (Apache MINA SSHD) on 127.0.0.1 with its own host key and
 * directory (its HOME), key authentication for {@link #USER}, SFTP and exec through a real {@code /bin/sh}.
 */
public final class LoopbackSshHost implements AutoCloseable {
    public static final String USER = "deployer";
    private final SshServer server;
    private final KeyPair hostKey;
    private final Path dir;

    private LoopbackSshHost(Path dir, KeyPair userKey) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.hostKey = newKey();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, userKey.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(dir));
        server.setCommandFactory((channel, command) -> new ShellCommand(command, dir, Map.of("HOME", dir.toString())));
        server.start();
    }

    public static LoopbackSshHost start(Path dir, KeyPair userKey) throws IOException {
        return new LoopbackSshHost(dir, userKey);
    }

    public int port() {
        return server.getPort();
    }

    public Path dir() {
        return dir;
    }

    /** SHA256:… of the host key, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** The host key's SSH wire blob (what a cloud console prints, base64-encoded, after the key type). */
    public byte[] hostKeyBlob() {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(hostKey.getPublic());
        return buffer.getCompactData();
    }

    /** A known_hosts line for this server. */
    public String knownHostsLine() {
        StringBuilder sb = new StringBuilder("[127.0.0.1]:" + port() + " ");
        try {
            PublicKeyEntry.appendPublicKeyEntry(sb, hostKey.getPublic());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    /** The release the {@code current} link of {@code baseDir} points to, or null. */
    public String current(String baseDir) throws IOException {
        Path link = dir.resolve(baseDir).resolve("current");
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        String target = Files.readSymbolicLink(link).toString();
        return target.substring(target.lastIndexOf('/') + 1);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    public static KeyPair newKey() {
        return TestSshHost.newKey();
    }

    /** The private key as unencrypted OpenSSH text, as a user pastes it into an SSH credential. */
    public static String privateKeyText(KeyPair key) {
        return TestSshHost.privateKeyText(key, null);
    }
}
