package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/** A deploy could not start or could not continue (bad input, unreadable artifact or key, broken environment). */
public class DeployException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public DeployException(Kind kind, String message) {
        super(kind, message);
    }

    public DeployException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
