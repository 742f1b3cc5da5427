package io.jenkins.plugins.slipway.engine.core;

import java.io.PrintStream;

final class ConsoleLog implements Log {
    private final PrintStream out;
    private final String prefix;
    private final boolean debug;
    private final Secrets secrets;

    ConsoleLog(PrintStream out, String prefix, boolean debug, Secrets secrets) {
        this.out = out;
        this.prefix = prefix;
        this.debug = debug;
        this.secrets = secrets;
    }

    private void line(String level, String message) {
        String text = secrets.redact(message == null ? "null" : message);
        synchronized (out) {
            for (String part : text.split("\\R", -1)) {
                out.println(prefix + level + part);
            }
            out.flush();
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
        line("ERROR: ", message);
    }

    @Override
    public void debug(String message) {
        if (debug) {
            line("debug: ", message);
        }
    }
}
