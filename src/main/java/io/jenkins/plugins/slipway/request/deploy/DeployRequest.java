package io.jenkins.plugins.slipway.request.deploy;

import io.jenkins.plugins.slipway.request.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What {@code slipway deploy} and the {@code sshDeploy} step do: which artifact goes to which hosts ({@link SshTarget}),
 * how the rollout is batched, balanced and locked ({@link Rollout}), how each host is checked and what failures it
 * bears. Secrets (the private key, its passphrase or a password) are never part of the request; the engine gets them
 * as {@code sshPrivateKey} + {@code sshPassphrase} or {@code sshPassword}. JDK only: the step builds it on the
 * controller, the CLI binds its options into it, the bridge carries it by its components, the engine runs it.
 *
 * <p>A request of the previous release names the target's and the rollout's parameters at the top level
 * ({@code {"hosts": …, "baseDir": …, "batch": …}}); the engine's JSON reader moves them into their group, so such a
 * request file still reads the same.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code sshDeploy} step
 * (shown by Jenkins, {@code docs/steps/sshDeploy.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param target the hosts, their login and trust, the application's directory on them
 * @param rollout batches, parallelism, lock, load balancer, dry run and report (all defaults when absent)
 * @param artifact file or directory to deploy (relative to the working directory)
 * @param releaseId the release's name, the same on every host, e.g. {@code 42-1a2b3c4}
 * @param commit the commit the release was built from (metadata)
 * @param deployedBy who deploys (metadata; default: the local user)
 * @param beforeSwitch commands run in the new release directory before {@code current} moves
 * @param afterSwitch commands run after {@code current} moved (and again after a switch back)
 * @param keepReleases how many releases to keep per host (at least 2; the current and previous are never removed)
 * @param healthCheck optional check after the switch; a failing host is rolled back
 * @param maxFailedHosts failure budget as a count (default 0 when no budget is given)
 * @param minHealthyPercent failure budget as the share of hosts that must end up on the new release
 * @param rollbackAllOnFailure when the budget is exceeded, also roll back hosts of earlier batches
 */
public record DeployRequest(SshTarget target, Rollout rollout, String artifact, String releaseId, String commit,
        String deployedBy, List<String> beforeSwitch, List<String> afterSwitch, Integer keepReleases,
        HealthCheck healthCheck, Integer maxFailedHosts, Integer minHealthyPercent, Boolean rollbackAllOnFailure) {

    /** The HTML report's default place. */
    public static final String DEFAULT_REPORT = Rollout.DEFAULT_REPORT;
    /** How many releases a host keeps by default. */
    public static final int DEFAULT_KEEP_RELEASES = 5;

    /** A release's name: 1-100 letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static final Pattern RELEASE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    public DeployRequest {
        target = target == null ? new SshTarget(null, null, null, null, null, null, null, null, null, null, null) : target;
        rollout = rollout == null ? Rollout.defaults() : rollout;
        List<String> problems = new ArrayList<>(target.problems());
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
        throwAll(problems);
        beforeSwitch = commands(beforeSwitch, "beforeSwitch");
        afterSwitch = commands(afterSwitch, "afterSwitch");
        keepReleases = keepReleases == null ? DEFAULT_KEEP_RELEASES : keepReleases;
        if (keepReleases < 2 || keepReleases > 1000) {
            throw new IllegalArgumentException("keepReleases must be 2..1000 (the current and the previous release are always kept), was " + keepReleases);
        }
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
    }

    /** The same request for {@code target} (e.g. with the hosts of its hosts file added). */
    public DeployRequest withTarget(SshTarget target) {
        return new DeployRequest(target, rollout, artifact, releaseId, commit, deployedBy, beforeSwitch, afterSwitch,
                keepReleases, healthCheck, maxFailedHosts, minHealthyPercent, rollbackAllOnFailure);
    }

    /** {@code check}'s value, or {@code fallback} with its message added to {@code problems}. */
    static <T> T check(List<String> problems, Supplier<T> check, T fallback) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    /** Throws the problems found, one message naming them all. */
    static void throwAll(List<String> problems) {
        if (problems.size() == 1) {
            throw new IllegalArgumentException(problems.get(0));
        } else if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " problems: " + String.join("; ", problems));
        }
    }

    /** Commands to run on a host: none when null, never a blank one. */
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
}
