package io.jenkins.plugins.slipway.engine.core;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a JVM's life goes, for the start-up benchmarks ({@code ColdTimelineBench}): with the environment variable
 * {@code SLIPWAY_TIMELINE} naming a file, each {@link #mark} appends one line
 * {@code <pid> <epoch µs> <process CPU ms> <thread> <phase>} to it. Without the variable a mark costs one read of a
 * static field. Phases name steps only, never values, so nothing of a request reaches the file.
 */
public final class Timeline {

    private static final String FILE = System.getenv("SLIPWAY_TIMELINE");

    private Timeline() {
    }

    /** Appends one mark when {@code SLIPWAY_TIMELINE} is set. */
    public static void mark(String phase) {
        if (FILE != null) {
            write(phase);
        }
    }

    private static synchronized void write(String phase) {
        ProcessHandle self = ProcessHandle.current();
        StringBuilder line = new StringBuilder();
        java.time.Instant now = java.time.Instant.now();
        long cpuMillis = self.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        line.append(self.pid()).append(' ').append(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000).append(' ')
                .append(cpuMillis).append(' ').append(Thread.currentThread().getName().replace(' ', '_')).append(' ')
                .append(phase).append('\n');
        try (FileOutputStream out = new FileOutputStream(FILE, true)) {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // only a benchmark's aid
        }
    }
}
