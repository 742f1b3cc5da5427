package io.jenkins.plugins.slipway.engine.ec2;

import static io.jenkins.plugins.slipway.engine.ec2.Instances.millisSince;

import io.jenkins.plugins.slipway.engine.aws.AwsException;
import io.jenkins.plugins.slipway.engine.aws.AwsSession;
import io.jenkins.plugins.slipway.engine.aws.Target;
import io.jenkins.plugins.slipway.engine.aws.TargetGroup;
import io.jenkins.plugins.slipway.engine.aws.TargetGroups;
import io.jenkins.plugins.slipway.engine.aws.TargetHealth;
import io.jenkins.plugins.slipway.engine.core.Log;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * The fleet's side of its load balancers: {@code ec2Launch} registers every instance of the fleet in the target
 * groups (and waits until the balancer reports them healthy when asked); {@code ec2Terminate} deregisters the
 * instances first and terminates them only once the balancer reports them drained. Instance targets are the
 * instance ids, IP targets the private addresses.
 */
final class LoadBalancing {
    private final TargetGroups api;
    private final Log log;

    LoadBalancing(AwsSession aws, Waits waits, Log log) {
        this.api = new TargetGroups(aws.elb(), log, waits.max());
        this.log = log;
    }

    List<TargetGroup> resolve(List<String> targetGroups) throws Ec2Exception, InterruptedException {
        try {
            return api.resolve(targetGroups);
        } catch (AwsException e) {
            throw convert(e);
        }
    }

    /** Plan lines of a registration. */
    static List<String> plan(List<String> targetGroups, Integer port, boolean waitHealthy, String replaces) {
        List<String> plan = new ArrayList<>();
        if (!targetGroups.isEmpty()) {
            plan.add("register every instance in target group(s) " + targetGroups + (port == null ? ""
                    : " on port " + port) + (waitHealthy ? " and wait until the load balancer reports them healthy"
                    : ""));
        }
        if (replaces != null) {
            plan.add("then deregister fleet " + replaces + " from them and wait until it is drained (it keeps"
                    + " running for a rollback: ec2Launch fleet: '" + replaces + "' ... replaces: <this fleet>)");
        }
        return plan;
    }

    /**
     * Registers the hosts in every group; with {@code waitHealthy}, waits until the balancer reports them healthy
     * (bounded by the launch's deadline). When the wait fails, the instances this call launched are deregistered
     * again (the caller then terminates them).
     */
    void register(List<TargetGroup> groups, List<Ec2Host> hosts, Integer port, boolean waitHealthy,
            boolean switching, Deadline deadline, Map<String, Long> phases) throws Ec2Exception, InterruptedException {
        Map<TargetGroup, List<Target>> targets = new LinkedHashMap<>();
        try {
            long t = System.nanoTime();
            for (TargetGroup g : groups) {
                List<Target> list = new ArrayList<>();
                for (Ec2Host h : hosts) {
                    list.add(TargetGroups.targetFor(g, h.instanceId(), h.privateIp(), port));
                }
                api.register(g, list);
                targets.put(g, list);
            }
            phases.put("register", millisSince(t));
            if (waitHealthy) {
                t = System.nanoTime();
                int seconds = (int) Math.max(1, deadline.remainingMillis() / 1000);
                try {
                    api.waitHealthy(targets, seconds, "timeoutSeconds");
                } catch (AwsException e) {
                    // a switch leaves the old fleet alone and takes the whole new one out again
                    deregisterLaunched(targets, hosts, switching);
                    throw e;
                }
                phases.put("healthy", millisSince(t));
            }
        } catch (AwsException e) {
            throw convert(e);
        }
    }

    private void deregisterLaunched(Map<TargetGroup, List<Target>> targets, List<Ec2Host> hosts, boolean all)
            throws InterruptedException {
        List<String> launched = hosts.stream().filter(h -> all || h.launched())
                .flatMap(h -> java.util.stream.Stream.of(h.instanceId(), h.privateIp())).toList();
        for (Map.Entry<TargetGroup, List<Target>> e : targets.entrySet()) {
            List<Target> mine = e.getValue().stream().filter(t -> launched.contains(t.id())).toList();
            if (!mine.isEmpty()) {
                try {
                    api.deregister(e.getKey(), mine);
                } catch (AwsException failed) {
                    log.warn("could not deregister " + mine + " from target group " + e.getKey().name() + ": "
                            + failed.getMessage());
                }
            }
        }
    }

    /**
     * Deregisters the instances from every group they are registered in and waits until the balancer reports them
     * drained (bounded by the deadline); returns the plan lines (a dry run only plans).
     */
    List<String> drain(List<TargetGroup> groups, List<Instance> instances, boolean dryRun, Deadline deadline,
            Map<String, Long> phases) throws Ec2Exception, InterruptedException {
        List<String> plan = new ArrayList<>();
        Map<TargetGroup, List<Target>> draining = new LinkedHashMap<>();
        try {
            for (TargetGroup g : groups) {
                List<Target> wanted = new ArrayList<>();
                for (Instance i : instances) {
                    wanted.add(TargetGroups.targetFor(g, i.instanceId(), i.privateIpAddress(), null));
                }
                if (wanted.isEmpty()) {
                    continue;
                }
                List<Target> registered = new ArrayList<>();
                for (TargetHealth h : api.health(g, wanted)) {
                    if (!"unused".equals(h.state())) {
                        registered.add(new Target(h.target().id(), h.target().port()));
                    }
                }
                if (registered.isEmpty()) {
                    plan.add("target group " + g.name() + ": none of the instances is registered");
                    continue;
                }
                plan.add("deregister " + registered + " from target group " + g.name() + " and wait until drained"
                        + " (deregistration delay " + g.deregistrationDelaySeconds() + " s)");
                draining.put(g, registered);
            }
            if (dryRun || draining.isEmpty()) {
                return plan;
            }
            long t = System.nanoTime();
            for (Map.Entry<TargetGroup, List<Target>> e : draining.entrySet()) {
                api.deregister(e.getKey(), e.getValue());
            }
            phases.put("deregister", millisSince(t));
            t = System.nanoTime();
            api.waitDrained(draining, (int) Math.max(1, deadline.remainingMillis() / 1000), "timeoutSeconds");
            phases.put("drained", millisSince(t));
            return plan;
        } catch (AwsException e) {
            throw convert(e);
        }
    }

    private static Ec2Exception convert(AwsException e) {
        return new Ec2Exception(e.kind(), e.getMessage(), e.awsErrorCode(), e);
    }
}
