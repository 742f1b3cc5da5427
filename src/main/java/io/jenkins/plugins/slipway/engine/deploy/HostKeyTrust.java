package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.TrustStore;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/**
 * Decides whether a host key is trusted: pinned fingerprints first (the request's, else those {@code ec2Launch}
 * recorded in the user's {@link TrustStore}), then known_hosts (text, the user's file, Slipway's own file of the
 * {@link TrustStore}; hashed names allowed), then trust-on-first-use ({@code acceptNew}, remembered in the user's file
 * or else in Slipway's own, never in the workspace), and only with {@code insecure} anything. A key that differs from a pinned or known one is always refused. The reason of the last refusal per
 * host is kept for the error message.
 */
final class HostKeyTrust {

    private final SshSettings settings;
    private final Log log;
    private final Path knownHostsFile;
    private final TrustStore store;
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    HostKeyTrust(SshSettings settings, Path knownHostsFile, Log log) {
        this(settings, knownHostsFile, TrustStore.ofUser(), log);
    }

    /**
     * @param knownHostsFile the user's known_hosts file (never one in the workspace), or null
     * @param store          Slipway's own trust files of this user
     */
    HostKeyTrust(SshSettings settings, Path knownHostsFile, TrustStore store, Log log) {
        this.settings = settings;
        this.knownHostsFile = knownHostsFile;
        this.store = store;
        this.log = log;
    }

    /** OpenSSH's {@code SHA256:<base64 without padding>} fingerprint of a key blob. */
    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    static String fingerprint(PublicKey key) {
        return fingerprint(blob(key));
    }

    /** The name known_hosts uses for a host: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String knownHostsName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    String refusal(DeployHost host) {
        return refusals.get(host.host() + ":" + host.port());
    }

    /** Whether to accept {@code key} for {@code host}; logs a warning for insecure and a line for a new key. */
    boolean verify(DeployHost host, PublicKey key) {
        String print = fingerprint(key);
        String id = host.host() + ":" + host.port();
        if (settings.insecure()) {
            log.withPrefix("[" + host.name() + "] ").warn("host key of " + host.address() + " NOT verified (insecure is on): " + print
                    + ". Anyone on the network path can impersonate this host. Pin it with hostKeyFingerprints: ['" + print + "']");
            return true;
        }
        List<String> pins = host.hostKeyFingerprints();
        if (pins.isEmpty()) {
            try {
                pins = store.fingerprints(knownHostsName(host.host(), host.port()));
            } catch (IOException e) {
                refusals.put(id, "cannot read Slipway's recorded host keys in " + store.dir() + ": " + e.getMessage());
                return false;
            }
        }
        if (!pins.isEmpty()) {
            if (pins.contains(print)) {
                return true;
            }
            refusals.put(id, "host key of " + host.address() + " is " + print + " but the pinned fingerprints are "
                    + pins + ". The host key CHANGED or this is not the host that was launched"
                    + " (possible man-in-the-middle). If the host was really re-created, update its fingerprints.");
            return false;
        }
        List<String> known = new ArrayList<>();
        try {
            if (settings.knownHosts() != null) {
                known.addAll(matching(settings.knownHosts(), host));
            }
            if (knownHostsFile != null && Files.isRegularFile(knownHostsFile)) {
                known.addAll(matching(Files.readString(knownHostsFile, StandardCharsets.UTF_8), host));
            }
        } catch (IOException e) {
            refusals.put(id, "cannot read knownHostsFile " + knownHostsFile + ": " + e.getMessage());
            return false;
        }
        Path own = store.knownHosts();
        try {
            if (Files.exists(own)) {
                store.checkPrivate(own);
                known.addAll(matching(Files.readString(own, StandardCharsets.UTF_8), host));
            }
        } catch (IOException e) {
            refusals.put(id, "cannot use Slipway's known hosts " + own + ": " + e.getMessage());
            return false;
        }
        if (known.contains("@revoked " + print)) {
            refusals.put(id, "host key " + print + " of " + host.address() + " is marked @revoked in known_hosts");
            return false;
        }
        if (known.contains(print)) {
            return true;
        }
        if (!known.isEmpty()) {
            refusals.put(id, "host key of " + host.address() + " is " + print + " but known_hosts lists "
                    + known + " for it. The host key CHANGED (possible man-in-the-middle). If the host was really"
                    + " re-created, remove its old line from known_hosts (ssh-keygen -R '" + knownHostsName(host.host(), host.port()) + "').");
            return false;
        }
        if (settings.acceptNew()) {
            Path file = knownHostsFile != null ? knownHostsFile : own;
            try {
                remember(host, key, file);
            } catch (IOException e) {
                refusals.put(id, "cannot remember the new host key of " + host.address() + " in " + file + ": " + e.getMessage());
                return false;
            }
            log.withPrefix("[" + host.name() + "] ").info("trusting the new host key of " + host.address() + " (" + print + ") and remembering it in " + file);
            return true;
        }
        refusals.put(id, "host key of " + host.address() + " (" + print + ") is not known. Pin it (hostKeyFingerprints: ['"
                + print + "'] after checking it on the host with ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), give knownHosts,"
                + " or use acceptNew (first-seen keys are then remembered outside the workspace).");
        return false;
    }

    private void remember(DeployHost host, PublicKey key, Path file) throws IOException {
        String line = knownHostsName(host.host(), host.port()) + " " + KeyType.fromKey(key) + " "
                + Base64.getEncoder().encodeToString(blob(key)) + System.lineSeparator();
        synchronized (HostKeyTrust.class) {
            if (file.equals(store.knownHosts())) {
                store.ensure();
                if (Files.exists(file)) {
                    store.checkPrivate(file);
                }
            } else {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Fingerprints of the keys {@code text} lists for the host ({@code "@revoked SHA256:..."} for revoked ones). */
    static List<String> matching(String text, DeployHost host) {
        String name = knownHostsName(host.host(), host.port());
        List<String> prints = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            String marker = "";
            int i = 0;
            if (f[0].startsWith("@")) {
                marker = f[0];
                i = 1;
            }
            if (f.length < i + 3 || marker.equals("@cert-authority")) {
                continue;
            }
            if (!hostMatches(f[i], name)) {
                continue;
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(f[i + 2]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            prints.add((marker.equals("@revoked") ? "@revoked " : "") + fingerprint(blob));
        }
        return prints;
    }

    static boolean hostMatches(String patterns, String name) {
        if (patterns.startsWith("|1|")) {
            String[] parts = patterns.split("\\|");
            if (parts.length != 4) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(parts[2]), "HmacSHA1"));
                byte[] hash = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
                return MessageDigest.isEqual(hash, Base64.getDecoder().decode(parts[3]));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
        boolean matched = false;
        for (String p : patterns.split(",")) {
            boolean negated = p.startsWith("!");
            String glob = negated ? p.substring(1) : p;
            if (glob(glob, name)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private static boolean glob(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }
}
