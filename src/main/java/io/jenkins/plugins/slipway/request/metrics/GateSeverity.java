package io.jenkins.plugins.slipway.request.metrics;

import io.jenkins.plugins.slipway.request.Checks;

/** What missing a quality gate does to the build. */
public enum GateSeverity {
    /** The build is UNSTABLE (the default). */
    UNSTABLE,
    /** The build FAILED. */
    FAILED;

    /** Accepts any letter case ({@code failed}) and names the allowed values otherwise. */
    public static GateSeverity of(String value) {
        return Checks.oneOf(GateSeverity.class, value);
    }
}
