package io.jenkins.plugins.slipway.engine.core;

import java.io.PrintStream;

final class ConsoleLog implements Log {
    private final PrintStream out;
    private final PrintStream err;
    private final String prefix;
    private final boolean debug;
    private final Secrets secrets;

    ConsoleLog(PrintStream out, PrintStream err, String prefix, boolean debug, Secrets secrets) {
        this.out = out;
        this.err = err;
        this.prefix = prefix;
        this.debug = debug;
        this.secrets = secrets;
    }

    private void line(String level, String message) {
        line(out, level, message);
    }

    private void line(PrintStream to, String level, String message) {
        String text = secrets.redact(message == null ? "null" : message);
        synchronized (out) {
            if (to != out) {
                out.flush();
            }
            for (String part : text.split("\\R", -1)) {
                to.println(prefix + level + part);
            }
            to.flush();
        }
    }

    @Override
    public void info(String message) {
        line("", message);
    }

    @Override
    public void warn(String message) {
        line("WARNING: ", message);
    }

    @Override
    public void error(String message) {
        line(err, "ERROR: ", message);
    }

    @Override
    public void debug(String message) {
        if (debug) {
            line("debug: ", message);
        }
    }
}
