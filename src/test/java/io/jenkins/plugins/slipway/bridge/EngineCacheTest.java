package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineCacheTest {

    @TempDir
    Path cache;

    @Test
    void shouldInstallOncePerShaAndSurviveConcurrentInstalls() throws Exception {
        byte[] jar = new byte[3_000_000];
        new java.util.Random(7).nextBytes(jar);
        String sha = EngineCache.sha256(new java.io.ByteArrayInputStream(jar));
        assertThat(EngineCache.installed(cache, sha)).isNull();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Path>> builds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                builds.add(() -> {
                    Path upload = EngineCache.newUpload(cache, sha);
                    Files.write(upload, jar);
                    return EngineCache.commit(cache, sha, upload);
                });
            }
            for (Future<Path> installed : pool.invokeAll(builds)) {
                assertThat(installed.get()).isEqualTo(cache.resolve(sha).resolve(EngineCache.JAR_NAME));
            }
        } finally {
            pool.shutdownNow();
        }
        Path installed = EngineCache.installed(cache, sha);
        assertThat(installed).isNotNull();
        assertThat(Files.readAllBytes(installed)).isEqualTo(jar);
        try (var files = Files.list(cache.resolve(sha))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(EngineCache.JAR_NAME, ".verified");
        }
    }

    private String install(byte[] jar) throws Exception {
        String sha = EngineCache.sha256(new java.io.ByteArrayInputStream(jar));
        Path upload = EngineCache.newUpload(cache, sha);
        Files.write(upload, jar);
        EngineCache.commit(cache, sha, upload);
        return sha;
    }

    @Test
    void shouldNeverStartAPlantedJarWhoseHashDiffers() throws Exception {
        String sha = install("the real engine".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(EngineCache.installed(cache, sha)).isNotNull();

        // another job on the agent replaces the jar (same user: a new file; or in place) and keeps .verified
        Path jar = cache.resolve(sha).resolve(EngineCache.JAR_NAME);
        Files.writeString(jar, "a planted engine that reads the secrets on its stdin");

        assertThat(EngineCache.installed(cache, sha)).as("shipped again, never started").isNull();
        assertThat(jar).doesNotExist();

        // a jar planted with its own .verified for the version the plugin is about to use
        String next = EngineCache.sha256(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
        Files.createDirectories(cache.resolve(next));
        Files.writeString(cache.resolve(next).resolve(EngineCache.JAR_NAME), "planted");
        Files.writeString(cache.resolve(next).resolve(".verified"), next + "\n");
        assertThat(EngineCache.installed(cache, next)).isNull();
    }

    @Test
    void shouldMakeThePrivateFoldersOwnerOnlyAndRefuseOnesOfAnotherUserOrALink() throws Exception {
        String sha = install(new byte[] {4, 5, 6});
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve(sha))))
                .isEqualTo("rwx------");

        Path other = cache.resolve("other");
        Files.createDirectories(other);
        java.nio.file.attribute.UserPrincipal nobody = other.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody");
        Files.setOwner(other, nobody);
        assertThatThrownBy(() -> EngineCache.newUpload(other, sha)).hasMessageContaining("belongs to nobody");

        Path elsewhere = Files.createDirectories(cache.resolve("elsewhere"));
        Path linked = cache.resolve("linked");
        Files.createSymbolicLink(linked, elsewhere);
        assertThatThrownBy(() -> EngineCache.newUpload(linked, sha)).hasMessageContaining("is a symbolic link");
    }

    @Test
    void shouldKeepTheCurrentAndThePreviousVersionOnly() throws Exception {
        List<String> shas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shas.add(install(new byte[] {(byte) i, 9, 9}));
            Files.setLastModifiedTime(cache.resolve(shas.get(i)).resolve(".verified"),
                    java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Files.createDirectories(cache.resolve(shas.get(0)).resolve("cds"));

        List<Path> removed = EngineCache.prune(cache, shas.get(3));

        assertThat(removed).containsExactlyInAnyOrder(cache.resolve(shas.get(0)), cache.resolve(shas.get(1)));
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(shas.get(2), shas.get(3));
        }
    }

    @Test
    void shouldExpandTheHomeFolderInAConfiguredCacheDirectory() {
        assertThat(EngineCache.root("~/slipway-cache"))
                .isEqualTo(Path.of(System.getProperty("user.home"), "slipway-cache"));
        assertThat(EngineCache.root("/srv/cache")).isEqualTo(Path.of("/srv/cache"));
    }
}
