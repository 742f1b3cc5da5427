package io.jenkins.plugins.slipway.engine.coverage;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/** A coverage report that cannot be read: the message names the file, the line when known, and what to do. */
public final class CoverageException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public CoverageException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }

    public CoverageException(String message) {
        super(Kind.BAD_INPUT, message);
    }
}
