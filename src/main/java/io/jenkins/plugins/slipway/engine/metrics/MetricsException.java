package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/** The metrics stage could not run: a bad rule set, unreadable roots, an output directory that cannot be written. */
public final class MetricsException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public MetricsException(Kind kind, String message) {
        super(kind, message);
    }

    public MetricsException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
