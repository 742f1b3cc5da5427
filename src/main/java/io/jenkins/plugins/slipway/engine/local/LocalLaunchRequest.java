package io.jenkins.plugins.slipway.engine.local;

/**
 * How many simulated hosts to start on this machine and where their directories go.
 *
 * @param count number of hosts (1..20, default 3)
 * @param dir base directory of the hosts' directories (relative to the working directory; default
 *     {@code .slipway/local-hosts}); each host gets {@code <dir>/<name>} as its home and login directory
 * @param namePrefix host names are {@code <namePrefix>-1}, {@code -2}… (default {@code local})
 * @param user the login user (default {@code deploy})
 * @param distinctAddresses give every host its own loopback address (127.0.0.2, .3, …) when the system allows it,
 *     so that a service can listen on the same port on every host, as on real machines (default true)
 */
public record LocalLaunchRequest(Integer count, String dir, String namePrefix, String user, Boolean distinctAddresses) {
    public LocalLaunchRequest {
        count = count == null ? 3 : count;
        if (count < 1 || count > 20) {
            throw new IllegalArgumentException("count must be 1..20 simulated hosts, was " + count);
        }
        dir = dir == null || dir.isBlank() ? ".slipway/local-hosts" : dir;
        namePrefix = namePrefix == null || namePrefix.isBlank() ? "local" : namePrefix;
        if (!namePrefix.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,30}")) {
            throw new IllegalArgumentException("namePrefix must be letters, digits, '-' or '_' (at most 31), was '" + namePrefix + "'");
        }
        user = user == null || user.isBlank() ? "deploy" : user;
        if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("user must be a plain login name (lower-case letters, digits, '-', '_'), was '" + user + "'");
        }
        distinctAddresses = distinctAddresses == null || distinctAddresses;
    }
}
