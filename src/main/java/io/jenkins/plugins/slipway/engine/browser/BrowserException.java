package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/** The browser stage could not run: a bad scenario, an app that never came up, a missing browser. */
public final class BrowserException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public BrowserException(Kind kind, String message) {
        super(kind, message);
    }

    public BrowserException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
