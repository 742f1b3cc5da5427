package io.jenkins.plugins.slipway.request.tests;

import java.util.List;

/**
 * A test run's result as the controller reads it: the part of the engine's {@code TestsResult} the build page and the
 * JUnit publishing use, under the same component names, read by {@code PlainData.toRecord} ({@code ResultMirrorsTest}
 * checks the names and types against the engine's records). JDK only.
 *
 * @param reasons why the outcome is what it is, one line each
 * @param totals counts over every test case read
 * @param failures the failed tests
 * @param coverage the coverage read, if any
 * @param outputs the files written, relative to the workspace
 */
public record TestsReply(List<String> reasons, Totals totals, List<Failure> failures, Coverage coverage,
        Outputs outputs) {

    /** Counts over every test case read ({@code failed}: assertion failures; {@code errors}: the other errors). */
    public record Totals(long tests, long passed, long failed, long errors, long skipped, long flaky) {
    }

    /** A failed test. */
    public record Failure(String classname, String name, String message) {
    }

    /** Line and branch coverage (null counters when none was read). */
    public record Coverage(Counter lines, Counter branches) {
    }

    /** Covered and missed items. */
    public record Counter(long covered, long missed) {
    }

    /** Files written, relative to the workspace; null when not written. */
    public record Outputs(String normalisedJUnitXml, String html) {
    }
}
