package io.jenkins.plugins.slipway.engine.core;

/** How a stage ended. Maps onto Jenkins' SUCCESS / UNSTABLE / FAILURE and onto the CLI's exit code. */
public enum Outcome {
    PASSED(0),
    UNSTABLE(1),
    FAILED(1);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The worse of the two outcomes. */
    public Outcome and(Outcome other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
