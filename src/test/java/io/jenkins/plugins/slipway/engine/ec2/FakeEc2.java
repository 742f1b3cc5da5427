package io.jenkins.plugins.slipway.engine.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * EC2 faked at the HTTP boundary: a local server speaking the EC2 Query protocol (form-encoded
 * {@code Action=...} requests, XML responses in the 2016-11-15 namespace, {@code <Response><Errors>} errors with the
 * real HTTP status codes), holding instances in memory. The real SDK — signing, retries, pagination, unmarshalling —
 * runs against it through the endpoint override.
 *
 * <p>Instances move pending → running after {@link #pendingPolls} Describe calls that include them, so a batched
 * wait advances every instance at once. Failures can be queued per action, before or after the call takes effect.
 */
public final class FakeEc2 implements AutoCloseable {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final String OWNER = "123456789012";

    /**
     * An injected error. {@code afterEffect}: the call takes effect, then the error is returned anyway. A null
     * {@code code} answers {@code rawBody} instead of an AWS error (a proxy or load balancer answering).
     */
    record Failure(String code, int status, boolean afterEffect, String rawBody) {
        Failure(String code, int status, boolean afterEffect) {
            this(code, status, afterEffect, null);
        }
    }

    /** The size of every image's root volume (its snapshot), as DescribeImages reports it. */
    static final int ROOT_GB = 8;
    static final String ROOT_SNAPSHOT = "snap-0a1b2c3d4e5f60718";

    /** An image. */
    record Img(String id, String name, String owner, String created) {
    }

    /** An instance. */
    public static final class Inst {
        public String id;
        String image;
        String type;
        String subnet;
        String az;
        public String state = "pending";
        String reservation;
        String token;
        String privateIp;
        Instant launchTime;
        public Map<String, String> tags = new LinkedHashMap<>();
        boolean spot;
        int describes;
        int consoleCalls;
        byte[] hostKey;
        String stateReason;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger sequence = new AtomicInteger(0x1000);
    public final List<Map<String, String>> calls = Collections.synchronizedList(new ArrayList<>());
    public final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    final List<String> securityTokens = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, Inst> instances = new LinkedHashMap<>();
    final Map<String, List<String>> tokens = new HashMap<>();
    final List<Img> images = new ArrayList<>();
    final Map<String, Deque<Failure>> failures = new HashMap<>();
    public final Set<String> fullSubnets = new HashSet<>();
    volatile boolean noSpotCapacity;
    public volatile int pendingPolls = 1;
    volatile int invisiblePolls;
    volatile int pageSize = Integer.MAX_VALUE;
    volatile int blankConsoleCalls;
    volatile boolean printHostKeys = true;
    volatile boolean liveConsoleUnsupported;
    volatile String publicIp = "127.0.0.1";
    volatile Runnable onDescribeById = () -> { };
    /** When set, answers the Elastic Load Balancing v2 requests (Version 2015-12-01): e.g. {@code FakeElb::answer}. */
    public volatile java.util.function.BiFunction<Map<String, String>, String, String[]> elb;
    /** When set, the SSH host key (wire blob) of each new instance, e.g. a real SSH server's on loopback. */
    public volatile java.util.function.Supplier<byte[]> hostKeySource;

    public FakeEc2() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        images.add(new Img("ami-0123456789abcdef0", "al2023-ami-2023.6.20261101.0-kernel-6.1-x86_64", "137112412989",
                "2026-11-01T10:00:00.000Z"));
    }

    /** Instances stay pending for this many Describe calls that include them (a slow {@code running} phase). */
    public void pendingPolls(int polls) {
        pendingPolls = polls;
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

    synchronized void fail(String action, String code, int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(action, a -> new ArrayDeque<>()).add(new Failure(code, status, false));
        }
    }

    /** The next {@code times} calls of {@code action} answer HTTP {@code status} with {@code body}, not an AWS error. */
    synchronized void failRaw(String action, int status, String body, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(action, a -> new ArrayDeque<>()).add(new Failure(null, status, false, body));
        }
    }

    synchronized void failAfterEffect(String action, String code, int status) {
        failures.computeIfAbsent(action, a -> new ArrayDeque<>()).add(new Failure(code, status, true));
    }

    /** Adds a running instance of {@code fleet} launched at {@code launched}. */
    public synchronized Inst running(String fleet, Instant launched) {
        Inst inst = newInstance("ami-0123456789abcdef0", "t3.micro", "subnet-aaaaaaaa", "r-" + hex(17));
        inst.state = "running";
        inst.launchTime = launched;
        inst.tags.put("Name", fleet);
        inst.tags.put(Instances.FLEET_TAG, fleet);
        return inst;
    }

    public synchronized Inst instance(String id) {
        return instances.get(id);
    }

    public synchronized List<Inst> live() {
        return instances.values().stream().filter(i -> i.state.equals("pending") || i.state.equals("running")).toList();
    }

    List<Map<String, String>> calls(String action) {
        synchronized (calls) {
            return calls.stream().filter(c -> action.equals(c.get("Action"))).toList();
        }
    }

    Map<String, Long> callCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        synchronized (calls) {
            for (Map<String, String> c : calls) {
                counts.merge(c.get("Action"), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The SHA256 fingerprint cloud-init prints for the instance's host key. */
    synchronized String fingerprint(String id) {
        return ConsoleHostKeys.fingerprintOf(Base64.getEncoder().encodeToString(instances.get(id).hostKey)).orElseThrow();
    }

    // ------------------------------------------------------------------ protocol

    /** The region of the request being answered (guarded by this). */
    private String region = "us-east-1";

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        if (elb != null && "2015-12-01".equals(params.get("Version"))) {
            // Elastic Load Balancing v2 behind the same endpoint override, as one emulator serves every service
            reply(exchange, elb.apply(params, exchange.getRequestHeaders().getFirst("Authorization")));
            return;
        }
        calls.add(Collections.unmodifiableMap(params));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        securityTokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
        String[] response;
        synchronized (this) {
            region = regionOf(exchange.getRequestHeaders().getFirst("Authorization"));
            response = dispatch(params.getOrDefault("Action", ""), params);
        }
        if ("DescribeInstances".equals(params.get("Action")) && params.containsKey("InstanceId.1")) {
            onDescribeById.run();
        }
        reply(exchange, response);
    }

    private static void reply(HttpExchange exchange, String[] response) throws IOException {
        byte[] bytes = response[1].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(Integer.parseInt(response[0]), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String[] dispatch(String action, Map<String, String> p) {
        Deque<Failure> queue = failures.get(action);
        Failure failure = queue == null ? null : queue.poll();
        if (failure != null && failure.code() == null) {
            return new String[] {Integer.toString(failure.status()), failure.rawBody()};
        }
        if (failure != null && !failure.afterEffect()) {
            return error(failure.status(), failure.code(), "Injected " + failure.code());
        }
        if ("true".equals(p.get("DryRun"))) {
            return error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
        String[] ok = switch (action) {
            case "DescribeImages" -> describeImages(p);
            case "RunInstances" -> runInstances(p);
            case "DescribeInstances" -> describeInstances(p);
            case "TerminateInstances" -> terminateInstances(p);
            case "DescribeInstanceStatus" -> describeInstanceStatus(p);
            case "GetConsoleOutput" -> consoleOutput(p);
            case "AssumeRole" -> assumeRole(p);
            default -> error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
        if (failure != null && ok[0].equals("200")) {
            return error(failure.status(), failure.code(), "Injected " + failure.code() + " after the call took effect");
        }
        return ok;
    }

    private String[] describeImages(Map<String, String> p) {
        List<String> ids = indexed(p, "ImageId");
        List<String> owners = indexed(p, "Owner");
        Map<String, List<String>> filters = filters(p);
        StringBuilder items = new StringBuilder();
        for (Img img : images) {
            if (!ids.isEmpty() && !ids.contains(img.id())) {
                continue;
            }
            if (!owners.isEmpty() && !owners.contains(img.owner()) && !owners.contains("amazon")) {
                continue;
            }
            List<String> names = filters.get("name");
            if (names != null && names.stream().noneMatch(n -> glob(n).matcher(img.name()).matches())) {
                continue;
            }
            items.append("<item><imageId>").append(img.id()).append("</imageId>")
                    .append("<imageLocation>amazon/").append(esc(img.name())).append("</imageLocation>")
                    .append("<imageState>available</imageState><imageOwnerId>").append(img.owner())
                    .append("</imageOwnerId><creationDate>").append(img.created()).append("</creationDate>")
                    .append("<isPublic>true</isPublic><architecture>x86_64</architecture><imageType>machine</imageType>")
                    .append("<name>").append(esc(img.name())).append("</name><rootDeviceType>ebs</rootDeviceType>")
                    .append("<rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item>")
                    .append("<deviceName>/dev/xvda</deviceName><ebs><snapshotId>").append(ROOT_SNAPSHOT).append("</snapshotId>")
                    .append("<volumeSize>").append(ROOT_GB).append("</volumeSize><deleteOnTermination>true</deleteOnTermination>")
                    .append("<volumeType>gp3</volumeType><iops>3000</iops><encrypted>false</encrypted></ebs></item>")
                    .append("</blockDeviceMapping><virtualizationType>hvm</virtualizationType>")
                    .append("<hypervisor>xen</hypervisor><enaSupport>true</enaSupport>")
                    .append("<bootMode>uefi-preferred</bootMode><imdsSupport>v2.0</imdsSupport></item>");
        }
        return ok("DescribeImagesResponse", "<imagesSet>" + items + "</imagesSet>");
    }

    private String[] runInstances(Map<String, String> p) {
        String token = p.get("ClientToken");
        if (token != null && tokens.containsKey(token)) {
            List<Inst> earlier = tokens.get(token).stream().map(instances::get).toList();
            return runResponse(earlier);
        }
        String image = p.get("ImageId");
        if (images.stream().noneMatch(i -> i.id().equals(image))) {
            return error(400, "InvalidAMIID.NotFound", "The image id '[" + image + "]' does not exist");
        }
        String subnet = p.getOrDefault("SubnetId", "subnet-default0");
        String type = p.get("InstanceType");
        boolean spot = "spot".equals(p.get("InstanceMarketOptions.MarketType"));
        if (fullSubnets.contains(subnet) || spot && noSpotCapacity) {
            return error(500, "InsufficientInstanceCapacity", "We currently do not have sufficient " + type
                    + " capacity in the Availability Zone you requested (" + az(subnet) + "). Our system will be"
                    + " working on provisioning additional capacity.");
        }
        for (int m = 1; p.containsKey("BlockDeviceMapping." + m + ".DeviceName"); m++) {
            String ebs = "BlockDeviceMapping." + m + ".Ebs.";
            boolean hasEbs = p.keySet().stream().anyMatch(k -> k.startsWith(ebs));
            if (hasEbs && !p.containsKey(ebs + "VolumeSize") && !p.containsKey(ebs + "SnapshotId")) {
                // what EC2 emulators answer; EC2 itself fills the gap from the AMI only when the device is its root
                return error(400, "MissingParameter", "The request must contain the parameter size or snapshotId");
            }
            if (p.containsKey(ebs + "VolumeSize") && Integer.parseInt(p.get(ebs + "VolumeSize")) < ROOT_GB) {
                return error(400, "InvalidBlockDeviceMapping", "Volume of size " + p.get(ebs + "VolumeSize")
                        + "GB is smaller than snapshot '" + ROOT_SNAPSHOT + "', expect size >= " + ROOT_GB + "GB");
            }
        }
        int count = Integer.parseInt(p.get("MinCount"));
        Map<String, String> tags = new LinkedHashMap<>();
        for (int s = 1; p.containsKey("TagSpecification." + s + ".ResourceType"); s++) {
            if (p.get("TagSpecification." + s + ".ResourceType").equals("instance")) {
                for (int t = 1; p.containsKey("TagSpecification." + s + ".Tag." + t + ".Key"); t++) {
                    tags.put(p.get("TagSpecification." + s + ".Tag." + t + ".Key"),
                            p.getOrDefault("TagSpecification." + s + ".Tag." + t + ".Value", ""));
                }
            }
        }
        String reservation = "r-" + hex(17);
        List<Inst> launched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Inst inst = newInstance(image, type, subnet, reservation);
            inst.token = token;
            inst.spot = spot;
            inst.tags.putAll(tags);
            launched.add(inst);
        }
        if (token != null) {
            tokens.put(token, launched.stream().map(i -> i.id).toList());
        }
        return runResponse(launched);
    }

    private Inst newInstance(String image, String type, String subnet, String reservation) {
        Inst inst = new Inst();
        int n = sequence.incrementAndGet();
        inst.id = String.format("i-%017x", 0x0a00000000000000L + n);
        inst.image = image;
        inst.type = type;
        inst.subnet = subnet;
        inst.az = az(subnet);
        inst.reservation = reservation;
        inst.privateIp = "10.0." + (n >> 8 & 0xff) + "." + (n & 0xff);
        inst.launchTime = Instant.now();
        byte[] name = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[32];
        random.nextBytes(key);
        inst.hostKey = hostKeySource != null ? hostKeySource.get()
                : ByteBuffer.allocate(8 + name.length + key.length).putInt(name.length).put(name).putInt(key.length).put(key).array();
        instances.put(inst.id, inst);
        return inst;
    }

    private String[] runResponse(List<Inst> launched) {
        StringBuilder items = new StringBuilder();
        launched.forEach(i -> items.append(instanceXml(i)));
        return ok("RunInstancesResponse", "<reservationId>" + launched.get(0).reservation + "</reservationId><ownerId>"
                + OWNER + "</ownerId><groupSet/><instancesSet>" + items + "</instancesSet>");
    }

    private String[] describeInstances(Map<String, String> p) {
        List<String> ids = indexed(p, "InstanceId");
        Map<String, List<String>> filters = filters(p);
        for (String name : filters.keySet()) {
            if (!name.startsWith("tag:") && !name.equals("tag-key") && !name.equals("instance-state-name")) {
                return error(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
        }
        List<Inst> matched = new ArrayList<>();
        for (String id : ids) {
            Inst inst = instances.get(id);
            if (inst == null || inst.describes < invisiblePolls) {
                if (inst != null) {
                    inst.describes++;
                }
                return error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        for (Inst inst : instances.values()) {
            if ((ids.isEmpty() || ids.contains(inst.id)) && matches(inst, filters)) {
                matched.add(inst);
            }
        }
        int max = Math.min(pageSize, p.containsKey("MaxResults") ? Integer.parseInt(p.get("MaxResults")) : Integer.MAX_VALUE);
        int from = p.containsKey("NextToken") ? Integer.parseInt(new String(Base64.getDecoder().decode(p.get("NextToken")),
                StandardCharsets.UTF_8)) : 0;
        List<Inst> page = matched.subList(Math.min(from, matched.size()), Math.min(matched.size(), from + max));
        for (Inst inst : page) {
            inst.describes++;
            if (inst.state.equals("pending") && inst.describes > pendingPolls) {
                inst.state = "running";
            } else if (inst.state.equals("shutting-down") && inst.describes > 1) {
                inst.state = "terminated";
            }
        }
        Map<String, List<Inst>> byReservation = new LinkedHashMap<>();
        page.forEach(i -> byReservation.computeIfAbsent(i.reservation, r -> new ArrayList<>()).add(i));
        StringBuilder items = new StringBuilder();
        byReservation.forEach((reservation, list) -> {
            items.append("<item><reservationId>").append(reservation).append("</reservationId><ownerId>").append(OWNER)
                    .append("</ownerId><groupSet/><instancesSet>");
            list.forEach(i -> items.append(instanceXml(i)));
            items.append("</instancesSet></item>");
        });
        String next = from + max < matched.size() ? "<nextToken>" + Base64.getEncoder().encodeToString(
                Integer.toString(from + max).getBytes(StandardCharsets.UTF_8)) + "</nextToken>" : "";
        return ok("DescribeInstancesResponse", "<reservationSet>" + items + "</reservationSet>" + next);
    }

    private static boolean matches(Inst inst, Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            String name = f.getKey();
            boolean ok;
            if (name.startsWith("tag:")) {
                ok = f.getValue().contains(inst.tags.get(name.substring(4)));
            } else if (name.equals("tag-key")) {
                ok = f.getValue().stream().anyMatch(inst.tags::containsKey);
            } else {
                ok = f.getValue().contains(inst.state);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private String[] terminateInstances(Map<String, String> p) {
        List<String> ids = indexed(p, "InstanceId");
        for (String id : ids) {
            if (!instances.containsKey(id)) {
                return error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            Inst inst = instances.get(id);
            String previous = inst.state;
            if (!inst.state.equals("terminated")) {
                inst.state = "shutting-down";
                inst.describes = 0;
            }
            items.append("<item><instanceId>").append(id).append("</instanceId><currentState>").append(state(inst.state))
                    .append("</currentState><previousState>").append(state(previous)).append("</previousState></item>");
        }
        return ok("TerminateInstancesResponse", "<instancesSet>" + items + "</instancesSet>");
    }

    private String[] describeInstanceStatus(Map<String, String> p) {
        List<String> ids = indexed(p, "InstanceId");
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            Inst inst = instances.get(id);
            if (inst == null) {
                return error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            if (!inst.state.equals("running")) {
                continue;
            }
            items.append("<item><instanceId>").append(id).append("</instanceId><availabilityZone>").append(inst.az)
                    .append("</availabilityZone><instanceState>").append(state("running")).append("</instanceState>")
                    .append("<systemStatus><status>ok</status><details><item><name>reachability</name>")
                    .append("<status>passed</status></item></details></systemStatus>")
                    .append("<instanceStatus><status>ok</status><details><item><name>reachability</name>")
                    .append("<status>passed</status></item></details></instanceStatus></item>");
        }
        return ok("DescribeInstanceStatusResponse", "<instanceStatusSet>" + items + "</instanceStatusSet>");
    }

    private String[] consoleOutput(Map<String, String> p) {
        String id = p.get("InstanceId");
        Inst inst = instances.get(id);
        if (inst == null) {
            return error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        if (liveConsoleUnsupported && "true".equals(p.get("Latest"))) {
            return error(400, "UnsupportedOperation", "The instance type " + inst.type + " does not support"
                    + " retrieving the latest console output.");
        }
        inst.consoleCalls++;
        String output = "";
        if (printHostKeys && inst.consoleCalls > blankConsoleCalls) {
            String key = Base64.getEncoder().encodeToString(inst.hostKey);
            String host = "root@ip-" + inst.privateIp.replace('.', '-') + ".ec2.internal";
            String fp = ConsoleHostKeys.fingerprintOf(key).orElseThrow();
            String console = "[    0.000000] Linux version 6.1.112-122.189.amzn2023.x86_64\r\n"
                    + "[   12.345678] cloud-init[1612]: Cloud-init v. 22.2.2 running 'modules:final'\r\n"
                    + "ec2: \r\nec2: #############################################################\r\n"
                    + "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n"
                    + "ec2: 256 " + fp + " " + host + " (ED25519)\r\n"
                    + "ec2: -----END SSH HOST KEY FINGERPRINTS-----\r\n"
                    + "ec2: #############################################################\r\n"
                    + "-----BEGIN SSH HOST KEY KEYS-----\r\n"
                    + keyType(inst.hostKey) + " " + key + " " + host + "\r\n"
                    + "-----END SSH HOST KEY KEYS-----\r\n"
                    + "[   13.001122] cloud-init[1612]: Cloud-init v. 22.2.2 finished. Up 13.00 seconds\r\n";
            output = "<output>" + Base64.getEncoder().encodeToString(console.getBytes(StandardCharsets.UTF_8))
                    + "</output>";
        }
        return ok("GetConsoleOutputResponse", "<instanceId>" + id + "</instanceId><timestamp>"
                + Instant.now() + "</timestamp>" + output);
    }

    /** The key type a wire blob starts with (ssh-ed25519, ecdsa-sha2-nistp256, ...). */
    private static String keyType(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        byte[] type = new byte[b.getInt()];
        b.get(type);
        return new String(type, StandardCharsets.US_ASCII);
    }

    /** STS, which LocalStack-style emulators serve on the same endpoint. */
    private String[] assumeRole(Map<String, String> p) {
        String role = p.get("RoleArn");
        String session = p.get("RoleSessionName");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AssumeRoleResponse xmlns=\""
                + "https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
                + "<AccessKeyId>ASIAASSUMED000000001</AccessKeyId><SecretAccessKey>assumed/secret/key</SecretAccessKey>"
                + "<SessionToken>assumed-session-token</SessionToken><Expiration>" + Instant.now().plusSeconds(3600)
                + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::" + OWNER + ":assumed-role/"
                + role.substring(role.lastIndexOf('/') + 1) + "/" + session + "</Arn><AssumedRoleId>AROAFAKE:"
                + session + "</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>"
                + UUID.randomUUID() + "</RequestId></ResponseMetadata></AssumeRoleResponse>";
        return new String[] {"200", xml};
    }

    // ------------------------------------------------------------------ XML

    private String instanceXml(Inst i) {
        boolean running = i.state.equals("running");
        StringBuilder x = new StringBuilder("<item>");
        x.append("<instanceId>").append(i.id).append("</instanceId><imageId>").append(i.image).append("</imageId>")
                .append("<instanceState>").append(state(i.state)).append("</instanceState>")
                .append("<privateDnsName>ip-").append(i.privateIp.replace('.', '-')).append(".ec2.internal</privateDnsName>")
                .append(running && publicIp != null ? "<dnsName>ec2-" + publicIp.replace('.', '-')
                        + ".compute-1.amazonaws.com</dnsName>" : "<dnsName/>")
                .append("<reason/><amiLaunchIndex>0</amiLaunchIndex><productCodes/>")
                .append("<instanceType>").append(i.type).append("</instanceType>")
                .append("<launchTime>").append(i.launchTime).append("</launchTime>")
                .append("<placement><availabilityZone>").append(i.az)
                .append("</availabilityZone><groupName/><tenancy>default</tenancy></placement>")
                .append("<monitoring><state>disabled</state></monitoring>")
                .append("<subnetId>").append(i.subnet).append("</subnetId><vpcId>vpc-0a1b2c3d</vpcId>")
                .append("<privateIpAddress>").append(i.privateIp).append("</privateIpAddress>");
        if (running && publicIp != null) {
            x.append("<ipAddress>").append(publicIp).append("</ipAddress>");
        }
        x.append("<sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-0a1b2c3d4e5f60718</groupId>")
                .append("<groupName>default</groupName></item></groupSet>");
        if (i.stateReason != null || i.state.equals("pending")) {
            String reason = i.stateReason != null ? i.stateReason : "pending";
            x.append("<stateReason><code>").append(reason).append("</code><message>").append(reason)
                    .append("</message></stateReason>");
        }
        x.append("<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType>")
                .append("<rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping/>")
                .append("<virtualizationType>hvm</virtualizationType>");
        if (i.spot) {
            x.append("<instanceLifecycle>spot</instanceLifecycle>");
        }
        if (i.token != null) {
            x.append("<clientToken>").append(esc(i.token)).append("</clientToken>");
        }
        x.append("<tagSet>");
        i.tags.forEach((k, v) -> x.append("<item><key>").append(esc(k)).append("</key><value>").append(esc(v))
                .append("</value></item>"));
        x.append("</tagSet><hypervisor>xen</hypervisor><ebsOptimized>false</ebsOptimized><enaSupport>true</enaSupport>")
                .append("<metadataOptions><state>applied</state><httpTokens>required</httpTokens>")
                .append("<httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint>")
                .append("</metadataOptions></item>");
        return x.toString();
    }

    private static String state(String name) {
        int code = switch (name) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
        return "<code>" + code + "</code><name>" + name + "</name>";
    }

    private static String[] ok(String root, String content) {
        return new String[] {"200", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + NS
                + "\">\n    <requestId>" + UUID.randomUUID() + "</requestId>\n    " + content + "\n</" + root + ">"};
    }

    static String[] error(int status, String code, String message) {
        return new String[] {Integer.toString(status), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors>"
                + "<Error><Code>" + code + "</Code><Message>" + esc(message) + "</Message></Error></Errors>"
                + "<RequestID>" + UUID.randomUUID() + "</RequestID></Response>"};
    }

    private static List<String> indexed(Map<String, String> p, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; p.containsKey(prefix + "." + i); i++) {
            values.add(p.get(prefix + "." + i));
        }
        return values;
    }

    private static Map<String, List<String>> filters(Map<String, String> p) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 1; p.containsKey("Filter." + i + ".Name"); i++) {
            filters.put(p.get("Filter." + i + ".Name"), indexed(p, "Filter." + i + ".Value"));
        }
        return filters;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** The region a request was signed for (SigV4: {@code Credential=<key>/<date>/<region>/ec2/aws4_request}). */
    static String regionOf(String authorization) {
        java.util.regex.Matcher m = authorization == null ? null : SIGNED_REGION.matcher(authorization);
        return m != null && m.find() ? m.group(1) : "us-east-1";
    }

    private static final java.util.regex.Pattern SIGNED_REGION =
            java.util.regex.Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/ec2/");

    /** A zone of the region the request was signed for (every region has at least three, a to c). */
    private String az(String subnet) {
        return region + (char) ('a' + Math.abs(subnet.hashCode()) % 3);
    }

    private String hex(int digits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
