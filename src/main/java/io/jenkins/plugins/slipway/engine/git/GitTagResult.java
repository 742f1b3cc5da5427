package io.jenkins.plugins.slipway.engine.git;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;

/** The tag that was made, on which commit, and where it was pushed (null: not pushed). */
public record GitTagResult(String tag, String ref, CommitInfo commit, String pushedTo) implements StageResult {
    @Override
    public Outcome outcome() {
        return Outcome.PASSED;
    }

    @Override
    public String summary() {
        return "tagged " + commit.shortId() + " as " + tag + (pushedTo == null ? "" : " and pushed it to " + pushedTo);
    }
}
