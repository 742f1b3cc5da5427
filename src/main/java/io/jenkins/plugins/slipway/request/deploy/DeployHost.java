package io.jenkins.plugins.slipway.request.deploy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One target host in the shared host shape ({@code ec2Launch} returns these): extra fields such as the instance id
 * pass through unread. A plain string {@code "user@host:port"} is accepted too ({@link #parse}). JDK only: the step
 * builds it on the controller, the engine reads it from JSON (what Jackson needs of it is said in {@code engine.core.Json}).
 *
 * @param name display name (defaults to the host)
 * @param host DNS name or IP address
 * @param port SSH port (default 22)
 * @param user login user (defaults to the request's user)
 * @param hostKeyFingerprints pinned host key fingerprints in OpenSSH's {@code SHA256:<base64>} form
 */
public record DeployHost(String name, String host, Integer port, String user, List<String> hostKeyFingerprints) {

    private static final Pattern FINGERPRINT = Pattern.compile("^SHA256:[A-Za-z0-9+/]{43}$");

    public DeployHost(String name, String host, Integer port, String user, List<String> hostKeyFingerprints) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("hosts: every host needs 'host' (a DNS name or IP address)"
                    + (name == null ? "" : ", '" + name + "' has none"));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("hosts: port of " + host + " must be 1..65535, was " + port);
        }
        List<String> prints = hostKeyFingerprints == null ? List.of() : List.copyOf(hostKeyFingerprints);
        for (String print : prints) {
            if (print == null || !FINGERPRINT.matcher(print.trim()).matches()) {
                throw new IllegalArgumentException("hosts: hostKeyFingerprints of " + host + " must look like "
                        + "'SHA256:' + 43 base64 characters (ssh-keygen -lf key.pub), was '" + print + "'");
            }
        }
        this.name = name == null || name.isBlank() ? host : name;
        this.host = host;
        this.port = port == null ? 22 : port;
        this.user = user == null || user.isBlank() ? null : user;
        this.hostKeyFingerprints = prints.stream().map(String::trim).toList();
    }

    /** Parses {@code [user@]host[:port]} (IPv6 in brackets). */
    public static DeployHost parse(String text) {
        var parsed = io.jenkins.plugins.slipway.request.Checks.host(text);
        return new DeployHost(null, parsed.host(), parsed.port(), parsed.user(), null);
    }

    /** The same host with a default user filled in. */
    public DeployHost withDefaultUser(String defaultUser) {
        return user != null || defaultUser == null ? this : new DeployHost(name, host, port, defaultUser, hostKeyFingerprints);
    }

    /** The same host under another name. */
    public DeployHost named(String newName) {
        return new DeployHost(newName, host, port, user, hostKeyFingerprints);
    }

    /** {@code host:port} always (IPv6 in brackets). */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code host:port} for messages. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + (port == 22 ? "" : ":" + port);
    }
}
