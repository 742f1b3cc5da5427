package io.jenkins.plugins.slipway.engine.core;

/**
 * Root of the engine's checked exceptions. The message says what failed, with which input, and what to do.
 * The kind decides the CLI exit code: 2 for bad usage or input, 3 for a failing environment.
 */
public class SlipwayException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Kind {
        /** Wrong parameters, unreadable input files: the user must change something. Exit code 2. */
        BAD_INPUT(2),
        /** Unreachable host, AWS error, missing browser: the environment failed. Exit code 3. */
        ENVIRONMENT(3);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public SlipwayException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SlipwayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
