package io.jenkins.plugins.slipway.request.deploy;

import java.util.List;

/**
 * {@code slipway deploy rollback --rollback-to <releaseId>} and {@code sshDeploy rollbackTo: …}: switch every host's
 * {@code current} to a release that is still on the host, then run the {@code afterSwitch} hooks. Hosts are switched
 * in batches, each under its deploy lock. The {@link SshTarget} and the {@link Rollout} are the deploy's own groups:
 * with a load balancer each host leaves it before its switch and rejoins when the balancer reports it healthy. JDK
 * only, like {@link DeployRequest}; a request of the previous release (every parameter at the top level) still reads.
 *
 * @param target the hosts, their login and trust, the application's directory on them
 * @param rollout batches, parallelism, lock, load balancer, dry run and report (all defaults when absent)
 * @param to the release to switch to (it must still be on the hosts)
 * @param deployedBy who switches (metadata; default: the local user)
 * @param afterSwitch commands run after {@code current} moved
 */
public record DeployRollbackRequest(SshTarget target, Rollout rollout, String to, String deployedBy,
        List<String> afterSwitch) {

    public DeployRollbackRequest {
        target = target == null ? new SshTarget(null, null, null, null, null, null, null, null, null, null, null) : target;
        rollout = rollout == null ? Rollout.defaults() : rollout;
        List<String> problems = new java.util.ArrayList<>(target.problems());
        if (to == null || !DeployRequest.RELEASE_ID.matcher(to).matches()) {
            problems.add("to must name a release that exists on the hosts (e.g. '41-9f8e7d6'), was '" + to + "'");
        }
        DeployRequest.throwAll(problems);
        afterSwitch = DeployRequest.commands(afterSwitch, "afterSwitch");
    }

    /** The same rollback for {@code target} (e.g. with the hosts of its hosts file added). */
    public DeployRollbackRequest withTarget(SshTarget target) {
        return new DeployRollbackRequest(target, rollout, to, deployedBy, afterSwitch);
    }
}
