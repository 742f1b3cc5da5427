package io.jenkins.plugins.slipway.request.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a deploy or a rollback goes and how it gets there: the hosts, the login, how their keys are trusted, the
 * application's directory on them and the SSH timeouts. Shared by {@link DeployRequest} and
 * {@link DeployRollbackRequest}; its defaults and checks are written here only. The hosts and the base directory are
 * checked by the request that holds the target ({@link #problems()}), with the request's own required parameters. Secrets (the private key, its
 * passphrase or a password) are never part of it.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code sshDeploy} step; the
 * lines here say what the engine does with it.
 *
 * @param hosts target hosts (the shared host shape, or {@code "user@host:port"} strings)
 * @param hostsFile a JSON file (relative to the working directory) with more hosts: a list, or an object with
 *     {@code hosts} (what the freestyle {@code ec2Launch} writes); the engine reads it ({@link #withHostsFromFile})
 * @param jumpHost optional bastion every connection goes through
 * @param user login user for hosts that name none
 * @param knownHosts known_hosts text (OpenSSH format, hashed names allowed)
 * @param knownHostsFile a known_hosts file outside the workspace to read; with {@code acceptNew} new keys are
 *     remembered there (else in Slipway's own {@code ~/.slipway/known_hosts})
 * @param acceptNew trust a host seen for the first time and remember its key (a changed key is still refused)
 * @param insecure accept any host key (prints a warning on every run)
 * @param baseDir the application's directory on each host (absolute, or relative to the login directory)
 * @param connectTimeoutSeconds SSH connect timeout (default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS})
 * @param commandTimeoutSeconds timeout of every remote command, hooks included (default
 *     {@value #DEFAULT_COMMAND_TIMEOUT_SECONDS})
 */
public record SshTarget(List<DeployHost> hosts, String hostsFile, DeployHost jumpHost, String user, String knownHosts,
        String knownHostsFile, Boolean acceptNew, Boolean insecure, String baseDir, Integer connectTimeoutSeconds,
        Integer commandTimeoutSeconds) {

    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;
    public static final int DEFAULT_COMMAND_TIMEOUT_SECONDS = 600;

    public SshTarget {
        // what can be normalised is; what is missing or wrong stays as given and is named by problems(), which the
        // request holding the target adds to its own: one run names every required parameter that is missing
        List<DeployHost> givenHosts = hosts;
        String defaultUser = user;
        hosts = hostsFile == null ? orAsGiven(() -> checkHosts(givenHosts, defaultUser), givenHosts)
                : hosts == null ? List.of() : List.copyOf(hosts);
        acceptNew = Boolean.TRUE.equals(acceptNew);
        insecure = Boolean.TRUE.equals(insecure);
        String givenBaseDir = baseDir;
        baseDir = orAsGiven(() -> checkBaseDir(givenBaseDir), givenBaseDir);
        connectTimeoutSeconds = seconds(connectTimeoutSeconds, DEFAULT_CONNECT_TIMEOUT_SECONDS, "connectTimeoutSeconds");
        commandTimeoutSeconds = seconds(commandTimeoutSeconds, DEFAULT_COMMAND_TIMEOUT_SECONDS, "commandTimeoutSeconds");
    }

    /**
     * What is missing or wrong in this target (hosts, trust, base directory), each message naming its parameter; none
     * for a target a deploy can use. {@link DeployRequest} and {@link DeployRollbackRequest} refuse a target with
     * problems, together with their own.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (hostsFile == null) {
            DeployRequest.check(problems, () -> checkHosts(hosts, user), null);
        }
        if (acceptNew && insecure) {
            problems.add("acceptNew and insecure exclude each other: insecure already accepts every key");
        }
        DeployRequest.check(problems, () -> checkBaseDir(baseDir), null);
        return problems;
    }

    private static <T> T orAsGiven(java.util.function.Supplier<T> check, T given) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            return given;
        }
    }

    /**
     * This target with {@code more} hosts (read from {@link #hostsFile} by the engine) added to its own, and no
     * hosts file left to read: the hosts are checked and named as given ones are.
     */
    public SshTarget withHostsFromFile(List<DeployHost> more) {
        List<DeployHost> all = new ArrayList<>(hosts);
        all.addAll(more);
        return new SshTarget(all, null, jumpHost, user, knownHosts, knownHostsFile, acceptNew, insecure, baseDir,
                connectTimeoutSeconds, commandTimeoutSeconds);
    }

    /** The jump host with the target's default user. */
    public DeployHost jumpHostWithUser() {
        return jumpHost == null ? null : jumpHost.withDefaultUser(user);
    }

    /**
     * Hosts with their default user; a host without a name is named by its address, and by {@code address:port}
     * when another host shares the address (two SSH servers on one machine).
     */
    public static List<DeployHost> checkHosts(List<DeployHost> hosts, String user) {
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("hosts must name at least one host (host maps from ec2Launch or 'user@host:port' strings)");
        }
        Map<String, Long> perAddress = new HashMap<>();
        for (DeployHost h : hosts) {
            if (h == null) {
                throw new IllegalArgumentException("hosts must not contain null");
            }
            perAddress.merge(h.host(), 1L, Long::sum);
        }
        Set<String> names = new HashSet<>();
        List<DeployHost> out = hosts.stream().map(h -> {
            DeployHost withUser = h.withDefaultUser(user);
            if (withUser.user() == null) {
                throw new IllegalArgumentException("host " + h.name() + " has no user: give 'user' (for all hosts) or user@host");
            }
            if (withUser.name().equals(withUser.host()) && perAddress.get(withUser.host()) > 1) {
                withUser = withUser.named(withUser.hostAndPort());
            }
            return withUser;
        }).toList();
        for (DeployHost h : out) {
            if (!names.add(h.name())) {
                throw new IllegalArgumentException("hosts: the name '" + h.name() + "' appears twice; every host needs its own name"
                        + " (give 'name', or tell the hosts apart by address or port)");
            }
        }
        return out;
    }

    /**
     * The base directory, normalised: {@code .} and empty segments dropped, {@code ~} and {@code ~/} mean the login
     * directory (like {@code ~/app} means {@code app} in it). Refused: the filesystem root and anything that
     * normalises to it ({@code /.}, {@code //}, {@code /./}), {@code ..}, quotes and new lines.
     */
    public static String checkBaseDir(String baseDir) {
        if (baseDir == null || baseDir.isBlank()) {
            throw new IllegalArgumentException("baseDir is required: the application's directory on each host, e.g. /srv/app");
        }
        String trimmed = baseDir.trim();
        if (trimmed.contains("'") || trimmed.contains("\n") || trimmed.contains("\r") || trimmed.contains("\0")) {
            throw new IllegalArgumentException("baseDir must not contain quotes or new lines, was '" + baseDir + "'");
        }
        boolean absolute = trimmed.startsWith("/");
        boolean home = trimmed.equals("~") || trimmed.startsWith("~/");
        List<String> segments = new ArrayList<>();
        for (String segment : (home ? trimmed.substring(1) : trimmed).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("baseDir must not contain '..' (give the directory itself, e.g. /srv/app), was '"
                        + baseDir + "'");
            }
            segments.add(segment);
        }
        String rest = String.join("/", segments);
        if (absolute && rest.isEmpty()) {
            throw new IllegalArgumentException("baseDir '" + baseDir + "' is the filesystem root '/': give a dedicated directory"
                    + " such as /srv/app (releases, current and .slipway are created in it)");
        }
        if (!absolute && !home && rest.isEmpty()) {
            throw new IllegalArgumentException("baseDir '" + baseDir + "' names no directory: give a dedicated directory such as"
                    + " /srv/app, ~/app (in the login directory) or ~ (the login directory itself)");
        }
        if (home) {
            return rest.isEmpty() ? "~" : "~/" + rest;
        }
        return (absolute ? "/" : "") + rest;
    }

    /** A timeout in seconds, 1..86400. */
    public static int seconds(Integer value, int def, String what) {
        int v = value == null ? def : value;
        if (v < 1 || v > 86_400) {
            throw new IllegalArgumentException(what + " must be 1..86400, was " + v);
        }
        return v;
    }
}
