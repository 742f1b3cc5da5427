package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The artifact as it is uploaded: one file (a directory is packed into a tar.gz once), its size and SHA-256. The
 * SHA-256 is computed on a background thread while the hosts connect and upload; {@link #sha256()} waits for it.
 */
record LocalArtifact(Path file, String fileName, Kind kind, long size, CompletableFuture<String> digest, boolean temporary) {

    /** How the artifact becomes a release directory on the host. */
    enum Kind {
        TAR_GZ, TAR, ZIP, FILE
    }

    static LocalArtifact prepare(Path path, Path workDir) throws DeployException, InterruptedException {
        if (!Files.exists(path)) {
            throw new DeployException(SlipwayException.Kind.BAD_INPUT, "artifact " + path + " does not exist. Build it before"
                    + " deploying, or fix the path (relative paths start at " + workDir + ").");
        }
        try {
            if (Files.isDirectory(path)) {
                Path tar = Files.createTempFile("slipway-artifact-", ".tar.gz");
                ProcessRunner.Outcome out = ProcessRunner.run(List.of("tar", "-czf", tar.toString(), "-C", path.toString(), "."),
                        workDir, Map.of(), Duration.ofMinutes(30), line -> { });
                if (!out.succeeded()) {
                    Files.deleteIfExists(tar);
                    throw new DeployException(SlipwayException.Kind.ENVIRONMENT, "cannot pack the artifact directory " + path
                            + " with tar (exit " + out.exitCode() + "): " + String.join(" | ", out.lastLines()));
                }
                return new LocalArtifact(tar, path.getFileName() + ".tar.gz", Kind.TAR_GZ, Files.size(tar), digestInBackground(tar), true);
            }
            String name = path.getFileName().toString();
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            Kind kind = lower.endsWith(".tar.gz") || lower.endsWith(".tgz") ? Kind.TAR_GZ
                    : lower.endsWith(".tar") ? Kind.TAR : lower.endsWith(".zip") ? Kind.ZIP : Kind.FILE;
            return new LocalArtifact(path, name, kind, Files.size(path), digestInBackground(path), false);
        } catch (IOException e) {
            throw new DeployException(SlipwayException.Kind.BAD_INPUT, "cannot read the artifact " + path + ": " + e.getMessage(), e);
        } catch (SlipwayException e) {
            throw new DeployException(e.kind(), "cannot pack the artifact directory " + path + ": " + e.getMessage(), e);
        }
    }

    /** An artifact that is never uploaded (a rollback switches between releases already on the hosts). */
    static LocalArtifact none() {
        return new LocalArtifact(Path.of("none"), "none", Kind.FILE, 0, CompletableFuture.completedFuture(""), false);
    }

    /** The artifact's SHA-256 (hex); waits until the background digest is done. */
    String sha256() throws IOException {
        try {
            return digest.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot read the artifact " + file, e.getCause());
        }
    }

    private static CompletableFuture<String> digestInBackground(Path file) {
        CompletableFuture<String> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(sha256(file));
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "slipway artifact sha256");
        t.setDaemon(true);
        t.start();
        return future;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void cleanUp() {
        if (temporary) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file in the temp directory
            }
        }
    }
}
