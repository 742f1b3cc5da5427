package io.jenkins.plugins.slipway.engine.core;

import io.jenkins.plugins.slipway.bridge.PrivateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host-key trust Slipway keeps for the machine's user, outside every workspace (a commit cannot change it):
 * {@code ~/.slipway/known_hosts} (keys trusted on first use with {@code acceptNew}, in OpenSSH's format) and
 * {@code ~/.slipway/host_fingerprints} (the fingerprints {@code ec2Launch} read from the console of the instances it
 * launched, one {@code <host> SHA256:…} line per key). The folder is private ({@link PrivateDir}); the system
 * property {@value #PROPERTY} moves it.
 */
public final class TrustStore {
    /** The system property that names another folder (tests, or an agent whose home is not private). */
    public static final String PROPERTY = "slipway.trustDir";

    private final Path dir;

    public TrustStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The store of the user running Slipway: {@code ~/.slipway}, or the folder {@value #PROPERTY} names. */
    public static TrustStore ofUser() {
        String configured = System.getProperty(PROPERTY);
        return new TrustStore(configured != null && !configured.isBlank() ? Path.of(PrivateDir.expandHome(configured))
                : Path.of(System.getProperty("user.home"), ".slipway"));
    }

    /** The name known_hosts uses for a host: {@code host} on port 22, {@code [host]:port} otherwise. */
    public static String hostName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** {@code ~/…} as the user's home ({@link PrivateDir#expandHome}). */
    public static String expandHome(String path) {
        return PrivateDir.expandHome(path);
    }

    /** Checks that {@code file} of this store may be trusted: the folder private, the file the user's own. */
    public void checkPrivate(Path file) throws IOException {
        PrivateDir.check(dir);
        PrivateDir.checkFile(file);
    }

    public Path dir() {
        return dir;
    }

    /** Slipway's own known_hosts file (not made until a key is remembered). */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** The private folder, made if missing; refused when another user could change it. */
    public Path ensure() throws IOException {
        return PrivateDir.ensure(dir);
    }

    /** The pinned fingerprints recorded for {@code hostName} (known_hosts' name: {@code host} or {@code [host]:port}). */
    public synchronized List<String> fingerprints(String hostName) throws IOException {
        Path file = dir.resolve("host_fingerprints");
        if (!Files.exists(file)) {
            return List.of();
        }
        PrivateDir.check(dir);
        PrivateDir.checkFile(file);
        List<String> prints = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals(hostName)) {
                prints.add(f[1]);
            }
        }
        return prints;
    }

    /** Records {@code prints} as the fingerprints of {@code hostName}, replacing what was recorded for it. */
    public synchronized void pin(String hostName, List<String> prints) throws IOException {
        if (hostName.isEmpty() || hostName.chars().anyMatch(c -> c <= ' ')) {
            throw new IOException("not a host name: '" + hostName + "'");
        }
        ensure();
        Path file = dir.resolve("host_fingerprints");
        StringBuilder text = new StringBuilder();
        if (Files.exists(file)) {
            PrivateDir.checkFile(file);
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && !f[0].equals(hostName)) {
                    text.append(line.trim()).append('\n');
                }
            }
        }
        for (String print : prints) {
            if (print.matches("SHA256:[A-Za-z0-9+/]{43}")) {
                text.append(hostName).append(' ').append(print).append('\n');
            }
        }
        SafeOutput.writeString(file, text.toString());
    }
}
