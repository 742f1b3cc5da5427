package io.jenkins.plugins.slipway.engine.aws;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Elastic Load Balancing v2 target groups (Application and Network Load Balancers): find them by ARN or name,
 * register and deregister instance or IP targets, read their health, and wait — bounded, with progress lines —
 * until the balancer reports targets {@code healthy} or, after the deregistration delay, drained ({@code unused}).
 */
public final class TargetGroups {
    static final String DELAY = "deregistration_delay.timeout_seconds";
    /** States in which the balancer will not send the target new requests again without a new registration. */
    private static final Set<String> GONE = Set.of("Target.NotRegistered", "Target.NotInUse", "Target.InvalidState",
            "Target.IpUnusable");
    /** How often the balancer is asked while a wait goes on. */
    static final Duration POLL = Duration.ofSeconds(5);
    private static final long FIRST_POLL_MILLIS = 250;
    /** How often a wait prints its progress when nothing changes. */
    private static final long PROGRESS_EVERY_MILLIS = 30_000;

    private final ElasticLoadBalancingV2Client elb;
    private final Log log;
    private final Duration poll;

    public TargetGroups(ElasticLoadBalancingV2Client elb, Log log) {
        this(elb, log, POLL);
    }

    /** {@code poll}: how often the waits ask the balancer (tests scale it down). */
    public TargetGroups(ElasticLoadBalancingV2Client elb, Log log, Duration poll) {
        this.elb = elb;
        this.log = log;
        this.poll = poll;
    }

    /** {@link io.jenkins.plugins.slipway.request.Checks#targetGroups}: the references' shape, checked before any call. */
    public static List<String> check(String parameter, List<String> arnsOrNames) {
        return io.jenkins.plugins.slipway.request.Checks.targetGroups(parameter, arnsOrNames);
    }

    /**
     * Finds each target group (one call per reference, so a missing one is named) and reads its deregistration
     * delay. Only {@code instance} and {@code ip} target groups are accepted.
     */
    public List<TargetGroup> resolve(List<String> arnsOrNames) throws AwsException, InterruptedException {
        List<TargetGroup> groups = new ArrayList<>();
        for (String ref : arnsOrNames) {
            boolean arn = ref.startsWith("arn:");
            DescribeTargetGroupsResponse found;
            try {
                found = ElbCalls.call("DescribeTargetGroups " + ref,
                        () -> elb.describeTargetGroups(r -> {
                            if (arn) {
                                r.targetGroupArns(ref);
                            } else {
                                r.names(ref);
                            }
                        }));
            } catch (AwsException e) {
                if ("TargetGroupNotFound".equals(e.awsErrorCode())) {
                    throw new AwsException(Kind.BAD_INPUT, "Target group " + ref + " was not found in this region ("
                            + e.getMessage() + "). Check its " + (arn ? "ARN" : "name") + " and the region.",
                            e.awsErrorCode(), e);
                }
                throw e;
            }
            if (found.targetGroups().isEmpty()) {
                throw new AwsException(Kind.BAD_INPUT, "Target group " + ref + " was not found in this region."
                        + " Check its " + (arn ? "ARN" : "name") + " and the region.");
            }
            var g = found.targetGroups().get(0);
            String type = g.targetTypeAsString();
            if (!"instance".equals(type) && !"ip".equals(type)) {
                throw new AwsException(Kind.BAD_INPUT, "Target group " + g.targetGroupName() + " has target type "
                        + type + "; Slipway registers EC2 instances and IP addresses only (target type instance or"
                        + " ip).");
            }
            List<TargetGroupAttribute> attributes = ElbCalls.call("DescribeTargetGroupAttributes "
                    + g.targetGroupName(), () -> elb.describeTargetGroupAttributes(r -> r.targetGroupArn(
                            g.targetGroupArn())).attributes());
            int delay = attributes.stream().filter(a -> DELAY.equals(a.key())).map(TargetGroupAttribute::value)
                    .findFirst().map(Integer::valueOf).orElse(300);
            TargetGroup group = new TargetGroup(g.targetGroupArn(), g.targetGroupName(), type,
                    g.protocolAsString(), g.port(), delay, g.loadBalancerArns());
            if (group.loadBalancerArns().isEmpty()) {
                log.warn("target group " + group.name() + " is not used by any load balancer: its targets stay"
                        + " 'unused' and never become healthy");
            }
            log.info("target group " + group.label() + ": " + type + " targets, " + group.protocol() + " port "
                    + group.port() + ", deregistration delay " + delay + " s, " + group.balancerKind());
            groups.add(group);
        }
        return List.copyOf(groups);
    }

    /** The target for a host in {@code group}: its instance id in an {@code instance} group, else its IP address. */
    public static Target targetFor(TargetGroup group, String instanceId, String ip, Integer port)
            throws AwsException {
        if ("instance".equals(group.targetType())) {
            if (instanceId == null) {
                throw new AwsException(Kind.BAD_INPUT, "Target group " + group.name() + " takes instance targets,"
                        + " but the host at " + ip + " has no EC2 instance id. Give the host's instance id or use a"
                        + " target group of target type ip.");
            }
            return new Target(instanceId, port);
        }
        if (ip == null) {
            throw new AwsException(Kind.BAD_INPUT, "Target group " + group.name() + " takes IP targets, but instance "
                    + instanceId + " has no private IP address.");
        }
        return new Target(ip, port);
    }

    public void register(TargetGroup group, List<Target> targets) throws AwsException, InterruptedException {
        check(group, targets);
        ElbCalls.call("RegisterTargets " + targets + " in target group " + group.label(),
                () -> elb.registerTargets(r -> r.targetGroupArn(group.arn()).targets(descriptions(targets))));
        log.info("registered " + targets + " in target group " + group.name());
    }

    public void deregister(TargetGroup group, List<Target> targets) throws AwsException, InterruptedException {
        check(group, targets);
        ElbCalls.call("DeregisterTargets " + targets + " from target group " + group.label(),
                () -> elb.deregisterTargets(r -> r.targetGroupArn(group.arn()).targets(descriptions(targets))));
        log.info("deregistered " + targets + " from target group " + group.name() + " (draining up to "
                + group.deregistrationDelaySeconds() + " s)");
    }

    /** The health of {@code targets} in {@code group}, or of every registered target when {@code targets} is empty. */
    public List<TargetHealth> health(TargetGroup group, List<Target> targets)
            throws AwsException, InterruptedException {
        List<TargetHealthDescription> found = ElbCalls.call("DescribeTargetHealth "
                + (targets.isEmpty() ? "" : targets + " ") + "in target group " + group.label(),
                () -> elb.describeTargetHealth(r -> {
                    r.targetGroupArn(group.arn());
                    if (!targets.isEmpty()) {
                        r.targets(descriptions(targets));
                    }
                }).targetHealthDescriptions());
        List<TargetHealth> out = new ArrayList<>();
        for (TargetHealthDescription d : found) {
            var h = d.targetHealth();
            out.add(new TargetHealth(group.name(), new Target(d.target().id(), d.target().port()),
                    h == null ? "unavailable" : h.stateAsString(), h == null ? null : h.reasonAsString(),
                    h == null ? null : h.description()));
        }
        return out;
    }

    /**
     * Waits until the balancer reports every target {@code healthy} in its group. Fails at once when a target can
     * no longer become healthy (not registered any more, stopped, a group no balancer uses), and after
     * {@code timeoutSeconds} naming each target still waited for and its last state; {@code timeoutParameter}
     * names the setting to raise.
     */
    public void waitHealthy(Map<TargetGroup, List<Target>> targets, int timeoutSeconds, String timeoutParameter)
            throws AwsException, InterruptedException {
        await(targets, timeoutSeconds, timeoutParameter, true, false, true);
    }

    /**
     * As {@link #waitHealthy}, but a target the balancer has marked {@code unhealthy} (its health checks failed
     * {@code UnhealthyThresholdCount} times) fails at once, with the reason code: a deploy that just restarted the
     * service learns it now instead of at the timeout.
     */
    public void waitHealthyOrFail(Map<TargetGroup, List<Target>> targets, int timeoutSeconds, String timeoutParameter)
            throws AwsException, InterruptedException {
        await(targets, timeoutSeconds, timeoutParameter, true, true, true);
    }

    /**
     * Waits until every target is drained: {@code unused} (not registered any more) once the group's deregistration
     * delay has passed or its connections have closed. A {@code draining} target is waited for.
     */
    public void waitDrained(Map<TargetGroup, List<Target>> targets, int timeoutSeconds, String timeoutParameter)
            throws AwsException, InterruptedException {
        await(targets, timeoutSeconds, timeoutParameter, false, false, true);
    }

    /**
     * As {@link #waitDrained}, but when {@code timeoutSeconds} pass it warns (naming each target still draining)
     * and returns false instead of failing: the caller goes on, as the balancer itself does after the delay.
     */
    public boolean drainedWithin(Map<TargetGroup, List<Target>> targets, int timeoutSeconds, String timeoutParameter)
            throws AwsException, InterruptedException {
        return await(targets, timeoutSeconds, timeoutParameter, false, false, false);
    }

    private boolean await(Map<TargetGroup, List<Target>> targets, int timeoutSeconds, String timeoutParameter,
            boolean healthy, boolean failOnUnhealthy, boolean failOnTimeout) throws AwsException, InterruptedException {
        String goal = healthy ? "healthy" : "drained";
        long start = System.nanoTime();
        long end = start + timeoutSeconds * 1_000_000_000L;
        long lastProgress = 0;
        String lastLine = null;
        int total = targets.values().stream().mapToInt(List::size).sum();
        int round = 0;
        while (true) {
            Map<String, TargetHealth> waiting = new LinkedHashMap<>();
            Map<String, TargetGroup> groupOf = new LinkedHashMap<>();
            for (Map.Entry<TargetGroup, List<Target>> e : targets.entrySet()) {
                TargetGroup group = e.getKey();
                Map<String, TargetHealth> byTarget = new LinkedHashMap<>();
                for (TargetHealth h : health(group, e.getValue())) {
                    byTarget.put(h.target().id(), h);
                }
                for (Target t : e.getValue()) {
                    TargetHealth found = byTarget.get(t.id());
                    TargetHealth h = found == null
                            ? new TargetHealth(group.name(), t, "unused", "Target.NotRegistered",
                                    "Target is not registered to the target group")
                            : new TargetHealth(group.name(), t, found.state(), found.reason(), found.description());
                    boolean done = healthy ? isInService(h, group) : "unused".equals(h.state());
                    if (!done) {
                        String key = group.name() + " " + t;
                        waiting.put(key, h);
                        groupOf.put(key, group);
                        if (healthy && failOnUnhealthy && "unhealthy".equals(h.state())) {
                            throw new AwsException(Kind.ENVIRONMENT, "Target " + t + " in target group "
                                    + group.label() + " failed the load balancer's health checks: it is "
                                    + h.summary() + ". Check the target group's health check (path, port, success"
                                    + " codes) against what the service answers on the target's port.");
                        }
                        if (healthy && "unused".equals(h.state()) && GONE.contains(h.reason())) {
                            throw new AwsException(Kind.ENVIRONMENT, "Target " + t + " in target group "
                                    + group.label() + " cannot become healthy: it is " + h.summary() + ". "
                                    + goneHint(h.reason()));
                        }
                    }
                }
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (waiting.isEmpty()) {
                log.progress(goal + ": " + total + "/" + total + " target(s) after " + elapsed / 1000 + " s");
                return true;
            }
            StringBuilder line = new StringBuilder();
            waiting.forEach((key, h) -> line.append(line.length() == 0 ? "" : ", ").append(key).append(" ")
                    .append(h.summary()));
            String status = (total - waiting.size()) + "/" + total + " " + goal + "; waiting for " + line;
            if (!status.equals(lastLine) || elapsed - lastProgress >= PROGRESS_EVERY_MILLIS) {
                log.progress(status + " (" + elapsed / 1000 + " s of " + timeoutSeconds + " s)");
                lastLine = status;
                lastProgress = elapsed;
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                AwsException timeout = timeout(waiting, groupOf, timeoutSeconds, timeoutParameter, healthy);
                if (failOnTimeout) {
                    throw timeout;
                }
                log.warn(timeout.getMessage());
                return false;
            }
            // soon after a change the state moves fast (the first health check, a short delay): ask early, then
            // less often, up to the poll interval
            long delay = (long) Math.min(poll.toMillis(), FIRST_POLL_MILLIS * Math.pow(1.5, Math.min(round++, 20)));
            Thread.sleep(Math.min(delay, left));
        }
    }

    private static boolean isInService(TargetHealth h, TargetGroup group) {
        // health checks switched off: the balancer sends traffic without judging the target
        return "healthy".equals(h.state()) || "unavailable".equals(h.state())
                && "Target.HealthCheckDisabled".equals(h.reason());
    }

    private static AwsException timeout(Map<String, TargetHealth> waiting, Map<String, TargetGroup> groupOf,
            int timeoutSeconds, String timeoutParameter, boolean healthy) {
        StringBuilder which = new StringBuilder();
        waiting.forEach((key, h) -> which.append(which.length() == 0 ? "" : "; ").append("target ")
                .append(h.target()).append(" in target group ").append(groupOf.get(key).label()).append(" is ")
                .append(h.summary()));
        String hint;
        if (healthy) {
            hint = "Check the target group's health check (path, port, success codes), that the service listens"
                    + " on the target's port and that the security groups let the load balancer reach it; or raise "
                    + timeoutParameter + ".";
        } else {
            int delay = groupOf.values().stream().mapToInt(TargetGroup::deregistrationDelaySeconds).max().orElse(0);
            hint = "The target group's deregistration delay is " + delay + " s; raise " + timeoutParameter
                    + " above it, or lower the target group's deregistration_delay.timeout_seconds.";
        }
        return new AwsException(Kind.ENVIRONMENT, "Timed out after " + timeoutSeconds + " s waiting for "
                + waiting.size() + " target(s) to be " + (healthy ? "healthy" : "drained") + ": " + which + ". "
                + hint);
    }

    private static String goneHint(String reason) {
        return switch (reason) {
            case "Target.NotRegistered" -> "Something else deregistered it while Slipway waited; register it again.";
            case "Target.NotInUse" -> "The target group is not used by a load balancer, or the target's availability"
                    + " zone is not enabled for the load balancer; attach the target group to a listener rule or"
                    + " enable the zone.";
            case "Target.InvalidState" -> "The instance is stopped or terminated.";
            case "Target.IpUnusable" -> "The IP address is in use by a load balancer or outside the target group's"
                    + " VPC; use another address.";
            default -> "";
        };
    }

    private static void check(TargetGroup group, List<Target> targets) throws AwsException {
        for (Target t : targets) {
            if (t.isInstance() != "instance".equals(group.targetType())) {
                throw new AwsException(Kind.BAD_INPUT, "Target " + t + " does not fit target group " + group.name()
                        + " of target type " + group.targetType() + ": give "
                        + ("instance".equals(group.targetType()) ? "an instance id (i-0abc...)" : "an IP address")
                        + ".");
            }
        }
    }

    private static List<TargetDescription> descriptions(List<Target> targets) {
        return targets.stream().map(t -> TargetDescription.builder().id(t.id()).port(t.port()).build()).toList();
    }
}
