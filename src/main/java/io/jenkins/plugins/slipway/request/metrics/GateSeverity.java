package io.jenkins.plugins.slipway.request.metrics;

/** What missing a quality gate does to the build. */
public enum GateSeverity {
    /** The build is UNSTABLE (the default). */
    UNSTABLE,
    /** The build FAILED. */
    FAILED
}
