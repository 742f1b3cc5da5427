package io.jenkins.plugins.slipway.engine.junit;

/**
 * One test case as read from a report. {@code trace} is capped; {@code flakyRuns} counts Surefire's
 * {@code flakyFailure}/{@code flakyError} (failed runs before a passing rerun), {@code reruns} its
 * {@code rerunFailure}/{@code rerunError} (failed reruns of a test that failed in the end).
 */
public record TestCase(String suite, String classname, String name, double seconds, Status status, String message,
        String type, String trace, int flakyRuns, String flakyMessage, int reruns) {

    public enum Status { PASSED, FAILED, ERROR, SKIPPED }

    public String fullName() {
        return classname == null || classname.isEmpty() ? name : classname + "." + name;
    }
}
