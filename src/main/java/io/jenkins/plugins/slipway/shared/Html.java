package io.jenkins.plugins.slipway.shared;

/**
 * Slipway's one HTML escape, for the engine's reports ({@code engine.core.HtmlPage#esc}) and the adapter's job-page
 * charts ({@code jenkins.chart.TrendChart}) alike. It sits here because this package is the only code on both
 * classpaths: the bridge is JDK-only and travels in the plugin jar and in the engine jar, while the plugin
 * classloader never sees the engine.
 */
public final class Html {

    private Html() {
    }

    /**
     * Text made safe for HTML and SVG content and for attribute values in either quote; {@code null} is empty, control
     * characters other than tab and newline become a space; a newline becomes {@code &#10;} (the same on the page, never a raw
     * line break in the file).
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                // a new line stays a new line on the page but never a raw one in the file: a name holding a new
                // line cannot start a line of its own in a report (or in a file the report was written over)
                case '\n' -> "&#10;";
                default -> c < 0x20 && c != '\t' ? " " : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
