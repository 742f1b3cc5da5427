package io.jenkins.plugins.slipway.engine.deploy;

import java.util.List;
import java.util.Map;

/**
 * What a remote script said: its exit code, its {@code slipway:key=value} markers and its other last lines.
 *
 * @param exitCode the script's exit code; -1 when it was killed, -2 when it timed out
 * @param markers  the {@code slipway:} marker lines, by key
 * @param tail     its last lines of output without the markers
 */
record ScriptRun(int exitCode, Map<String, String> markers, List<String> tail) {

    boolean ok() {
        return exitCode == 0;
    }

    String marker(String key) {
        return markers.get(key);
    }

    /** {@code ; last output: a | b} with the last five lines, or nothing. */
    String lastLines() {
        List<String> last = tail.subList(Math.max(0, tail.size() - 5), tail.size());
        return last.isEmpty() ? "" : "; last output: " + String.join(" | ", last);
    }

    /** {@code exited 3}, {@code timed out (commandTimeoutSeconds)} or {@code was killed}. */
    static String exit(int code) {
        return code == -2 ? "timed out (commandTimeoutSeconds)" : code == -1 ? "was killed" : "exited " + code;
    }

    static long parseLong(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
