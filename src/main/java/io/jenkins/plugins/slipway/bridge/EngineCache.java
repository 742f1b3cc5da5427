package io.jenkins.plugins.slipway.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The engine jar cache on an agent: one directory per SHA-256, so each engine version is shipped once per agent.
 * Installing is safe when two builds do it at once: each uploads to its own temporary file, which is verified and
 * then atomically renamed to the same final name.
 */
public final class EngineCache {
    public static final String JAR_NAME = "slipway-engine.jar";
    private static final String VERIFIED = ".verified";

    private EngineCache() {
    }

    /** The cache root: the configured directory, else {@code ~/.cache/slipway/engine} of the agent's user. */
    public static Path root(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "slipway", "engine");
    }

    /** The installed, verified jar for {@code sha256}, or {@code null} when it must be shipped. */
    public static Path installed(Path root, String sha256) {
        Path dir = root.resolve(checkSha(sha256));
        Path jar = dir.resolve(JAR_NAME);
        return Files.isRegularFile(jar) && Files.isRegularFile(dir.resolve(VERIFIED)) ? jar : null;
    }

    /** A fresh temporary file in the cache to upload the jar into. */
    public static Path newUpload(Path root, String sha256) throws IOException {
        Path dir = root.resolve(checkSha(sha256));
        Files.createDirectories(dir);
        return Files.createTempFile(dir, JAR_NAME + ".", ".part");
    }

    /** Verifies an uploaded file against {@code sha256} and moves it into place. */
    public static Path commit(Path root, String sha256, Path upload) throws IOException {
        Path dir = root.resolve(checkSha(sha256));
        String actual = sha256(upload);
        if (!actual.equals(sha256)) {
            Files.deleteIfExists(upload);
            throw new IOException("The Slipway engine shipped to this agent is damaged: SHA-256 " + actual
                    + " instead of " + sha256 + " (" + upload + "). Run the build again; if it persists, check the"
                    + " agent's disk.");
        }
        Path jar = dir.resolve(JAR_NAME);
        Files.move(upload, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(dir.resolve(VERIFIED), sha256 + "\n");
        return jar;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("SHA-256 is not available in this JVM", e);
        }
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String checkSha(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return sha256;
    }
}
