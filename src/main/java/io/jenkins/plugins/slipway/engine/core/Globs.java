package io.jenkins.plugins.slipway.engine.core;

import java.util.regex.Pattern;

/**
 * Ant-style patterns over forward-slash relative paths: {@code **} any number of directories (also none),
 * {@code *} any characters within a name, {@code ?} one character; a pattern ending in {@code /} means everything
 * below that directory. Shared by every stage that selects files (reports, sources).
 */
public final class Globs {
    private Globs() {
    }

    public static Pattern toRegex(String glob) {
        String g = glob.replace('\\', '/');
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        if (g.endsWith("/")) {
            g = g + "**";
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
