package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.local.ShellCommand;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A simulated host: a real SSH server (Apache MINA SSHD) on loopback with its own host key and its own directory,
 * SFTP rooted there, and exec through a real {@code /bin/sh} whose working directory and HOME are that directory.
 */
public final class TestSshHost implements AutoCloseable {
    static final String USER = "deployer";

    final String name;
    final Path dir;
    public final AtomicReference<KeyPair> hostKey;
    final AtomicLong cutUploadAfterBytes = new AtomicLong(-1);
    /** With a cut upload, the whole host goes away (its SSH server stops) instead of just the connection. */
    final java.util.concurrent.atomic.AtomicBoolean vanishOnCut = new java.util.concurrent.atomic.AtomicBoolean();
    final Map<String, String> env = new ConcurrentHashMap<>();
    private final SshServer server;

    private TestSshHost(String name, Path dir, KeyPair hostKey, PublicKey userKey, String password) throws IOException {
        this.name = name;
        this.dir = dir;
        this.hostKey = new AtomicReference<>(hostKey);
        Files.createDirectories(dir);
        env.put("HOME", dir.toString());
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new KeyPairProvider() {
            @Override
            public Iterable<KeyPair> loadKeys(SessionContext session) {
                return List.of(TestSshHost.this.hostKey.get());
            }
        });
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, userKey));
        server.setPasswordAuthenticator((user, pw, session) -> USER.equals(user) && password != null && password.equals(pw));
        server.setKeyboardInteractiveAuthenticator(null);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            private final AtomicLong written = new AtomicLong();

            @Override
            public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                    int dataOffset, int dataLen, Throwable thrown) throws IOException {
                long limit = cutUploadAfterBytes.get();
                if (limit >= 0 && written.addAndGet(dataLen) > limit) {
                    cutUploadAfterBytes.set(-1);
                    written.set(0);
                    session.close(true); // the network goes away mid-upload
                }
            }
        });
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(dir));
        server.setCommandFactory((channel, command) -> cutting(new ShellCommand(command, dir, env), channel));
        server.setForwardingFilter(org.apache.sshd.server.forward.AcceptAllForwardingFilter.INSTANCE); // a jump host
        server.start();
    }

    /** The command, whose standard input cuts the connection after {@link #cutUploadAfterBytes} (a streamed upload). */
    private Command cutting(ShellCommand command, ChannelSession channel) {
        return new Command() {
            @Override
            public void setInputStream(InputStream in) {
                command.setInputStream(new FilterInputStream(in) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        long limit = cutUploadAfterBytes.get();
                        if (n > 0 && limit >= 0 && (read += n) > limit) {
                            cutUploadAfterBytes.set(-1);
                            if (vanishOnCut.get()) {
                                server.stop(true); // before the session closes: a reconnect must find nobody
                            }
                            channel.getSession().close(true); // the network goes away mid-upload
                            throw new IOException("connection cut");
                        }
                        return n;
                    }
                });
            }

            @Override
            public void setOutputStream(OutputStream out) {
                command.setOutputStream(out);
            }

            @Override
            public void setErrorStream(OutputStream err) {
                command.setErrorStream(err);
            }

            @Override
            public void setExitCallback(ExitCallback callback) {
                command.setExitCallback(callback);
            }

            @Override
            public void start(ChannelSession session, Environment environment) throws IOException {
                command.start(session, environment);
            }

            @Override
            public void destroy(ChannelSession session) throws Exception {
                command.destroy(session);
            }
        };
    }

    static TestSshHost start(String name, Path dir, KeyPair hostKey, PublicKey userKey, String password) throws IOException {
        return new TestSshHost(name, dir, hostKey, userKey, password);
    }

    public int port() {
        return server.getPort();
    }

    String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.get().getPublic());
    }

    DeployHost host() {
        return new DeployHost(name, "127.0.0.1", port(), USER, List.of(fingerprint()));
    }

    Path base() {
        return dir.resolve("app");
    }

    /** The release {@code current} points to, or null. */
    public String current() throws IOException {
        Path link = base().resolve("current");
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
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as OpenSSH text, encrypted when a passphrase is given. */
    public static String privateKeyText(KeyPair key, String passphrase) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyEncryptionContext context = null;
            if (passphrase != null) {
                context = new OpenSSHKeyEncryptionContext();
                context.setPassword(passphrase);
                context.setCipherName("AES");
                context.setCipherMode("CTR");
                context.setCipherType("256");
                context.setKdfRounds(4);
            }
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "slipway-test", context, out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyLine(PublicKey key) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(key, "slipway-test", out);
            return out.toString(StandardCharsets.US_ASCII).trim();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
