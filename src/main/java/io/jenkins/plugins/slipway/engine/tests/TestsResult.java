package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReport;
import java.util.List;

/**
 * What the test stage found. Lists are capped (the first failures, the slowest tests); the totals always count
 * everything. {@code coverage} is null when no coverage report was found.
 */
public record TestsResult(Outcome outcome, String summary, List<String> reasons, CommandRun command, Totals totals,
        List<Suite> suites, List<Failure> failures, List<Flaky> flaky, List<Timing> slowest, Reports reports,
        CoverageReport coverage, Outputs outputs, Comparison comparison) implements StageResult {

    /** A result without a comparison with a previous run. */
    public TestsResult(Outcome outcome, String summary, List<String> reasons, CommandRun command, Totals totals,
            List<Suite> suites, List<Failure> failures, List<Flaky> flaky, List<Timing> slowest, Reports reports,
            CoverageReport coverage, Outputs outputs) {
        this(outcome, summary, reasons, command, totals, suites, failures, flaky, slowest, reports, coverage, outputs, null);
    }

    /**
     * This run's failures against a previous run's ({@code classname.name}): {@code newFailures} did not fail then,
     * {@code stillFailing} failed then too, {@code fixed} failed then and not now. {@code note} says why there is no
     * comparison when the previous result could not be read (the lists are then empty). Both runs' failure lists are
     * capped, so a very long failure list compares its first entries only.
     */
    public record Comparison(String previousResult, String note, List<String> newFailures, List<String> stillFailing,
            List<String> fixed) {
    }

    /** The command that ran (or ran elsewhere, {@code analysisOnly}). exitCode -1 with timedOut when it was stopped. */
    public record CommandRun(List<String> commands, boolean detected, boolean analysisOnly, int exitCode,
            boolean timedOut, long durationMillis) {
    }

    /** Counts over every test case read. {@code failed} are assertion failures, {@code errors} the other errors. */
    public record Totals(long tests, long passed, long failed, long errors, long skipped, long flaky, double seconds) {
        public long failedOrErrors() {
            return failed + errors;
        }
    }

    public record Suite(String name, long tests, long failed, long errors, long skipped, double seconds) {
    }

    /** A failed test: {@code kind} is FAILED or ERROR; {@code trace} holds the first lines of the stack trace. */
    public record Failure(String suite, String classname, String name, String kind, String message, String type,
            List<String> trace, double seconds, int reruns) {
    }

    /** A test that failed, then passed on a rerun. */
    public record Flaky(String classname, String name, int failedRuns, String message) {
    }

    public record Timing(String classname, String name, double seconds) {
    }

    /**
     * The report files: read, unreadable (with file and line), and ignored as older than the command;
     * {@code coverageRead} names the coverage reports read (relative to the workspace).
     */
    public record Reports(List<String> read, List<String> problems, List<String> stale, int coverageFiles,
            List<String> coverageRead) {
    }

    /** Files written, relative to the workspace; null when not written. */
    public record Outputs(String normalisedJUnitXml, String html) {
    }
}
