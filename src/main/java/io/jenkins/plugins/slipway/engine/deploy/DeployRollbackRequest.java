package io.jenkins.plugins.slipway.engine.deploy;

import java.util.List;

/**
 * {@code slipway deploy rollback --to <releaseId>}: switch every host's {@code current} to a release that is still
 * on the host, then run the {@code afterSwitch} hooks. Hosts are switched in batches, each under its deploy lock.
 * Trust, connection, lock, parallelism, report and traffic parameters mean the same as in {@link DeployRequest}: with a
 * load balancer each host leaves it before its switch and rejoins when the balancer reports it healthy.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code sshDeploy} step
 * (shown by Jenkins, {@code docs/steps/sshDeploy.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}).
 */
public record DeployRollbackRequest(
        List<DeployHost> hosts,
        String hostsFile,
        DeployHost jumpHost,
        String user,
        String knownHosts,
        String knownHostsFile,
        Boolean acceptNew,
        Boolean insecure,
        String baseDir,
        String to,
        String deployedBy,
        List<String> afterSwitch,
        String batch,
        DeployRequest.LockSettings lock,
        Boolean dryRun,
        Integer connectTimeoutSeconds,
        Integer commandTimeoutSeconds,
        Integer parallelism,
        String report,
        io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficSettings traffic) {

    public DeployRollbackRequest {
        hosts = hostsFile == null ? DeployRequest.checkHosts(hosts, user) : hosts == null ? List.of() : List.copyOf(hosts);
        acceptNew = Boolean.TRUE.equals(acceptNew);
        insecure = Boolean.TRUE.equals(insecure);
        DeployRequest.checkTrust(acceptNew, insecure, knownHostsFile);
        baseDir = DeployRequest.checkBaseDir(baseDir);
        if (to == null || !DeployRequest.RELEASE_ID.matcher(to).matches()) {
            throw new IllegalArgumentException("to must name a release that exists on the hosts (e.g. '41-9f8e7d6'), was '" + to + "'");
        }
        afterSwitch = DeployRequest.commands(afterSwitch, "afterSwitch");
        batch = DeployRequest.checkBatch(batch);
        lock = lock == null ? new DeployRequest.LockSettings(null) : lock;
        dryRun = Boolean.TRUE.equals(dryRun);
        connectTimeoutSeconds = DeployRequest.seconds(connectTimeoutSeconds, 15, "connectTimeoutSeconds");
        commandTimeoutSeconds = DeployRequest.seconds(commandTimeoutSeconds, 600, "commandTimeoutSeconds");
        parallelism = DeployRequest.checkParallelism(parallelism);
        report = DeployRequest.checkReport(report);
    }

    /**
     * The request with the hosts of {@code hostsFile} added (relative to the workspace, which it must not leave); see
     * {@link DeployRequest#hostsOf} for the fingerprints in it.
     */
    DeployRollbackRequest withHostsFrom(io.jenkins.plugins.slipway.engine.core.TaskContext context)
            throws DeployException {
        if (hostsFile == null) {
            return this;
        }
        List<DeployHost> all = new java.util.ArrayList<>(hosts);
        all.addAll(DeployRequest.hostsOf(DeployService.input(hostsFile, "hostsFile", context), context));
        return new DeployRollbackRequest(all, null, jumpHost, user, knownHosts, knownHostsFile, acceptNew, insecure, baseDir,
                to, deployedBy, afterSwitch, batch, lock, dryRun, connectTimeoutSeconds, commandTimeoutSeconds, parallelism,
                report, traffic);
    }

    SshSettings ssh() {
        return new SshSettings(jumpHost == null ? null : jumpHost.withDefaultUser(user), knownHosts, knownHostsFile,
                acceptNew, insecure, connectTimeoutSeconds, commandTimeoutSeconds);
    }
}
