package io.jenkins.plugins.slipway.engine.core;

/** What every capability's result has in common: an outcome and a one-line summary for logs and Actions. */
public interface StageResult {
    Outcome outcome();

    String summary();
}
