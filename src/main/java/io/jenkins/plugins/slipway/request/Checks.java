package io.jenkins.plugins.slipway.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of parameters that a Jenkins form checks as the user types and the engine's request record checks again
 * when it runs: written once here, called by both. This package is JDK-only and on both classpaths (the plugin's and
 * the engine's), so a form's {@code doCheckX} and the record cannot disagree. Each check throws an
 * {@link IllegalArgumentException} naming the parameter, the value and an example, and returns the value as the
 * engine uses it.
 */
public final class Checks {
    /** {@code batch}'s default: one host at a time. */
    public static final String DEFAULT_BATCH = "1";
    /** The browsers {@code browser} names (chromium is chrome). */
    public static final String HTMLUNIT = "htmlunit";
    public static final String CHROME = "chrome";

    private static final Pattern BATCH = Pattern.compile("^(\\d{1,4})(%?)$");
    private static final Pattern HOST = Pattern.compile("^(?:([^@\\s]+)@)?(\\[[^\\]]+\\]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?$");

    private Checks() {
    }

    /**
     * {@code batch}: a host count 1..9999 or a percentage 1%..100%; blank is the default ({@value #DEFAULT_BATCH}).
     *
     * @return the trimmed value
     */
    public static String batch(String batch) {
        String b = batch == null || batch.isBlank() ? DEFAULT_BATCH : batch.trim();
        Matcher m = BATCH.matcher(b);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || (!m.group(2).isEmpty() && Integer.parseInt(m.group(1)) > 100)) {
            throw new IllegalArgumentException("batch must be a host count (e.g. '2') or a percentage 1%..100% (e.g. '25%'), was '"
                    + batch + "'");
        }
        return b;
    }

    /** How many of {@code hostCount} hosts one batch of a checked {@code batch} holds (at least 1). */
    public static int batchSize(String batch, int hostCount) {
        Matcher m = BATCH.matcher(batch(batch));
        m.matches();
        int n = Integer.parseInt(m.group(1));
        int size = m.group(2).isEmpty() ? n : (int) Math.ceil(hostCount * n / 100.0);
        return Math.max(1, Math.min(size, hostCount));
    }

    /**
     * One host written {@code [user@]host[:port]} (an IPv6 address in brackets).
     *
     * @param user the login user, or null
     * @param host the DNS name or address, brackets kept
     * @param port 1..65535, or null for the default
     */
    public record HostText(String user, String host, Integer port) {
    }

    /** Parses one host of {@code hosts}/{@code hostList}: {@code [user@]host[:port]}, the port 1..65535. */
    public static HostText host(String text) {
        if (text == null) {
            throw new IllegalArgumentException("hosts: a host string must not be null");
        }
        Matcher m = HOST.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("hosts: '" + text + "' is not of the form user@host:port");
        }
        Integer port = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("hosts: port of " + m.group(2) + " must be 1..65535, was " + port);
        }
        return new HostText(m.group(1), m.group(2), port);
    }

    /** {@code browser}: htmlunit (blank, the default) or chrome (also written chromium), in any case. */
    public static String browser(String browser) {
        String b = browser == null || browser.isBlank() ? HTMLUNIT : browser.strip().toLowerCase(Locale.ROOT);
        b = "chromium".equals(b) ? CHROME : b;
        if (!b.equals(HTMLUNIT) && !b.equals(CHROME)) {
            throw new IllegalArgumentException("browser must be 'htmlunit' or 'chrome', was " + browser);
        }
        return b;
    }

    /** {@code appCommand} and {@code appUrl}: exactly one of them (blank = not given). */
    public static void oneApp(String appCommand, String appUrl) {
        boolean command = appCommand != null && !appCommand.isBlank();
        boolean url = appUrl != null && !appUrl.isBlank();
        if (command == url) {
            throw new IllegalArgumentException("Give exactly one of appCommand (a command that starts the app) and "
                    + "appUrl (the URL of an app that already runs)" + (command ? ", not both" : ""));
        }
    }

    /** A percentage 0..100 (null = not given). */
    public static Double percent(String name, Double value) {
        if (value != null && (value.isNaN() || value < 0 || value > 100)) {
            throw new IllegalArgumentException(name + " is a percentage between 0 and 100, was " + value);
        }
        return value;
    }

    /** A percentage 0..100 as a form gives it (blank = not given). */
    public static Double percent(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return percent(name, Double.valueOf(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a percentage between 0 and 100, was '" + text + "'", e);
        }
    }

    /** What is wrong with a value, by its check: the message, or null when the check passes (for form checks). */
    public static String problem(Runnable check) {
        try {
            check.run();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Target groups are named by 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen. */
    private static final Pattern TARGET_GROUP_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final Pattern TARGET_GROUP_ARN = Pattern.compile(
            "arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}");

    /**
     * Target group references, trimmed and without repeats, each an ARN
     * ({@code arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID}) or a name; {@code parameter} names
     * the input in the message.
     */
    public static List<String> targetGroups(String parameter, List<String> arnsOrNames) {
        List<String> out = new ArrayList<>();
        for (String ref : arnsOrNames == null ? List.<String>of() : arnsOrNames) {
            String r = ref == null ? "" : ref.trim();
            if (r.startsWith("arn:") ? !TARGET_GROUP_ARN.matcher(r).matches() : !TARGET_GROUP_NAME.matcher(r).matches()) {
                throw new IllegalArgumentException(parameter + ": '" + ref + "' is neither a target group ARN"
                        + " (arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef)"
                        + " nor a target group name (1 to 32 letters, digits and hyphens)");
            }
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The constant of a request enum named by {@code value} in any letter case, {@code -} standing for {@code _}
     * ({@code best-effort}, {@code Private}); otherwise an error naming the allowed values. The engine reads every
     * enum of a request with it ({@code engine.core.Json}), and a step calls it for a form's text.
     */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String value) {
        String name = value == null ? "" : value.trim().replace('-', '_');
        for (E v : type.getEnumConstants()) {
            if (v.name().equalsIgnoreCase(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
}
