package io.jenkins.plugins.slipway.engine.local;

import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The {@code local} host provider: N simulated hosts on this machine, each a real SSH server (exec through
 * {@code /bin/sh}, SFTP) on a loopback address, with its own directory, its own generated host key (reported as a
 * SHA256 fingerprint so the deploy stage verifies it) and a generated login key. For trying pipelines without a
 * cloud account. Nothing listens beyond loopback.
 */
public final class LocalLaunchService {

    static {
        quietServerLogs();
    }

    /**
     * The SSH server library's own info lines would drown the pipeline's; its warnings still show. Call before any
     * of its classes is used (a logger's level is fixed when it is made).
     */
    public static void quietServerLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.sshd") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "warn");
        }
    }

    public static final String LABEL = "local simulation: SSH servers on this machine (loopback), not cloud hosts";

    public LocalLaunchResult launch(LocalLaunchRequest request, TaskContext context) throws SlipwayException {
        Path base = context.resolve(request.dir());
        List<SshServer> servers = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        Path keyDir = null;
        try {
            context.outputDir(request.dir());
            KeyPair userKey = ecKey();
            keyDir = Files.createTempDirectory("slipway-local-key-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path keyFile = keyDir.resolve("id_ecdsa");
            ByteArrayOutputStream pem = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "slipway-local", null, pem);
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(keyFile, pem.toByteArray());

            List<LocalHost> hosts = new ArrayList<>();
            for (int i = 1; i <= request.count(); i++) {
                String name = request.namePrefix() + "-" + i;
                Path dir = SafeOutput.directory(base, base.resolve(name)).toRealPath();
                dirs.add(dir);
                String address = address(i, request.distinctAddresses());
                KeyPair hostKey = ecKey();
                SshServer server = server(name, address, dir, request.user(), userKey, hostKey);
                server.start();
                servers.add(server);
                String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
                hosts.add(new LocalHost(name, address, server.getPort(), request.user(), List.of(fingerprint), "local",
                        dir.toString()));
                context.log().info("local host " + name + ": ssh " + request.user() + "@" + address + " -p " + server.getPort()
                        + " (" + fingerprint + "), directory " + dir);
            }
            context.log().info(LABEL);
            LocalHosts running = new LocalHosts(servers, dirs, keyDir, pem.toString(StandardCharsets.US_ASCII));
            return new LocalLaunchResult("local", LABEL, hosts, request.user(), keyFile.toString(), running);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            new LocalHosts(servers, dirs, keyDir == null ? base.resolve(".none") : keyDir, "").close();
            throw new SlipwayException(SlipwayException.Kind.ENVIRONMENT, "Cannot start " + request.count()
                    + " local SSH servers under " + base + ": " + e.getMessage()
                    + ". Check that the directory is writable and loopback ports are free.", e);
        }
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** The addresses {@code count} hosts get (see {@link LocalLaunchRequest#distinctAddresses()}). */
    public static List<String> addresses(int count, boolean distinct) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(address(i, distinct));
        }
        return out;
    }

    /** 127.0.0.(i+1) when that address can be bound (Linux routes all of 127/8 to loopback), else 127.0.0.1. */
    static String address(int index, boolean distinct) {
        if (distinct) {
            String candidate = "127.0.0." + (index + 1);
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(candidate), 0));
                return candidate;
            } catch (IOException e) {
                // not available on this system (e.g. macOS): share 127.0.0.1
            }
        }
        return "127.0.0.1";
    }

    private static SshServer server(String name, String address, Path dir, String user, KeyPair userKey, KeyPair hostKey) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(address);
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((login, key, session) -> user.equals(login)
                && KeyUtils.compareKeys(key, userKey.getPublic()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", dir.toString());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("SLIPWAY_LOCAL_HOST", name);
        env.put("SLIPWAY_LOCAL_HOST_ADDRESS", address);
        env.put("SLIPWAY_LOCAL_HOST_DIR", dir.toString());
        server.setCommandFactory((channel, command) -> new ShellCommand(command, dir, env));
        server.setFileSystemFactory(new HomeDirFileSystem(dir));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        return server;
    }

    /** The machine's file system, with the host's directory as the login directory (relative SFTP paths). */
    private record HomeDirFileSystem(Path home) implements FileSystemFactory {
        @Override
        public Path getUserHomeDir(SessionContext session) {
            return home;
        }

        @Override
        public FileSystem createFileSystem(SessionContext session) {
            return new NonClosingFileSystem(home);
        }
    }

    /** The default file system (which cannot be closed; SFTP closes what the factory gives it) seen from the host's directory. */
    private static final class NonClosingFileSystem extends java.nio.file.FileSystem {
        private final FileSystem fs = FileSystems.getDefault();
        private final Path home;

        NonClosingFileSystem(Path home) {
            this.home = home;
        }

        @Override
        public java.nio.file.spi.FileSystemProvider provider() {
            return fs.provider();
        }

        @Override
        public void close() {
            // the default file system stays open
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public String getSeparator() {
            return fs.getSeparator();
        }

        @Override
        public Iterable<Path> getRootDirectories() {
            return fs.getRootDirectories();
        }

        @Override
        public Iterable<java.nio.file.FileStore> getFileStores() {
            return fs.getFileStores();
        }

        @Override
        public java.util.Set<String> supportedFileAttributeViews() {
            return fs.supportedFileAttributeViews();
        }

        @Override
        public Path getPath(String first, String... more) {
            // relative SFTP paths start at the host's directory, as they would at a login directory
            Path path = fs.getPath(first, more);
            return path.isAbsolute() ? path : home.resolve(path).normalize();
        }

        @Override
        public java.nio.file.PathMatcher getPathMatcher(String syntaxAndPattern) {
            return fs.getPathMatcher(syntaxAndPattern);
        }

        @Override
        public java.nio.file.attribute.UserPrincipalLookupService getUserPrincipalLookupService() {
            return fs.getUserPrincipalLookupService();
        }

        @Override
        public java.nio.file.WatchService newWatchService() throws IOException {
            return fs.newWatchService();
        }
    }
}
