package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

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
}
