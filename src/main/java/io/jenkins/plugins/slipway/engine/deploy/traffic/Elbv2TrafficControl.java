package io.jenkins.plugins.slipway.engine.deploy.traffic;

import io.jenkins.plugins.slipway.engine.aws.AwsException;
import io.jenkins.plugins.slipway.engine.aws.AwsSession;
import io.jenkins.plugins.slipway.engine.aws.TargetGroup;
import io.jenkins.plugins.slipway.engine.aws.TargetGroups;
import io.jenkins.plugins.slipway.engine.aws.TargetHealth;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * AWS Elastic Load Balancing v2 target groups (Application and Network Load Balancers) as a deploy's balancer.
 * takeOut = DeregisterTargets from every target group the host is registered in; drain = wait for the target state
 * {@code unused} (it is {@code draining} for the group's deregistration delay, or until its connections close);
 * putBack = RegisterTargets in every target group; awaitHealthy = wait through {@code initial} for
 * {@code healthy}, failing at once when the balancer marks the target {@code unhealthy}.
 *
 * <p>A host's target is its instance id (target type {@code instance}) or IP address (target type {@code ip}):
 * {@code traffic.servers} names it, else a host named by its instance id (as {@code ec2Launch}'s host records are)
 * is that instance, else the host's address is used when it is an IP address.
 */
final class Elbv2TrafficControl implements TrafficControl {
    private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");

    private final TrafficSettings settings;
    private final TrafficSettings.Elbv2 elbv2;
    private final TrafficControls.Context context;
    private final Duration poll;
    private AwsSession session;
    private TargetGroups api;
    private List<TargetGroup> groups = List.of();
    /** Per deploy host name: its target in each group. */
    private final Map<String, Map<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target>> targets =
            new ConcurrentHashMap<>();
    /** Per deploy host name: the groups it was registered in when it was taken out (deregistered from). */
    private final Map<String, Set<TargetGroup>> takenOutOf = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();

    Elbv2TrafficControl(TrafficSettings settings, TrafficControls.Context context) {
        this(settings, context, Duration.ofSeconds(5));
    }

    Elbv2TrafficControl(TrafficSettings settings, TrafficControls.Context context, Duration poll) {
        this.settings = settings;
        this.elbv2 = settings.elbv2();
        this.context = context;
        this.poll = poll;
    }

    @Override
    public String describe() {
        return "AWS target groups " + String.join(", ", elbv2.targetGroups())
                + (elbv2.region() == null ? "" : " (" + elbv2.region() + ")");
    }

    @Override
    public synchronized Preflight preflight(List<Target> given) throws TrafficException, InterruptedException {
        List<String> notes = new ArrayList<>();
        Map<String, String> servers = new LinkedHashMap<>();
        try {
            if (session == null) {
                session = AwsSession.open(elbv2.connection(), context.secrets(), "slipway-deploy");
                api = new TargetGroups(session.elb(), context.log(), poll);
            }
            groups = api.resolve(elbv2.targetGroups());
            Map<TargetGroup, Map<String, TargetHealth>> registered = new LinkedHashMap<>();
            for (TargetGroup g : groups) {
                Map<String, TargetHealth> byId = new LinkedHashMap<>();
                api.health(g, List.of()).forEach(h -> byId.put(h.target().id(), h));
                registered.put(g, byId);
                notes.add("target group " + g.name() + " (" + g.balancerKind() + ", " + g.targetType()
                        + " targets): deregistration delay " + g.deregistrationDelaySeconds() + " s, "
                        + byId.size() + " target(s) registered");
                if (g.deregistrationDelaySeconds() > settings.drainTimeoutSeconds()) {
                    notes.add("target group " + g.name() + " drains for up to " + g.deregistrationDelaySeconds()
                            + " s, longer than traffic.drainTimeoutSeconds (" + settings.drainTimeoutSeconds()
                            + " s): a host still draining then is deployed anyway; lower the group's"
                            + " deregistration_delay.timeout_seconds or raise traffic.drainTimeoutSeconds");
                }
            }
            for (Target t : given) {
                Map<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target> mine = new LinkedHashMap<>();
                for (TargetGroup g : groups) {
                    String id = idFor(t, g);
                    TargetHealth now = registered.get(g).get(id);
                    Integer port = elbv2.port() != null ? elbv2.port() : now != null ? now.target().port() : null;
                    mine.put(g, new io.jenkins.plugins.slipway.engine.aws.Target(id, port));
                    names.put(id, t.name());
                    if (now == null) {
                        notes.add(t.name() + " (" + id + ") is not registered in target group " + g.name()
                                + ": it is registered after its deploy");
                    }
                }
                targets.put(t.name(), mine);
                servers.put(t.name(), String.join(", ", new LinkedHashSet<>(mine.values().stream()
                        .map(io.jenkins.plugins.slipway.engine.aws.Target::toString).toList())));
            }
            // RegisterTargets of a target already registered (and not draining) changes nothing: it proves the
            // permission
            for (TargetGroup g : groups) {
                List<io.jenkins.plugins.slipway.engine.aws.Target> already = targets.values().stream()
                        .map(m -> m.get(g)).filter(x -> registered.get(g).containsKey(x.id())
                                && !Set.of("draining", "unused").contains(registered.get(g).get(x.id()).state()))
                        .toList();
                if (!already.isEmpty()) {
                    api.register(g, already);
                }
            }
            notes.add("DeregisterTargets cannot be tried without an effect; the IAM policy in docs/zero-downtime.md"
                    + " lists it");
            return new Preflight(servers, inService(), notes);
        } catch (SlipwayException e) {
            throw convert(e);
        } catch (IllegalArgumentException e) {
            throw new TrafficException(Kind.BAD_INPUT, e.getMessage(), e);
        }
    }

    private String idFor(Target t, TargetGroup g) throws TrafficException {
        boolean instanceGroup = "instance".equals(g.targetType());
        // given; else a host named by its instance id (ec2Launch's host records are); else its IP address
        String id = t.server() != null ? t.server()
                : instanceGroup && INSTANCE.matcher(t.name()).matches() ? t.name()
                : IP.matcher(t.host()).matches() ? t.host() : null;
        if (id == null || instanceGroup != id.startsWith("i-")) {
            String want = instanceGroup ? "its EC2 instance id, e.g. {" + t.name() + ": 'i-0abc...'} (ec2Launch"
                    + " returns each host's instanceId)" : "its IP address in the target group's VPC, e.g. {"
                    + t.name() + ": '10.0.1.15'}";
            throw new TrafficException(Kind.BAD_INPUT, "traffic.servers: host " + t.name() + " (" + t.host()
                    + ") has no target in target group " + g.name() + ", which takes " + g.targetType()
                    + " targets" + (id == null ? "" : " (not '" + id + "')") + ": map it to " + want);
        }
        return id;
    }

    @Override
    public InService inService() throws TrafficException, InterruptedException {
        try {
            // a target is in service when every target group it is registered in reports it healthy
            Map<String, Boolean> healthy = new LinkedHashMap<>();
            for (TargetGroup g : groups) {
                for (TargetHealth h : api.health(g, List.of())) {
                    String id = h.target().id();
                    boolean ok = "healthy".equals(h.state());
                    healthy.merge(id, ok, Boolean::logicalAnd);
                }
            }
            List<String> in = healthy.entrySet().stream().filter(Map.Entry::getValue)
                    .map(e -> names.getOrDefault(e.getKey(), e.getKey())).toList();
            return new InService(in.size(), healthy.size(), in);
        } catch (SlipwayException e) {
            throw convert(e);
        }
    }

    @Override
    public void takeOut(Target target) throws TrafficException, InterruptedException {
        Map<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target> mine = mine(target);
        Set<TargetGroup> from = ConcurrentHashMap.newKeySet();
        try {
            for (Map.Entry<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target> e : mine.entrySet()) {
                List<TargetHealth> now = api.health(e.getKey(), List.of(e.getValue()));
                if (now.stream().anyMatch(h -> !"unused".equals(h.state()) && !"draining".equals(h.state()))) {
                    api.deregister(e.getKey(), List.of(e.getValue()));
                    from.add(e.getKey());
                }
            }
            takenOutOf.put(target.name(), from);
        } catch (SlipwayException e) {
            throw convert(e);
        }
    }

    @Override
    public Drain drain(Target target, Duration timeout) throws TrafficException, InterruptedException {
        Map<TargetGroup, List<io.jenkins.plugins.slipway.engine.aws.Target>> draining = new LinkedHashMap<>();
        mine(target).forEach((g, t) -> {
            if (takenOutOf.getOrDefault(target.name(), Set.of()).contains(g)) {
                draining.put(g, List.of(t));
            }
        });
        long start = System.nanoTime();
        if (draining.isEmpty()) {
            return new Drain(0, -1, -1, false);
        }
        try {
            boolean drained = api.drainedWithin(draining, (int) Math.max(0, timeout.toSeconds()),
                    "traffic.drainTimeoutSeconds");
            return new Drain((System.nanoTime() - start) / 1_000_000, -1, -1, !drained);
        } catch (SlipwayException e) {
            throw convert(e);
        }
    }

    @Override
    public void putBack(Target target) throws TrafficException, InterruptedException {
        try {
            for (Map.Entry<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target> e : mine(target).entrySet()) {
                api.register(e.getKey(), List.of(e.getValue()));
            }
        } catch (SlipwayException e) {
            throw convert(e);
        }
    }

    @Override
    public long awaitHealthy(Target target, Duration timeout) throws TrafficException, InterruptedException {
        long start = System.nanoTime();
        Map<TargetGroup, List<io.jenkins.plugins.slipway.engine.aws.Target>> all = new LinkedHashMap<>();
        mine(target).forEach((g, t) -> all.put(g, List.of(t)));
        try {
            api.waitHealthyOrFail(all, (int) Math.max(1, timeout.toSeconds()), "traffic.healthyTimeoutSeconds");
        } catch (SlipwayException e) {
            throw convert(e);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public String returnCommand(Target target) {
        Map<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target> mine = targets.get(target.name());
        if (mine == null || mine.isEmpty()) {
            return "aws elbv2 register-targets --target-group-arn <ARN of " + String.join(", ", elbv2.targetGroups())
                    + "> --targets Id=<instance id or IP of " + target.name() + ">";
        }
        List<String> commands = new ArrayList<>();
        mine.forEach((g, t) -> commands.add("aws elbv2 register-targets"
                + (session == null ? "" : " --region " + session.region())
                + " --target-group-arn " + g.arn() + " --targets Id=" + t.id()
                + (t.port() == null ? "" : ",Port=" + t.port())));
        return String.join(" && ", commands);
    }

    private Map<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target> mine(Target target) throws TrafficException {
        Map<TargetGroup, io.jenkins.plugins.slipway.engine.aws.Target> mine = targets.get(target.name());
        if (mine == null) {
            throw new TrafficException(Kind.BAD_INPUT, "host " + target.name() + " was not in the preflight of "
                    + describe());
        }
        return mine;
    }

    private static TrafficException convert(SlipwayException e) {
        return new TrafficException(e.kind(), e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
