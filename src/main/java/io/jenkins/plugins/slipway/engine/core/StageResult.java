package io.jenkins.plugins.slipway.engine.core;

/** What every capability's result has in common: an outcome and a one-line summary for logs and Actions. */
public interface StageResult {
    Outcome outcome();

    String summary();

    /**
     * The CLI's exit code for this result: 0 passed, 1 unstable or failed. A result may answer 3 when the
     * environment, not the work, failed (e.g. no host could be reached at all).
     */
    default int exitCode() {
        return outcome().exitCode();
    }
}
