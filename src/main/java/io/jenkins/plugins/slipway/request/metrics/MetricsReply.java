package io.jenkins.plugins.slipway.request.metrics;

import java.util.List;
import java.util.Map;

/**
 * A metrics run's result as the controller reads it: the part of the engine's {@code MetricsResult} the build page,
 * the trend and the report archiving use, under the same component names, read by {@code PlainData.toRecord}
 * ({@code ResultMirrorsTest} checks the names and types against the engine's records). JDK only.
 *
 * @param outcome PASSED, UNSTABLE or FAILED
 * @param summary the one-line summary
 * @param size files and lines of code
 * @param violations the findings
 * @param duplication CPD's share of duplicated lines
 * @param coverage the coverage read, if any
 * @param gates the quality gates, passed or missed
 * @param skippedFiles files an analyser could not read
 * @param reports the report files written ({@code html}, {@code sarif}, …), relative to the workspace
 */
public record MetricsReply(String outcome, String summary, Size size, Violations violations, Duplication duplication,
        Coverage coverage, List<Gate> gates, List<SkippedFile> skippedFiles, Map<String, String> reports) {

    /** Files and lines of code. */
    public record Size(int files, long codeLines) {
    }

    /** The number of findings, in all and per priority ({@code "1"} highest). */
    public record Violations(int total, Map<String, Integer> byPriority) {

        /** The findings of priority 1 and 2. */
        public int highPriority() {
            return byPriority == null ? 0 : byPriority.getOrDefault("1", 0) + byPriority.getOrDefault("2", 0);
        }
    }

    /** CPD's share of duplicated lines. */
    public record Duplication(double duplicatedLinesPercent) {
    }

    /** Line coverage, null when none was read. */
    public record Coverage(Double linePercent) {
    }

    /** A quality gate, passed or missed, with its message. */
    public record Gate(boolean passed, String message) {
    }

    /** A file an analyser could not read, and why. */
    public record SkippedFile(String file, String tool, String reason) {
    }
}
