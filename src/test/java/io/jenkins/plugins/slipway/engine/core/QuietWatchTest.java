package io.jenkins.plugins.slipway.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietWatchTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Log console = Log.console(new PrintStream(bytes, true, StandardCharsets.UTF_8), "[runTests] ", false,
            Secrets.none());

    private List<String> lines() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void shouldSayWhatAQuietStepWaitsFor() throws Exception {
        try (QuietWatch watch = QuietWatch.start(console, "test", Duration.ofMillis(300))) {
            Log log = watch.log();
            log.info("$ mvn -B test");
            log.waitingFor("waiting for the test command `mvn -B test`");
            waitFor(() -> lines().size() >= 2);
        }
        assertThat(lines().get(0)).isEqualTo("[runTests] $ mvn -B test");
        assertThat(lines().get(1)).startsWith("[runTests] … still waiting for the test command `mvn -B test` (")
                .contains(" s without output, ").endsWith(" s in all; last line: \"$ mvn -B test\")");
    }

    @Test
    void shouldNameTheTaskWhenItSaidNothingAndBackOffWhileTheSilenceLasts() throws Exception {
        long start = System.nanoTime();
        try (QuietWatch watch = QuietWatch.start(console, "metrics", Duration.ofMillis(200))) {
            waitFor(() -> lines().size() >= 2);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(lines().get(0)).startsWith("[runTests] … still running metrics (").doesNotContain("last line");
        assertThat(elapsedMillis).as("second line after 200 + 400 ms, not 400").isGreaterThanOrEqualTo(600);
    }

    @Test
    void shouldStayQuietWhileTheTaskPrintsAndAfterItEnds() throws Exception {
        try (QuietWatch watch = QuietWatch.start(console, "test", Duration.ofMillis(1000))) {
            Log log = watch.log();
            for (int i = 0; i < 30; i++) {
                log.info("line " + i);
                Thread.sleep(50);
            }
            log.debug("debug lines are not output");
        }
        Thread.sleep(1500);
        assertThat(lines()).hasSize(30).allSatisfy(line -> assertThat(line).doesNotContain("still"));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
