package io.jenkins.plugins.slipway.engine.deploy;

/** POSIX shell quoting. */
final class Shell {
    private Shell() {
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
