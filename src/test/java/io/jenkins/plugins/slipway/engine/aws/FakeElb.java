package io.jenkins.plugins.slipway.engine.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elastic Load Balancing v2 faked at the HTTP boundary: a local server speaking the ELBv2 Query protocol
 * (form-encoded {@code Action=...&Version=2015-12-01}, XML answers in the
 * {@code http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/} namespace, {@code <ErrorResponse>} errors with
 * {@code Type}, {@code Code} and {@code Message} and the real HTTP status codes). The real SDK — signing, retries,
 * unmarshalling — runs against it through the endpoint override, alone or behind {@code FakeEc2}'s endpoint.
 *
 * <p>Time is simulated and scaled: one simulated second lasts {@link #millisPerSecond} real milliseconds. A
 * registered target is {@code initial} ({@code Elb.RegistrationInProgress} for one health check interval, then
 * {@code Elb.InitialHealthChecking}) until {@code HealthyThresholdCount} checks have passed, then {@code healthy};
 * a target whose service fails its checks turns {@code unhealthy} after {@code UnhealthyThresholdCount} checks. A
 * deregistered target is {@code draining} ({@code Target.DeregistrationInProgress}) for the group's
 * {@code deregistration_delay.timeout_seconds}, then gone: {@code unused} ({@code Target.NotRegistered}).
 */
public final class FakeElb implements AutoCloseable {
    public static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    public static final String VERSION = "2015-12-01";
    public static final String ACCOUNT = "123456789012";

    /** A target group. */
    public static final class Group {
        public String arn;
        public String name;
        public String type = "instance";
        public String protocol = "HTTP";
        public int port = 80;
        public int intervalSeconds = 30;
        public int healthyThreshold = 5;
        public int unhealthyThreshold = 2;
        public int deregistrationDelay = 300;
        public boolean healthCheckEnabled = true;
        public final List<String> loadBalancers = new ArrayList<>();
        final Map<String, Member> members = new LinkedHashMap<>();
    }

    /** A registered target. */
    static final class Member {
        String id;
        int port;
        long registeredAt;
        long deregisteredAt = -1;
    }

    /** An injected error for the next call(s) of an action. */
    record Failure(String code, int status, String message) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    public final List<Map<String, String>> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    /** Targets (instance ids or IPs) whose service fails the balancer's health checks; {@code *}: every target. */
    public final Set<String> failing = Collections.synchronizedSet(new HashSet<>());
    /**
     * The balancer's health check itself, when set: asked with the target's id at each DescribeTargetHealth (e.g. what
     * release the host runs now); false counts as a failed check, as {@link #failing} does.
     */
    public volatile Predicate<String> passes;
    /** Targets registered again while they were still draining (a deploy that did not wait for the drain). */
    public final List<String> registeredWhileDraining = Collections.synchronizedList(new ArrayList<>());
    /** At each DeregisterTargets: how many targets of the group were healthy just before it. */
    public final List<Integer> healthyAtDeregister = Collections.synchronizedList(new ArrayList<>());
    /** Actions the caller's IAM policy does not allow. */
    public final Set<String> denied = Collections.synchronizedSet(new HashSet<>());
    /** Real milliseconds per simulated second. */
    public volatile long millisPerSecond = 1000;
    /** Which instance ids exist and run (RegisterTargets refuses others with InvalidTarget); null: all. */
    public volatile Predicate<String> instanceRunning;
    private long hex = 0x73e2d6bc24d8a067L;

    public FakeElb() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ test controls and inspection

    /** Adds a target group used by an Application Load Balancer (HTTP, instance targets unless changed). */
    public synchronized Group group(String name, String type, String protocol, int port) {
        Group g = new Group();
        g.name = name;
        g.type = type;
        g.protocol = protocol;
        g.port = port;
        g.arn = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":targetgroup/" + name + "/"
                + String.format("%016x", hex++);
        String kind = protocol.startsWith("HTTP") ? "app" : "net";
        g.loadBalancers.add("arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":loadbalancer/" + kind + "/shop/"
                + String.format("%016x", hex * 31));
        groups.put(g.arn, g);
        return g;
    }

    public synchronized void fail(String action, String code, int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(action, a -> new ArrayDeque<>()).add(new Failure(code, status, null));
        }
    }

    /** The state the fake would report now for {@code id} in {@code group} (as DescribeTargetHealth does). */
    public synchronized String state(Group group, String id) {
        Member m = group.members.get(id);
        return m == null ? "unused" : health(group, m)[0];
    }

    /** The targets registered (or draining) in {@code group}. */
    public synchronized List<String> members(Group group) {
        tidy(group);
        return List.copyOf(group.members.keySet());
    }

    /** Registers {@code id} as if it had been healthy for a long time. */
    public synchronized void healthyMember(Group group, String id) {
        Member m = new Member();
        m.id = id;
        m.port = group.port;
        m.registeredAt = now() - 1_000_000L * millisPerSecond;
        group.members.put(id, m);
    }

    public List<Map<String, String>> calls(String action) {
        synchronized (calls) {
            return calls.stream().filter(c -> action.equals(c.get("Action"))).toList();
        }
    }

    // ------------------------------------------------------------------ protocol

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String[] response = answer(params, exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] bytes = response[1].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(Integer.parseInt(response[0]), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final Pattern SIGNED = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/");

    /**
     * Answers one Query request: {@code {status, body}}. {@code authorization} is the request's SigV4 header, which
     * must be signed for the service {@code elasticloadbalancing} (so the fake can sit behind another service's
     * endpoint and still see which client called).
     */
    public String[] answer(Map<String, String> p, String authorization) {
        calls.add(Collections.unmodifiableMap(new LinkedHashMap<>(p)));
        String action = p.getOrDefault("Action", "");
        Matcher signed = authorization == null ? null : SIGNED.matcher(authorization);
        if (signed == null || !signed.find() || !signed.group(2).equals("elasticloadbalancing")) {
            return error(403, "Sender", "IncompleteSignature", "Request must be signed for elasticloadbalancing");
        }
        if (!VERSION.equals(p.get("Version"))) {
            return error(400, "Sender", "InvalidAction", "Could not find operation " + action + " for version "
                    + p.get("Version"));
        }
        synchronized (this) {
            Deque<Failure> queue = failures.get(action);
            Failure failure = queue == null ? null : queue.poll();
            if (failure != null) {
                String message = failure.code().startsWith("Throttl") ? "Rate exceeded"
                        : "Injected " + failure.code();
                return error(failure.status(), failure.status() >= 500 ? "Receiver" : "Sender", failure.code(),
                        message);
            }
            if (denied.contains(action)) {
                String resource = p.getOrDefault("TargetGroupArn", "*");
                return error(403, "Sender", "AccessDenied", "User: arn:aws:iam::" + ACCOUNT + ":user/deployer is"
                        + " not authorized to perform: elasticloadbalancing:" + action + " on resource: " + resource
                        + " because no identity-based policy allows the elasticloadbalancing:" + action + " action");
            }
            return switch (action) {
                case "DescribeTargetGroups" -> describeTargetGroups(p);
                case "DescribeTargetGroupAttributes" -> withGroup(p, this::describeAttributes);
                case "DescribeTargetHealth" -> withGroup(p, g -> describeTargetHealth(g, p));
                case "RegisterTargets" -> withGroup(p, g -> register(g, p));
                case "DeregisterTargets" -> withGroup(p, g -> deregister(g, p));
                default -> error(400, "Sender", "InvalidAction", "Could not find operation " + action
                        + " for version " + VERSION);
            };
        }
    }

    private String[] withGroup(Map<String, String> p, java.util.function.Function<Group, String[]> then) {
        String arn = p.get("TargetGroupArn");
        if (arn == null) {
            return error(400, "Sender", "ValidationError", "1 validation error detected: Value null at"
                    + " 'targetGroupArn' failed to satisfy constraint: Member must not be null");
        }
        Group g = groups.get(arn);
        if (g == null) {
            return notFound();
        }
        tidy(g);
        return then.apply(g);
    }

    private String[] describeTargetGroups(Map<String, String> p) {
        List<String> arns = indexed(p, "TargetGroupArns.member");
        List<String> names = indexed(p, "Names.member");
        if (!arns.isEmpty() && !names.isEmpty()) {
            return error(400, "Sender", "ValidationError", "Target group names and target group ARNs cannot be"
                    + " specified at the same time");
        }
        List<Group> found = new ArrayList<>();
        for (String arn : arns) {
            if (!groups.containsKey(arn)) {
                return notFound();
            }
            found.add(groups.get(arn));
        }
        for (String name : names) {
            Group g = groups.values().stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
            if (g == null) {
                return notFound();
            }
            found.add(g);
        }
        if (arns.isEmpty() && names.isEmpty()) {
            found.addAll(groups.values());
        }
        StringBuilder x = new StringBuilder("<TargetGroups>");
        for (Group g : found) {
            boolean http = g.protocol.startsWith("HTTP");
            x.append("<member><TargetGroupArn>").append(g.arn).append("</TargetGroupArn>")
                    .append("<TargetGroupName>").append(g.name).append("</TargetGroupName>")
                    .append("<Protocol>").append(g.protocol).append("</Protocol>")
                    .append("<Port>").append(g.port).append("</Port><VpcId>vpc-3ac0fb5f</VpcId>")
                    .append("<HealthCheckProtocol>").append(http ? "HTTP" : "TCP").append("</HealthCheckProtocol>")
                    .append("<HealthCheckPort>traffic-port</HealthCheckPort>")
                    .append("<HealthCheckEnabled>").append(g.healthCheckEnabled).append("</HealthCheckEnabled>")
                    .append("<HealthCheckIntervalSeconds>").append(g.intervalSeconds)
                    .append("</HealthCheckIntervalSeconds>")
                    .append("<HealthCheckTimeoutSeconds>").append(http ? 5 : 10).append("</HealthCheckTimeoutSeconds>")
                    .append("<HealthyThresholdCount>").append(g.healthyThreshold).append("</HealthyThresholdCount>")
                    .append("<UnhealthyThresholdCount>").append(g.unhealthyThreshold)
                    .append("</UnhealthyThresholdCount>");
            if (http) {
                x.append("<HealthCheckPath>/health</HealthCheckPath><Matcher><HttpCode>200</HttpCode></Matcher>");
            }
            x.append("<LoadBalancerArns>");
            g.loadBalancers.forEach(lb -> x.append("<member>").append(lb).append("</member>"));
            x.append("</LoadBalancerArns><TargetType>").append(g.type).append("</TargetType>")
                    .append("<IpAddressType>ipv4</IpAddressType>");
            if (http) {
                x.append("<ProtocolVersion>HTTP1</ProtocolVersion>");
            }
            x.append("</member>");
        }
        x.append("</TargetGroups>");
        return ok("DescribeTargetGroups", x.toString());
    }

    private String[] describeAttributes(Group g) {
        boolean http = g.protocol.startsWith("HTTP");
        StringBuilder x = new StringBuilder("<Attributes>");
        attribute(x, "deregistration_delay.timeout_seconds", Integer.toString(g.deregistrationDelay));
        attribute(x, "stickiness.enabled", "false");
        if (http) {
            attribute(x, "load_balancing.algorithm.type", "round_robin");
            attribute(x, "slow_start.duration_seconds", "0");
            attribute(x, "stickiness.type", "lb_cookie");
        } else {
            attribute(x, "deregistration_delay.connection_termination.enabled", "false");
            attribute(x, "preserve_client_ip.enabled", "instance".equals(g.type) ? "true" : "false");
            attribute(x, "proxy_protocol_v2.enabled", "false");
            attribute(x, "stickiness.type", "source_ip");
        }
        x.append("</Attributes>");
        return ok("DescribeTargetGroupAttributes", x.toString());
    }

    private static void attribute(StringBuilder x, String key, String value) {
        x.append("<member><Key>").append(key).append("</Key><Value>").append(value).append("</Value></member>");
    }

    private String[] describeTargetHealth(Group g, Map<String, String> p) {
        List<String[]> asked = targets(p);
        List<String[]> shown = new ArrayList<>();
        if (asked.isEmpty()) {
            g.members.values().forEach(m -> shown.add(new String[] {m.id, Integer.toString(m.port)}));
        } else {
            for (String[] t : asked) {
                if ("instance".equals(g.type) != t[0].startsWith("i-")) {
                    return error(400, "Sender", "InvalidTarget", "The following targets are not valid target"
                            + " types for this target group: '" + t[0] + "'");
                }
                shown.add(t);
            }
        }
        StringBuilder x = new StringBuilder("<TargetHealthDescriptions>");
        for (String[] t : shown) {
            Member m = g.members.get(t[0]);
            int port = t[1] != null ? Integer.parseInt(t[1]) : m != null ? m.port : g.port;
            String[] h = m == null ? new String[] {"unused", "Target.NotRegistered",
                "Target is not registered to the target group"} : health(g, m);
            x.append("<member><HealthCheckPort>").append(port).append("</HealthCheckPort>")
                    .append("<Target><Id>").append(t[0]).append("</Id><Port>").append(port).append("</Port></Target>")
                    .append("<TargetHealth><State>").append(h[0]).append("</State>");
            if (h[1] != null) {
                x.append("<Reason>").append(h[1]).append("</Reason><Description>").append(h[2])
                        .append("</Description>");
            }
            x.append("</TargetHealth></member>");
        }
        x.append("</TargetHealthDescriptions>");
        return ok("DescribeTargetHealth", x.toString());
    }

    /** {@code {state, reason, description}} of a member now (reason and description null when healthy). */
    private String[] health(Group g, Member m) {
        long now = now();
        if (m.deregisteredAt >= 0) {
            return new String[] {"draining", "Target.DeregistrationInProgress", "Target deregistration is in progress"};
        }
        if (g.loadBalancers.isEmpty()) {
            return new String[] {"unused", "Target.NotInUse", "Target group is not configured to receive traffic"
                    + " from the load balancer"};
        }
        if (m.id.startsWith("i-") && instanceRunning != null && !instanceRunning.test(m.id)) {
            return new String[] {"unused", "Target.InvalidState", "Target is in the stopped or terminated state"};
        }
        if (!g.healthCheckEnabled) {
            return new String[] {"unavailable", "Target.HealthCheckDisabled", "Health checks are disabled"};
        }
        long checks = (now - m.registeredAt) / (g.intervalSeconds * millisPerSecond);
        if (checks < 1) {
            return new String[] {"initial", "Elb.RegistrationInProgress", "Target registration is in progress"};
        }
        Predicate<String> check = passes;
        if (failing.contains(m.id) || failing.contains("*") || check != null && !check.test(m.id)) {
            if (checks < g.unhealthyThreshold) {
                return new String[] {"initial", "Elb.InitialHealthChecking", "Initial health checks in progress"};
            }
            return g.protocol.startsWith("HTTP")
                    ? new String[] {"unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [502]"}
                    : new String[] {"unhealthy", "Target.FailedHealthChecks", "Health checks failed"};
        }
        if (checks < g.healthyThreshold) {
            return new String[] {"initial", "Elb.InitialHealthChecking", "Initial health checks in progress"};
        }
        return new String[] {"healthy", null, null};
    }

    private String[] register(Group g, Map<String, String> p) {
        List<String[]> targets = targets(p);
        if (targets.isEmpty()) {
            return error(400, "Sender", "ValidationError", "1 validation error detected: Value null at 'targets'"
                    + " failed to satisfy constraint: Member must not be null");
        }
        for (String[] t : targets) {
            if ("instance".equals(g.type) != t[0].startsWith("i-")) {
                return error(400, "Sender", "InvalidTarget", "The following targets are not valid target types for"
                        + " this target group: '" + t[0] + "'");
            }
            if (t[0].startsWith("i-") && instanceRunning != null && !instanceRunning.test(t[0])) {
                return error(400, "Sender", "InvalidTarget", "The following targets are not in a running state and"
                        + " cannot be registered: '" + t[0] + "'");
            }
        }
        for (String[] t : targets) {
            Member m = g.members.get(t[0]);
            if (m != null && m.deregisteredAt >= 0) {
                registeredWhileDraining.add(t[0]);
            }
            if (m == null || m.deregisteredAt >= 0) {
                m = new Member();
                m.id = t[0];
                m.registeredAt = now();
                g.members.put(t[0], m);
            }
            m.port = t[1] == null ? g.port : Integer.parseInt(t[1]);
        }
        return ok("RegisterTargets", "");
    }

    private String[] deregister(Group g, Map<String, String> p) {
        List<String[]> targets = targets(p);
        healthyAtDeregister.add((int) g.members.values().stream().filter(m -> "healthy".equals(health(g, m)[0])).count());
        for (String[] t : targets) {
            Member m = g.members.get(t[0]);
            if (m == null) {
                return error(400, "Sender", "InvalidTarget", "The following targets are not registered in target"
                        + " group '" + g.arn + "': '" + t[0] + "'");
            }
            if (m.deregisteredAt < 0) {
                m.deregisteredAt = now();
            }
        }
        return ok("DeregisterTargets", "");
    }

    /** Drops members whose deregistration delay has passed. */
    private void tidy(Group g) {
        long now = now();
        g.members.values().removeIf(m -> m.deregisteredAt >= 0
                && now - m.deregisteredAt >= g.deregistrationDelay * millisPerSecond);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private static List<String[]> targets(Map<String, String> p) {
        List<String[]> out = new ArrayList<>();
        for (int i = 1; p.containsKey("Targets.member." + i + ".Id"); i++) {
            out.add(new String[] {p.get("Targets.member." + i + ".Id"), p.get("Targets.member." + i + ".Port")});
        }
        return out;
    }

    private static List<String> indexed(Map<String, String> p, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; p.containsKey(prefix + "." + i); i++) {
            values.add(p.get(prefix + "." + i));
        }
        return values;
    }

    private static String[] notFound() {
        return error(400, "Sender", "TargetGroupNotFound", "One or more target groups not found");
    }

    private static String[] ok(String action, String content) {
        return new String[] {"200", "<" + action + "Response xmlns=\"" + NS + "\">\n  <" + action + "Result>"
                + content + "</" + action + "Result>\n  <ResponseMetadata>\n    <RequestId>" + UUID.randomUUID()
                + "</RequestId>\n  </ResponseMetadata>\n</" + action + "Response>\n"};
    }

    static String[] error(int status, String type, String code, String message) {
        return new String[] {Integer.toString(status), "<ErrorResponse xmlns=\"" + NS + "\">\n  <Error>\n    <Type>"
                + type + "</Type>\n    <Code>" + code + "</Code>\n    <Message>" + esc(message) + "</Message>\n"
                + "  </Error>\n  <RequestId>" + UUID.randomUUID() + "</RequestId>\n</ErrorResponse>\n"};
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
