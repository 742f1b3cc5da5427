package io.jenkins.plugins.slipway.engine.browser;

import java.util.List;

/**
 * One scenario's (or one suite test case's) result.
 *
 * @param suite      the scenario file (or the suite's test class)
 * @param name       the scenario's name
 * @param status     PASSED, FAILED or SKIPPED
 * @param failedStep 1-based number of the step that failed, 0 when none did
 * @param message    why it failed, naming the step
 * @param artifacts  files written for the failure, relative to the output directory
 * @param steps      the steps as they ran, one line each
 */
public record CaseResult(String suite, String name, String status, int failedStep, String message,
        long durationMillis, List<String> artifacts, List<String> steps) {

    public boolean passed() {
        return "PASSED".equals(status);
    }
}
