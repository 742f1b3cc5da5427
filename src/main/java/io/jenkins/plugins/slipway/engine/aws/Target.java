package io.jenkins.plugins.slipway.engine.aws;

import java.util.regex.Pattern;

/**
 * One target of a target group: an EC2 instance id (target type {@code instance}) or an IP address (target type
 * {@code ip}), with an optional port (default: the target group's port).
 *
 * @param id   {@code i-0abc...} or an IPv4/IPv6 address
 * @param port the port traffic goes to, or null for the target group's port
 */
public record Target(String id, Integer port) {
    static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    public Target {
        if (id == null || !(INSTANCE.matcher(id).matches() || IPV4.matcher(id).matches()
                || IPV6.matcher(id).matches())) {
            throw new IllegalArgumentException("target: '" + id + "' is neither an instance id (i-0abc...) nor an"
                    + " IP address (10.0.1.15)");
        }
        if (port != null && (port < 1 || port > 65_535)) {
            throw new IllegalArgumentException("target " + id + ": port must be between 1 and 65535, was " + port);
        }
    }

    /** {@code i-0abc}, {@code 10.0.1.15}, {@code i-0abc:8080}, {@code 10.0.1.15:8080} or {@code [fd00::1]:8080}. */
    public static Target parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith("[") && s.contains("]")) {
            int end = s.indexOf(']');
            String rest = s.substring(end + 1);
            return new Target(s.substring(1, end), rest.startsWith(":") ? port(spec, rest.substring(1)) : null);
        }
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':')) {
            return new Target(s.substring(0, colon), port(spec, s.substring(colon + 1)));
        }
        return new Target(s, null);
    }

    private static Integer port(String spec, String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target: '" + spec + "' has no port number after ':'", e);
        }
    }

    /** Whether this is an instance id (else an IP address). */
    public boolean isInstance() {
        return INSTANCE.matcher(id).matches();
    }

    @Override
    public String toString() {
        return port == null ? id : (id.contains(":") ? "[" + id + "]" : id) + ":" + port;
    }
}
