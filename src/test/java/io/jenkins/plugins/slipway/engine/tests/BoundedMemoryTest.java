package io.jenkins.plugins.slipway.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report far larger than the heap is read by a real engine JVM started with {@code -Xmx64m}: the stage still
 * counts every test. The size can be raised with {@code -Dslipway.bigReportMb=N} (default 200).
 */
class BoundedMemoryTest {
    @TempDir
    Path ws;

    @Test
    void shouldReadAReportMuchLargerThanTheHeapInAnEngineJvmWith64Mb() throws Exception {
        long mb = Long.getLong("slipway.bigReportMb", 200);
        Path reports = Files.createDirectories(ws.resolve("build/test-results"));
        BigReport.Shape shape = BigReport.write(reports.resolve("TEST-big.xml"), mb * 1024 * 1024);
        Path json = ws.resolve("result.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.jenkins.plugins.slipway.cli.SlipwayCli", "test", "-C", ws.toString(), "--exit-code", "1",
                "--max-failed", "1000000000", "--json", json.toString()));
        Process engine = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ws.resolve("engine.log").toFile()).start();

        assertThat(engine.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(ws.resolve("engine.log"));
        assertThat(engine.exitValue()).as(log).isZero();
        JsonNode totals = Json.MAPPER.readTree(json.toFile()).path("result").path("totals");
        assertThat(shape.bytes()).isGreaterThan(64L * 1024 * 1024);
        assertThat(totals.path("tests").asLong()).isEqualTo(shape.tests());
        assertThat(totals.path("failed").asLong()).isEqualTo(shape.failed());
        assertThat(totals.path("skipped").asLong()).isEqualTo(shape.skipped());
        assertThat(log).doesNotContain("OutOfMemoryError");
    }
}
