package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.engine.core.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A log that keeps its lines and signals when a line containing a marker appears. */
final class RecordingLog implements Log {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final String marker;
    final CountDownLatch seen = new CountDownLatch(1);

    RecordingLog(String marker) {
        this.marker = marker;
    }

    private void add(String line) {
        lines.add(line);
        if (marker != null && line.contains(marker)) {
            seen.countDown();
        }
    }

    @Override
    public void info(String message) {
        add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        add("WARN " + message);
    }

    @Override
    public void error(String message) {
        add("ERROR " + message);
    }

    @Override
    public void debug(String message) {
        add("DEBUG " + message);
    }
}
