package io.jenkins.plugins.slipway.engine.git;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/** A git operation that could not be done (unknown commit, tag exists, push refused). */
public final class GitException extends SlipwayException {
    private static final long serialVersionUID = 1L;

    public GitException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public GitException(Kind kind, String message) {
        super(kind, message);
    }
}
