package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/** The test stage could not run: the message says what failed, with which input, and what to do. */
public final class TestsException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public TestsException(Kind kind, String message) {
        super(kind, message);
    }

    public TestsException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
