package io.jenkins.plugins.slipway.engine.core;

import java.io.PrintStream;

/**
 * Where the engine reports what it does. In a Jenkins build the lines end up in the build log, in the CLI on the
 * terminal. Implementations must never print a secret: {@link #console} redacts every known secret value.
 */
public interface Log {

    void info(String message);

    void warn(String message);

    void error(String message);

    /** Printed only with {@code --debug}. */
    void debug(String message);

    /** A progress line for long work (uploads, waits, batches). */
    default void progress(String message) {
        info(message);
    }

    /**
     * Says what the work does or waits for from now on ("waiting for the test command `mvn test`", "reading 3 test
     * reports (210 MB)"), shown when a step prints nothing for a while ({@link QuietWatch}); it holds until the next
     * call. Prints nothing itself.
     */
    default void waitingFor(String what) {
    }

    /** A log whose lines carry an extra prefix, e.g. a host name. */
    default Log withPrefix(String prefix) {
        Log parent = this;
        return new Log() {
            @Override
            public void info(String message) {
                parent.info(prefix + message);
            }

            @Override
            public void warn(String message) {
                parent.warn(prefix + message);
            }

            @Override
            public void error(String message) {
                parent.error(prefix + message);
            }

            @Override
            public void debug(String message) {
                parent.debug(prefix + message);
            }

            @Override
            public void progress(String message) {
                parent.progress(prefix + message);
            }

            @Override
            public void waitingFor(String what) {
                parent.waitingFor(prefix + what);
            }
        };
    }

    /** A thread-safe log writing whole lines to {@code out}, every line prefixed and redacted. */
    static Log console(PrintStream out, String prefix, boolean debug, Secrets secrets) {
        return new ConsoleLog(out, out, prefix, debug, secrets);
    }

    /** Like {@link #console(PrintStream, String, boolean, Secrets)}, with the {@code ERROR:} lines on {@code err}. */
    static Log console(PrintStream out, PrintStream err, String prefix, boolean debug, Secrets secrets) {
        return new ConsoleLog(out, err, prefix, debug, secrets);
    }

    /** A log that drops everything (for tests and nested calls). */
    static Log silent() {
        return console(new PrintStream(PrintStream.nullOutputStream()), "", false, Secrets.none());
    }
}
