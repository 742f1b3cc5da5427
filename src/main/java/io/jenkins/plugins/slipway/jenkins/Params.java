package io.jenkins.plugins.slipway.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one syntax every Slipway step and builder uses for its text parameters (documented in {@code docs/pipeline.md},
 * "Parameter syntax"):
 * <ul>
 * <li><b>list</b> (globs, paths, ids): items separated by commas or new lines, trimmed, blanks dropped;</li>
 * <li><b>lines</b> (shell commands, which may hold commas): one item per line, trimmed, blanks dropped;</li>
 * <li><b>map</b> (environment, tags, thresholds): {@code KEY=VALUE} entries separated by new lines or by commas; a
 * comma not followed by {@code KEY=} belongs to the value ({@code JAVA_OPTS=-Da=1,-Db=2} is one entry).</li>
 * </ul>
 * Nothing here knows a step; a bad entry is reported with the step and the parameter that holds it.
 */
public final class Params {
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\r\\n]+");
    private static final Pattern LINE_SEPARATOR = Pattern.compile("\\R");
    /** A comma that starts a new {@code KEY=} entry. */
    private static final Pattern MAP_SEPARATOR = Pattern.compile(",(?=\\s*[A-Za-z_][A-Za-z0-9_.:/-]*\\s*=)");

    private Params() {
    }

    /** The form's check of a percentage parameter: the request records' own ({@link io.jenkins.plugins.slipway.request.Checks#percent}). */
    public static String percentProblem(String name, String value) {
        return io.jenkins.plugins.slipway.request.Checks.problem(
                () -> io.jenkins.plugins.slipway.request.Checks.percent(name, value));
    }

    /** The trimmed text, or null when it is null or blank (an empty form field means "the default"). */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Items separated by commas or new lines; an empty list for no text. */
    public static List<String> list(String text) {
        return split(text, LIST_SEPARATOR);
    }

    /** As {@link #list(String)}, null instead of an empty list (the engine then keeps its default). */
    public static List<String> listOrNull(String text) {
        List<String> list = list(text);
        return list.isEmpty() ? null : list;
    }

    /** One item per line (commands). */
    public static List<String> lines(String text) {
        return split(text, LINE_SEPARATOR);
    }

    /**
     * {@code KEY=VALUE} entries; {@code KEY=} gives an empty value.
     *
     * @throws IllegalArgumentException naming {@code step} and {@code parameter} for an entry without a key
     */
    public static Map<String, String> map(String step, String parameter, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String problem = mapProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(step + ": " + parameter + " " + problem);
        }
        for (String line : lines(text)) {
            for (String entry : MAP_SEPARATOR.split(line)) {
                if (!entry.isBlank()) {
                    int eq = entry.indexOf('=');
                    out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
                }
            }
        }
        return out;
    }

    /** As {@link #map}, null instead of an empty map. */
    public static Map<String, String> mapOrNull(String step, String parameter, String text) {
        Map<String, String> map = map(step, parameter, text);
        return map.isEmpty() ? null : map;
    }

    /** What is wrong with a map text (for form validation and errors), or null when it parses. */
    public static String mapProblem(String text) {
        for (String line : lines(text)) {
            for (String entry : MAP_SEPARATOR.split(line)) {
                if (entry.isBlank()) {
                    continue;
                }
                if (entry.indexOf('=') <= 0 || entry.substring(0, entry.indexOf('=')).isBlank()) {
                    return "takes KEY=VALUE entries separated by new lines or commas, not '" + entry.trim()
                            + "' (e.g. 'JAVA_HOME=/opt/jdk, CI=true')";
                }
            }
        }
        return null;
    }

    /**
     * A step's typed request, built by {@code record}; a value the record refuses names the step too
     * ({@code ec2Terminate: fleet / instanceIds / expired: say what to terminate}), as the engine's errors do.
     */
    public static <R extends Record> R request(String step, java.util.function.Supplier<R> record) {
        try {
            return record.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw message.startsWith(step + ":") ? e : new IllegalArgumentException(step + ": " + message, e);
        }
    }

    /** Puts {@code value} unless it is null (an empty string is kept: for some parameters it means "none"). */
    public static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static List<String> split(String text, Pattern separator) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : separator.split(text)) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
