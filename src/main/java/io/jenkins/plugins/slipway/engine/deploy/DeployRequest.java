package io.jenkins.plugins.slipway.engine.deploy;

import java.util.HashSet;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code slipway deploy} does: which artifact goes to which hosts, how hosts are trusted, how the rollout is
 * batched and checked. Secrets (the private key, its passphrase or a password) are never part of the request; they
 * come from {@link io.jenkins.plugins.slipway.engine.core.Secrets} as {@code sshPrivateKey} + {@code sshPassphrase}
 * or {@code sshPassword}.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code sshDeploy} step
 * (shown by Jenkins, {@code docs/steps/sshDeploy.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param hosts target hosts (the shared host shape, or {@code "user@host:port"} strings)
 * @param hostsFile a JSON file (relative to the working directory) with more hosts: a list, or an object with
 *     {@code hosts} (what the freestyle {@code ec2Launch} writes)
 * @param jumpHost optional bastion every connection goes through
 * @param user login user for hosts that name none
 * @param knownHosts known_hosts text (OpenSSH format, hashed names allowed)
 * @param knownHostsFile a known_hosts file outside the workspace to read; with {@code acceptNew} new keys are
 *     remembered there (else in Slipway's own {@code ~/.slipway/known_hosts})
 * @param acceptNew trust a host seen for the first time and remember its key (a changed key is still refused)
 * @param insecure accept any host key (prints a warning on every run)
 * @param baseDir the application's directory on each host (absolute, or relative to the login directory)
 * @param artifact file or directory to deploy (relative to the working directory)
 * @param releaseId the release's name, the same on every host, e.g. {@code 42-1a2b3c4}
 * @param commit the commit the release was built from (metadata)
 * @param deployedBy who deploys (metadata; default: the local user)
 * @param beforeSwitch commands run in the new release directory before {@code current} moves
 * @param afterSwitch commands run after {@code current} moved (and again after a switch back)
 * @param keepReleases how many releases to keep per host (at least 2; the current and previous are never removed)
 * @param healthCheck optional check after the switch; a failing host is rolled back
 * @param batch hosts per batch: a count ({@code "2"}) or a percentage of all hosts ({@code "25%"})
 * @param maxFailedHosts failure budget as a count (default 0 when no budget is given)
 * @param minHealthyPercent failure budget as the share of hosts that must end up on the new release
 * @param rollbackAllOnFailure when the budget is exceeded, also roll back hosts of earlier batches
 * @param lock per-host lock settings
 * @param dryRun connect, check trust, permissions and tools, print the plan, change nothing
 * @param connectTimeoutSeconds SSH connect timeout
 * @param commandTimeoutSeconds timeout of every remote command (hooks included)
 * @param parallelism at most this many hosts of a batch are worked on at once (default: 8 per core, 8..32); the
 *     others of the batch wait for a free worker, so threads and buffers stay bounded however large the fleet
 * @param report where the HTML report goes, relative to the working directory (default {@value #DEFAULT_REPORT});
 *     {@code slipway.css} is written beside it
 * @param traffic optional load balancer: each host leaves rotation and drains before its switch and rejoins only
 *     when the balancer reports it healthy (see {@code docs/zero-downtime.md})
 */
public record DeployRequest(
        List<DeployHost> hosts,
        String hostsFile,
        DeployHost jumpHost,
        String user,
        String knownHosts,
        String knownHostsFile,
        Boolean acceptNew,
        Boolean insecure,
        String baseDir,
        String artifact,
        String releaseId,
        String commit,
        String deployedBy,
        List<String> beforeSwitch,
        List<String> afterSwitch,
        Integer keepReleases,
        io.jenkins.plugins.slipway.request.HealthCheck healthCheck,
        String batch,
        Integer maxFailedHosts,
        Integer minHealthyPercent,
        Boolean rollbackAllOnFailure,
        LockSettings lock,
        Boolean dryRun,
        Integer connectTimeoutSeconds,
        Integer commandTimeoutSeconds,
        Integer parallelism,
        String report,
        io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficSettings traffic) {

    /** The HTML report's default place. */
    public static final String DEFAULT_REPORT = "slipway/deploy/index.html";

    static final Pattern RELEASE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    public DeployRequest {
        // the required parameters are checked together: one run names every one that is missing or wrong
        List<String> problems = new ArrayList<>();
        List<DeployHost> givenHosts = hosts;
        hosts = hostsFile == null ? check(problems, () -> checkHosts(givenHosts, user), List.of())
                : hosts == null ? List.of() : List.copyOf(hosts);
        beforeSwitch = commands(beforeSwitch, "beforeSwitch");
        afterSwitch = commands(afterSwitch, "afterSwitch");
        acceptNew = Boolean.TRUE.equals(acceptNew);
        insecure = Boolean.TRUE.equals(insecure);
        boolean trustNew = acceptNew;
        boolean noTrust = insecure;
        String knownHostsPath = knownHostsFile;
        check(problems, () -> {
            checkTrust(trustNew, noTrust, knownHostsPath);
            return null;
        }, null);
        String givenBaseDir = baseDir;
        baseDir = check(problems, () -> checkBaseDir(givenBaseDir), null);
        if (artifact == null || artifact.isBlank()) {
            problems.add("artifact is required: the file (tar.gz, zip or any file) or directory to deploy");
        }
        if (releaseId == null || releaseId.isBlank()) {
            problems.add("releaseId is required: the release's name, 1-100 characters of letters, digits, '.', '_' "
                    + "and '-' starting with a letter or digit (e.g. '42-1a2b3c4')");
        } else if (!RELEASE_ID.matcher(releaseId).matches()) {
            problems.add("releaseId must be 1-100 characters of letters, digits, '.', '_' and '-' "
                    + "starting with a letter or digit (e.g. '42-1a2b3c4'), was '" + releaseId + "'");
        }
        if (problems.size() == 1) {
            throw new IllegalArgumentException(problems.get(0));
        } else if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " problems: " + String.join("; ", problems));
        }
        keepReleases = keepReleases == null ? 5 : keepReleases;
        if (keepReleases < 2 || keepReleases > 1000) {
            throw new IllegalArgumentException("keepReleases must be 2..1000 (the current and the previous release are always kept), was " + keepReleases);
        }
        batch = checkBatch(batch);
        if (maxFailedHosts != null && minHealthyPercent != null) {
            throw new IllegalArgumentException("maxFailedHosts and minHealthyPercent are alternatives: give one failure budget, not both");
        }
        if (maxFailedHosts != null && maxFailedHosts < 0) {
            throw new IllegalArgumentException("maxFailedHosts must be 0 or more, was " + maxFailedHosts);
        }
        if (minHealthyPercent != null && (minHealthyPercent < 0 || minHealthyPercent > 100)) {
            throw new IllegalArgumentException("minHealthyPercent must be 0..100, was " + minHealthyPercent);
        }
        rollbackAllOnFailure = Boolean.TRUE.equals(rollbackAllOnFailure);
        lock = lock == null ? new LockSettings(null) : lock;
        dryRun = Boolean.TRUE.equals(dryRun);
        connectTimeoutSeconds = seconds(connectTimeoutSeconds, 15, "connectTimeoutSeconds");
        commandTimeoutSeconds = seconds(commandTimeoutSeconds, 600, "commandTimeoutSeconds");
        parallelism = checkParallelism(parallelism);
        report = checkReport(report);
    }

    /** {@code check}'s value, or {@code fallback} with its message added to {@code problems}. */
    private static <T> T check(List<String> problems, java.util.function.Supplier<T> check, T fallback) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    /** The report's path: an {@code .html} file name, default {@value #DEFAULT_REPORT}. */
    static String checkReport(String report) {
        if (report == null || report.isBlank()) {
            return DEFAULT_REPORT;
        }
        if (!report.endsWith(".html") && !report.endsWith(".htm")) {
            throw new IllegalArgumentException("report must name an .html file relative to the working directory "
                    + "(e.g. 'slipway/deploy/index.html'), was '" + report + "'");
        }
        return report;
    }

    /** The default worker count: SSH work waits on the network far more than it computes. */
    static int defaultParallelism() {
        return Math.max(8, Math.min(32, 8 * Runtime.getRuntime().availableProcessors()));
    }

    static int checkParallelism(Integer parallelism) {
        int p = parallelism == null ? defaultParallelism() : parallelism;
        if (p < 1 || p > 1000) {
            throw new IllegalArgumentException("parallelism must be 1..1000 hosts worked on at once, was " + p);
        }
        return p;
    }

    /** The per-host lock. {@code breakStaleLockAfterMinutes}: break a lock older than this (never when absent). */
    public record LockSettings(Integer breakStaleLockAfterMinutes) {
        public LockSettings {
            if (breakStaleLockAfterMinutes != null && breakStaleLockAfterMinutes < 1) {
                throw new IllegalArgumentException("lock.breakStaleLockAfterMinutes must be 1 or more, was " + breakStaleLockAfterMinutes);
            }
        }
    }

    /** How many hosts go in one batch. */
    int batchSize() {
        return batchSize(batch, hosts.size());
    }

    static int batchSize(String batch, int hostCount) {
        return io.jenkins.plugins.slipway.request.Checks.batchSize(batch, hostCount);
    }

    /**
     * The request with the hosts of {@code hostsFile} added (relative to the workspace, which it must not leave); see
     * {@link DeployRequest#hostsOf} for the fingerprints in it.
     */
    DeployRequest withHostsFrom(io.jenkins.plugins.slipway.engine.core.TaskContext context)
            throws DeployException {
        if (hostsFile == null) {
            return this;
        }
        List<DeployHost> all = new java.util.ArrayList<>(hosts);
        all.addAll(DeployRequest.hostsOf(DeployService.input(hostsFile, "hostsFile", context), context));
        return new DeployRequest(all, null, jumpHost, user, knownHosts, knownHostsFile, acceptNew, insecure, baseDir,
                artifact, releaseId, commit, deployedBy, beforeSwitch, afterSwitch, keepReleases, healthCheck, batch,
                maxFailedHosts, minHealthyPercent, rollbackAllOnFailure, lock, dryRun, connectTimeoutSeconds, commandTimeoutSeconds,
                parallelism, report, traffic);
    }

    /**
     * The hosts of a hosts file. Fingerprints in a file inside the workspace are dropped: the commit being built
     * controls that file and could pin its own keys. The hosts' keys are then checked against what {@code ec2Launch}
     * recorded outside the workspace, known_hosts or {@code acceptNew}; a file outside the workspace (named by its
     * absolute path) is the user's explicit choice and keeps them.
     */
    static List<DeployHost> hostsOf(java.nio.file.Path file, io.jenkins.plugins.slipway.engine.core.TaskContext context)
            throws DeployException {
        List<DeployHost> read = readHosts(file);
        if (!context.insideWorkspace(file)) {
            return read;
        }
        List<DeployHost> out = new java.util.ArrayList<>();
        for (DeployHost h : read) {
            if (!h.hostKeyFingerprints().isEmpty()) {
                context.log().info("hostsFile: the fingerprints given for " + h.host() + " in " + file + " are not "
                        + "used (the workspace is the commit's to change); its key is checked against the keys "
                        + "ec2Launch recorded on this machine, known_hosts or acceptNew");
            }
            out.add(new DeployHost(h.name(), h.host(), h.port(), h.user(), List.of()));
        }
        return out;
    }

    static List<DeployHost> readHosts(java.nio.file.Path file) throws DeployException {
        try {
            com.fasterxml.jackson.databind.JsonNode node = io.jenkins.plugins.slipway.engine.core.Json.MAPPER.readTree(file.toFile());
            com.fasterxml.jackson.databind.JsonNode list = node.isArray() ? node
                    : node.path("result").path("hosts").isArray() ? node.path("result").path("hosts") : node.path("hosts");
            if (!list.isArray()) {
                throw new DeployException(io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind.BAD_INPUT, "hostsFile "
                        + file + " holds neither a list of hosts nor an object with 'hosts'");
            }
            List<DeployHost> out = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode h : list) {
                out.add(io.jenkins.plugins.slipway.engine.core.Json.MAPPER.treeToValue(h, DeployHost.class));
            }
            return out;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new DeployException(io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind.BAD_INPUT, "Cannot read the hosts in hostsFile "
                    + file + ": " + e.getMessage() + ". It must hold a JSON list of hosts (as the freestyle ec2Launch writes).", e);
        }
    }

    SshSettings ssh() {
        return new SshSettings(jumpHost == null ? null : jumpHost.withDefaultUser(user), knownHosts, knownHostsFile,
                acceptNew, insecure, connectTimeoutSeconds, commandTimeoutSeconds);
    }

    /**
     * Hosts with their default user; a host without a name is named by its address, and by {@code address:port}
     * when another host shares the address (two SSH servers on one machine).
     */
    static List<DeployHost> checkHosts(List<DeployHost> hosts, String user) {
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

    static void checkTrust(boolean acceptNew, boolean insecure, String knownHostsFile) {
        if (acceptNew && insecure) {
            throw new IllegalArgumentException("acceptNew and insecure exclude each other: insecure already accepts every key");
        }

    }

    /**
     * The base directory, normalised: {@code .} and empty segments dropped, {@code ~} and {@code ~/} mean the login
     * directory (like {@code ~/app} means {@code app} in it). Refused: the filesystem root and anything that
     * normalises to it ({@code /.}, {@code //}, {@code /./}), {@code ..}, quotes and new lines.
     */
    static String checkBaseDir(String baseDir) {
        if (baseDir == null || baseDir.isBlank()) {
            throw new IllegalArgumentException("baseDir is required: the application's directory on each host, e.g. /srv/app");
        }
        String trimmed = baseDir.trim();
        if (trimmed.contains("'") || trimmed.contains("\n") || trimmed.contains("\r") || trimmed.contains("\0")) {
            throw new IllegalArgumentException("baseDir must not contain quotes or new lines, was '" + baseDir + "'");
        }
        boolean absolute = trimmed.startsWith("/");
        boolean home = trimmed.equals("~") || trimmed.startsWith("~/");
        List<String> segments = new java.util.ArrayList<>();
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

    static String checkBatch(String batch) {
        return io.jenkins.plugins.slipway.request.Checks.batch(batch);
    }

    static List<String> commands(List<String> commands, String what) {
        if (commands == null) {
            return List.of();
        }
        for (String c : commands) {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException(what + " must not contain empty commands");
            }
        }
        return List.copyOf(commands);
    }

    static int seconds(Integer value, int def, String what) {
        int v = value == null ? def : value;
        if (v < 1 || v > 86_400) {
            throw new IllegalArgumentException(what + " must be 1..86400, was " + v);
        }
        return v;
    }
}
