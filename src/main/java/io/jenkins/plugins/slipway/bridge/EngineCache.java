package io.jenkins.plugins.slipway.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine jar cache on an agent: one directory per SHA-256, so each engine version is shipped once per agent.
 * Installing is safe when two builds do it at once: each uploads to its own temporary file, which is verified and
 * then atomically renamed to the same final name.
 *
 * <p>The jar receives the build's secrets on its standard input, so the cache is private ({@link PrivateDir}: every
 * folder on the way owned by the agent's user or root and not writable by others, Slipway's folders {@code 0700}, no
 * links) and the jar's SHA-256 is checked before it starts: hashed in full the first time this agent process sees
 * the file, and again whenever the file's identity, size, modification or change time differ (any write changes the
 * change time, which no user can set). At each start the versions other than the current and the previous one (by
 * last use) are removed: each is about 240 MB.
 */
public final class EngineCache {
    public static final String JAR_NAME = "slipway-engine.jar";
    private static final String VERIFIED = ".verified";

    private EngineCache() {
    }

    /** The cache root: the configured directory, else {@code ~/.cache/slipway/engine} of the agent's user. */
    public static Path root(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(PrivateDir.expandHome(configured.trim()));
        }
        return Path.of(System.getProperty("user.home"), ".cache", "slipway", "engine");
    }

    /**
     * The installed jar for {@code sha256}, checked (private folders, a regular file of the user, its SHA-256), or
     * {@code null} when it must be shipped (a jar whose hash differs is removed first).
     *
     * @throws IOException when the cache is not private (another user could plant an engine there): the message
     *     names the folder and the fix
     */
    public static Path installed(Path root, String sha256) throws IOException {
        Path dir = root.resolve(checkSha(sha256));
        Path jar = dir.resolve(JAR_NAME);
        if (!Files.exists(jar, LinkOption.NOFOLLOW_LINKS) || !Files.exists(dir.resolve(VERIFIED))) {
            return null;
        }
        PrivateDir.ensure(root);
        PrivateDir.ensure(dir);
        PrivateDir.checkFile(jar);
        String identity = identity(jar);
        if (!identity.equals(VERIFIED_FILES.get(jar))) {
            if (!sha256(jar).equals(sha256)) {
                VERIFIED_FILES.remove(jar);
                Files.deleteIfExists(dir.resolve(VERIFIED));
                Files.deleteIfExists(jar);
                return null;
            }
            VERIFIED_FILES.put(jar, identity);
        }
        Files.setLastModifiedTime(dir.resolve(VERIFIED), FileTime.from(Instant.now())); // its last use, for pruning
        return jar;
    }

    private static final Map<Path, String> VERIFIED_FILES = new ConcurrentHashMap<>();

    /** What changes whenever the file's content can have changed: inode, size, modification and change time. */
    private static String identity(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object ctime;
        try {
            ctime = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            ctime = System.nanoTime(); // no change time here (Windows): never the same, so hashed every time
        }
        return a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime() + "/" + ctime;
    }

    /**
     * Removes the cached versions other than {@code current} and the one used last before it, with their class-data
     * archives; returns what was removed. A version that cannot be removed (in use on Windows) stays until the next
     * time.
     */
    public static List<Path> prune(Path root, String current) throws IOException {
        List<Path> versions = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.matches("[0-9a-f]{64}") && !name.equals(current)
                        && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    versions.add(d);
                }
            }
        }
        versions.sort(Comparator.comparing(EngineCache::lastUse).reversed());
        List<Path> removed = new ArrayList<>();
        for (Path old : versions.subList(Math.min(1, versions.size()), versions.size())) {
            if (deleteTree(old)) {
                removed.add(old);
            }
        }
        return removed;
    }

    private static FileTime lastUse(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(VERIFIED), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static boolean deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() { // never follows links: a link is removed, not entered
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A fresh temporary file (mode 0600) in the private cache to upload the jar into. */
    public static Path newUpload(Path root, String sha256) throws IOException {
        Path dir = root.resolve(checkSha(sha256));
        PrivateDir.ensure(root);
        PrivateDir.ensure(dir);
        return Files.createTempFile(dir, JAR_NAME + ".", ".part");
    }

    /** Verifies an uploaded file against {@code sha256} and moves it into place. */
    public static Path commit(Path root, String sha256, Path upload) throws IOException {
        Path dir = root.resolve(checkSha(sha256));
        PrivateDir.check(dir);
        PrivateDir.checkFile(upload);
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
        VERIFIED_FILES.put(jar, identity(jar));
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
