package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * Ensures, lists and terminates EC2 fleets. A fleet is the set of instances tagged {@code slipway:fleet=<name>}.
 *
 * <p>{@link #launch} reuses the fleet's pending/running instances, launches only the missing ones in one
 * RunInstances call whose client token is derived from the fleet, the build and the launch spec (so a retried
 * call never launches twice), optionally terminates extras (oldest first), then waits in phases — running,
 * status checks, SSH port, host keys — with one batched Describe call per poll. Whatever this call launched is
 * terminated again when it fails, times out or is aborted, unless {@code keepOnFailure} is set.
 */
public final class Ec2Service {
    static final String FLEET_TAG = "slipway:fleet";
    static final String BUILD_TAG = "slipway:build";
    static final String EXPIRES_TAG = "slipway:expires-at";
    private static final List<String> LIVE = List.of("pending", "running");
    private static final Set<String> GONE = Set.of("shutting-down", "terminated", "stopping", "stopped");

    private final Waits waits;

    public Ec2Service() {
        this(Waits.DEFAULT);
    }

    Ec2Service(Waits waits) {
        this.waits = waits;
    }

    // ------------------------------------------------------------------------------------------------ launch

    /** Ensures the fleet and writes the HTML report ({@link Ec2LaunchRequest#report()}). */
    public Ec2Result launch(Ec2LaunchRequest request, TaskContext context)
            throws SlipwayException, InterruptedException {
        return Ec2Report.write(ensureFleet(request, context), request.report(), context);
    }

    private Ec2Result ensureFleet(Ec2LaunchRequest request, TaskContext context)
            throws SlipwayException, InterruptedException {
        Log log = context.log();
        Deadline deadline = new Deadline(request.timeoutSeconds());
        Map<String, Long> phases = new LinkedHashMap<>();
        String userData = userData(request, context);
        String buildId = request.buildId() != null ? request.buildId() : "run-" + UUID.randomUUID();
        try (Ec2Session session = Ec2Session.open(request.connection(), context.secrets(),
                "slipway-" + request.fleet())) {
            Ec2Client ec2 = session.ec2();
            long t = System.nanoTime();
            Image image = resolveImage(ec2, request);
            phases.put("ami", millisSince(t));
            log.info("AMI " + image.imageId() + " (" + image.name() + ", created " + image.creationDate() + ")");

            t = System.nanoTime();
            List<Instance> existing = describe(ec2, fleetFilter(request.fleet(), LIVE), "fleet " + request.fleet());
            existing.sort(Comparator.comparing(Instance::launchTime, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Instance::instanceId));
            phases.put("describe", millisSince(t));
            int missing = Math.max(0, request.count() - existing.size());
            int surplus = Math.max(0, existing.size() - request.count());
            List<Instance> extras = request.terminateExtras() ? existing.subList(0, surplus) : List.of();
            List<Instance> kept = new ArrayList<>(existing.subList(extras.size(), existing.size()));

            List<String> plan = plan(request, image, kept, extras, surplus, missing);
            plan.forEach(line -> log.info("plan: " + line));
            if (request.dryRun()) {
                dryRunChecks(ec2, request, image, userData, buildId, missing, extras, log);
                return new Ec2Result("launch", request.fleet(), session.region(), true, image.imageId(),
                        hosts(kept, Map.of(), Set.of(), request), List.of(), ids(kept), ids(extras), plan, phases,
                        missing);
            }

            List<String> launched = new ArrayList<>();
            try {
                List<String> terminated = ids(extras);
                if (!extras.isEmpty()) {
                    t = System.nanoTime();
                    AwsCalls.call("TerminateInstances " + terminated,
                            () -> ec2.terminateInstances(r -> r.instanceIds(terminated)));
                    phases.put("terminate-extras", millisSince(t));
                    log.info("terminated " + terminated.size() + " extra instance(s): " + terminated);
                }
                if (missing > 0) {
                    t = System.nanoTime();
                    runInstances(ec2, request, image, userData, buildId, missing, ids(kept), launched, log);
                    phases.put("launch", millisSince(t));
                }
                List<String> all = new ArrayList<>(ids(kept));
                all.addAll(launched);
                List<Ec2Host> hosts = all.isEmpty() ? List.of()
                        : waitUntilReady(ec2, request, all, Set.copyOf(launched), deadline, phases, log);
                for (Ec2Host h : hosts) {
                    log.info("host " + h.instanceId() + " " + h.user() + "@" + h.host() + ":" + h.port() + " ("
                            + (h.launched() ? "launched" : "reused") + ", " + h.availabilityZone() + ", private "
                            + h.privateIp() + ") host keys " + h.hostKeyFingerprints());
                }
                return new Ec2Result("launch", request.fleet(), session.region(), false, image.imageId(), hosts,
                        launched, ids(kept), terminated, plan, phases, launched.size());
            } catch (InterruptedException e) {
                cleanUp(ec2, request, launched, log, "the build was aborted");
                throw e;
            } catch (SlipwayException | RuntimeException e) {
                cleanUp(ec2, request, launched, log, "the launch failed");
                throw e;
            }
        }
    }

    private static List<String> plan(Ec2LaunchRequest request, Image image, List<Instance> kept,
            List<Instance> extras, int surplus, int missing) {
        List<String> plan = new ArrayList<>();
        for (Instance i : kept) {
            plan.add("reuse " + i.instanceId() + " (" + i.state().nameAsString() + ", " + i.instanceTypeAsString()
                    + ", " + az(i) + ", launched " + i.launchTime() + ")");
        }
        for (Instance i : extras) {
            plan.add("terminate " + i.instanceId() + " (extra, launched " + i.launchTime() + ")");
        }
        if (surplus > 0 && extras.isEmpty()) {
            plan.add("keep " + surplus + " instance(s) beyond count " + request.count()
                    + " (terminateExtras, --terminate-extras on the command line, terminates the oldest)");
        }
        if (missing > 0) {
            plan.add("launch " + missing + " x " + request.instanceType() + (request.spot() ? " spot" : "")
                    + " from " + image.imageId() + " in " + (request.subnets().isEmpty() ? "the default subnet"
                    : String.join(" or ", request.subnets())) + (request.imdsV2() ? ", IMDSv2 required" : "")
                    + (rootVolume(request, image) == null ? ", the AMI's root volume"
                    : ", root volume " + rootVolume(request, image).describe()));
        } else {
            plan.add("launch nothing: " + kept.size() + " of " + request.count() + " wanted instance(s) exist");
        }
        return plan;
    }

    private static String userData(Ec2LaunchRequest request, TaskContext context) throws Ec2Exception {
        if (request.userDataFile() == null) {
            return request.userData();
        }
        Path file = context.resolve(request.userDataFile());
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.length() > 16 * 1024) {
                throw new Ec2Exception(Kind.BAD_INPUT, "userDataFile " + file + " has " + text.length()
                        + " characters; EC2 accepts at most 16 KiB. Gzip it or fetch the rest from S3.");
            }
            return text;
        } catch (IOException e) {
            throw new Ec2Exception(Kind.BAD_INPUT, "Cannot read userDataFile " + file + ": " + e.getMessage(),
                    null, e);
        }
    }

    /** The AMI, checked against the request: a root volume smaller than the AMI's snapshot cannot be created. */
    private static Image resolveImage(Ec2Client ec2, Ec2LaunchRequest request)
            throws Ec2Exception, InterruptedException {
        Image image = findImage(ec2, request);
        if (request.rootVolumeGb() != null && image.rootDeviceName() != null) {
            Integer own = image.blockDeviceMappings().stream()
                    .filter(m -> image.rootDeviceName().equals(m.deviceName()) && m.ebs() != null)
                    .map(m -> m.ebs().volumeSize()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (own != null && request.rootVolumeGb() < own) {
                throw new Ec2Exception(Kind.BAD_INPUT, "rootVolumeGb " + request.rootVolumeGb() + " is smaller than the root"
                        + " volume of AMI " + image.imageId() + " (" + own + " GiB). Give at least " + own
                        + ", or leave rootVolumeGb out to use the AMI's size.");
            }
        }
        return image;
    }

    private static Image findImage(Ec2Client ec2, Ec2LaunchRequest request)
            throws Ec2Exception, InterruptedException {
        DescribeImagesRequest describe = request.ami() != null
                ? DescribeImagesRequest.builder().imageIds(request.ami()).build()
                : DescribeImagesRequest.builder().owners(request.amiOwners())
                        .filters(filter("name", request.amiName()), filter("state", "available")).build();
        String subject = request.ami() != null ? "DescribeImages " + request.ami()
                : "DescribeImages name=" + request.amiName() + " owners=" + request.amiOwners();
        List<Image> images = AwsCalls.call(subject, () -> ec2.describeImages(describe).images());
        return images.stream()
                .max(Comparator.comparing(i -> i.creationDate() == null ? "" : i.creationDate()))
                .orElseThrow(() -> new Ec2Exception(Kind.BAD_INPUT, request.ami() != null
                        ? "AMI " + request.ami() + " was not found in this region. Check the id and the region."
                        : "No available AMI matches the name '" + request.amiName() + "' owned by "
                        + request.amiOwners() + ". Check the name filter (wildcard *), the owners and the region."));
    }

    private void runInstances(Ec2Client ec2, Ec2LaunchRequest request, Image image, String userData,
            String buildId, int missing, List<String> existing, List<String> launched, Log log)
            throws Ec2Exception, InterruptedException {
        List<String> subnets = request.subnets().isEmpty() ? java.util.Collections.singletonList(null)
                : request.subnets();
        List<Boolean> markets = request.spot() ? (request.spotFallback() ? List.of(true, false) : List.of(true))
                : List.of(false);
        Ec2Exception last = null;
        for (boolean spot : markets) {
            for (String subnet : subnets) {
                String where = (subnet == null ? "the default subnet" : subnet) + (spot ? " (spot)" : "");
                RootVolume root = rootVolume(request, image);
                String subject = "RunInstances of " + missing + " x " + request.instanceType() + " from "
                        + image.imageId() + " in " + where + (root == null ? "" : " (sent: root volume " + root.describe() + ")");
                String salt = "";
                for (int attempt = 0; attempt < 3; attempt++) {
                    RunInstancesRequest run = runRequest(request, image, userData, missing, subnet, spot,
                            clientToken(request, buildId, missing, existing, subnet, spot, image, userData, salt),
                            false);
                    RunInstancesResponse response;
                    try {
                        response = AwsCalls.call(subject, () -> ec2.runInstances(run));
                    } catch (Ec2Exception e) {
                        String code = e.awsErrorCode();
                        if (code != null && (AwsCalls.CAPACITY.contains(code) || spot && AwsCalls.SPOT.contains(code))) {
                            log.warn("no capacity in " + where + " (" + code + "), trying the next option");
                            last = e;
                            break;
                        }
                        throw e;
                    }
                    List<String> ids = response.instances().stream().map(Instance::instanceId).toList();
                    List<String> dead = response.instances().stream()
                            .filter(i -> GONE.contains(i.state().nameAsString())).map(Instance::instanceId).toList();
                    if (!dead.isEmpty()) {
                        // the token matched an earlier launch whose instances were terminated since: launch anew
                        log.info("client token was used by terminated instances " + dead + "; launching new ones");
                        salt = String.join(",", ids);
                        continue;
                    }
                    launched.addAll(ids);
                    log.info("launched " + ids.size() + " instance(s) in " + where + ": " + ids
                            + " (reservation " + response.reservationId() + ")");
                    return;
                }
            }
        }
        throw new Ec2Exception(Kind.ENVIRONMENT, "No capacity for " + missing + " x " + request.instanceType()
                + " from " + image.imageId() + " in " + (request.subnets().isEmpty() ? "the default subnet"
                : request.subnets()) + (request.spot() ? " (spot" + (request.spotFallback() ? " and on-demand)" : ")")
                : "") + ": last AWS error " + (last == null ? "none" : last.awsErrorCode())
                + ". Try another instance type, or add subnets in other availability zones.",
                last == null ? null : last.awsErrorCode(), last);
    }

    static RunInstancesRequest runRequest(Ec2LaunchRequest request, Image image, String userData, int count,
            String subnet, boolean spot, String token, boolean dryRun) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", request.fleet());
        tags.putAll(request.tags());
        tags.put(FLEET_TAG, request.fleet());
        if (request.buildId() != null) {
            tags.put(BUILD_TAG, request.buildId());
        }
        if (request.ttlMinutes() != null) {
            tags.put(EXPIRES_TAG, Instant.now().plusSeconds(request.ttlMinutes() * 60L)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
        List<Tag> tagList = tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        RunInstancesRequest.Builder run = RunInstancesRequest.builder()
                .imageId(image.imageId())
                .instanceType(request.instanceType())
                .minCount(count)
                .maxCount(count)
                .clientToken(token)
                .dryRun(dryRun)
                .metadataOptions(m -> m
                        .httpEndpoint(InstanceMetadataEndpointState.ENABLED)
                        .httpTokens(request.imdsV2() ? HttpTokensState.REQUIRED : HttpTokensState.OPTIONAL)
                        .httpPutResponseHopLimit(request.imdsV2() ? 2 : 1))
                .tagSpecifications(
                        TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tagList).build(),
                        TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tagList).build());
        RootVolume root = rootVolume(request, image);
        if (root != null) {
            run.blockDeviceMappings(BlockDeviceMapping.builder()
                    .deviceName(image.rootDeviceName())
                    .ebs(e -> e.volumeType(VolumeType.GP3).encrypted(true).deleteOnTermination(true)
                            .volumeSize(root.sizeGb()).snapshotId(root.snapshotId()))
                    .build());
        }
        if (subnet != null) {
            run.subnetId(subnet);
        }
        if (!request.securityGroups().isEmpty()) {
            run.securityGroupIds(request.securityGroups());
        }
        if (request.keyName() != null) {
            run.keyName(request.keyName());
        }
        if (request.instanceProfile() != null) {
            String profile = request.instanceProfile();
            run.iamInstanceProfile(p -> {
                if (profile.startsWith("arn:")) {
                    p.arn(profile);
                } else {
                    p.name(profile);
                }
            });
        }
        if (userData != null) {
            run.userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
        }
        if (spot) {
            run.instanceMarketOptions(o -> o.marketType(MarketType.SPOT).spotOptions(s -> s
                    .spotInstanceType(SpotInstanceType.ONE_TIME)
                    .instanceInterruptionBehavior(InstanceInterruptionBehavior.TERMINATE)));
        }
        if (request.ttlMinutes() != null) {
            run.instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE);
        }
        return run.build();
    }

    /** The root volume as sent: the size asked for or the AMI's own, and the AMI's root snapshot. */
    record RootVolume(String device, Integer sizeGb, String snapshotId) {
        String describe() {
            return device + " gp3 encrypted" + (sizeGb == null ? "" : " " + sizeGb + " GiB")
                    + (snapshotId == null ? "" : " from " + snapshotId);
        }
    }

    /**
     * The root device mapping, complete: a mapping with neither size nor snapshot is refused by some endpoints, so
     * both are taken from the AMI's own root device unless {@code rootVolumeGb} sets the size. Null when the AMI
     * has no EBS root device (nothing to map).
     */
    static RootVolume rootVolume(Ec2LaunchRequest request, Image image) {
        if (image.rootDeviceName() == null || "instance-store".equals(image.rootDeviceTypeAsString())) {
            return null;
        }
        var own = image.blockDeviceMappings().stream()
                .filter(m -> image.rootDeviceName().equals(m.deviceName()) && m.ebs() != null).findFirst();
        String snapshot = own.map(m -> m.ebs().snapshotId()).orElse(null);
        Integer size = request.rootVolumeGb() != null ? request.rootVolumeGb() : own.map(m -> m.ebs().volumeSize()).orElse(null);
        if (size == null && snapshot == null) {
            return null;
        }
        return new RootVolume(image.rootDeviceName(), size, snapshot);
    }

    /**
     * The RunInstances client token: the same fleet, build, wanted launch and existing instances give the same
     * token, so EC2 returns the earlier launch instead of launching again when a call is retried.
     */
    static String clientToken(Ec2LaunchRequest request, String buildId, int missing, List<String> existing,
            String subnet, boolean spot, Image image, String userData, String salt) {
        String material = String.join("\n", request.fleet(), buildId, Integer.toString(missing),
                existing.stream().sorted().collect(Collectors.joining(",")), String.valueOf(subnet),
                Boolean.toString(spot), image.imageId(), request.instanceType(), String.valueOf(userData),
                new java.util.TreeMap<>(request.tags()).toString(), String.valueOf(request.keyName()),
                String.valueOf(request.securityGroups()), String.valueOf(request.rootVolumeGb()),
                Boolean.toString(request.imdsV2()), String.valueOf(request.instanceProfile()), salt);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "slipway-" + HexFormat.of().formatHex(digest).substring(0, 48);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void dryRunChecks(Ec2Client ec2, Ec2LaunchRequest request, Image image, String userData,
            String buildId, int missing, List<Instance> extras, Log log) throws Ec2Exception, InterruptedException {
        if (missing > 0) {
            String subnet = request.subnets().isEmpty() ? null : request.subnets().get(0);
            RunInstancesRequest run = runRequest(request, image, userData, missing, subnet, request.spot(),
                    clientToken(request, buildId, missing, List.of(), subnet, request.spot(), image, userData,
                            "dry-run"), true);
            permissionCheck("RunInstances of " + missing + " x " + request.instanceType() + " from "
                    + image.imageId() + (subnet == null ? "" : " in " + subnet), () -> ec2.runInstances(run), log);
        }
        if (!extras.isEmpty()) {
            List<String> ids = ids(extras);
            permissionCheck("TerminateInstances " + ids,
                    () -> ec2.terminateInstances(r -> r.instanceIds(ids).dryRun(true)), log);
        }
    }

    private static void permissionCheck(String subject, AwsCalls.Call<?> call, Log log)
            throws Ec2Exception, InterruptedException {
        try {
            AwsCalls.call(subject + " (dry run)", call);
        } catch (Ec2Exception e) {
            if ("DryRunOperation".equals(e.awsErrorCode())) {
                log.info("dry run: EC2 would allow " + subject);
                return;
            }
            throw e;
        }
        throw new Ec2Exception(Kind.ENVIRONMENT, subject + ": the endpoint accepted a dry run as a real call;"
                + " it does not implement EC2's DryRun. Check the endpoint override.");
    }

    private void cleanUp(Ec2Client ec2, Ec2LaunchRequest request, List<String> launched, Log log, String why) {
        if (launched.isEmpty()) {
            return;
        }
        if (request.keepOnFailure()) {
            log.warn(why + "; keeping " + launched + " as asked (keepOnFailure). Terminate them with"
                    + " 'slipway ec2 terminate --fleet " + request.fleet() + "'.");
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            ec2.terminateInstances(r -> r.instanceIds(launched));
            log.warn(why + "; terminated the instance(s) this call launched: " + launched);
        } catch (SdkException e) {
            log.error(why + " and terminating " + launched + " failed too: " + e.getMessage()
                    + ". Terminate them by hand: 'slipway ec2 terminate --fleet " + request.fleet() + "'.");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ waits

    private List<Ec2Host> waitUntilReady(Ec2Client ec2, Ec2LaunchRequest request, List<String> ids,
            Set<String> launched, Deadline deadline, Map<String, Long> phases, Log log)
            throws Ec2Exception, InterruptedException {
        long t = System.nanoTime();
        Map<String, Instance> instances = waitRunning(ec2, ids, deadline, log);
        phases.put("running", millisSince(t));
        if (request.waitStatusOk()) {
            t = System.nanoTime();
            waitStatusOk(ec2, ids, instances, deadline, log);
            phases.put("status-ok", millisSince(t));
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (Instance i : instances.values()) {
            addresses.put(i.instanceId(), address(i, request.addressType()));
        }
        if (request.waitSsh()) {
            t = System.nanoTime();
            waitSshPort(addresses, request.sshPort(), instances, deadline, log);
            phases.put("ssh-port", millisSince(t));
        }
        Map<String, List<String>> keys = Map.of();
        if (request.hostKeys() != HostKeyMode.SKIP) {
            t = System.nanoTime();
            keys = hostKeys(ec2, ids, instances, request.hostKeys() == HostKeyMode.REQUIRE, deadline, log);
            phases.put("host-keys", millisSince(t));
        }
        List<Instance> ordered = ids.stream().map(instances::get).toList();
        return hosts(ordered, keys, launched, request);
    }

    private Map<String, Instance> waitRunning(Ec2Client ec2, List<String> ids, Deadline deadline, Log log)
            throws Ec2Exception, InterruptedException {
        log.progress("waiting for " + ids.size() + " instance(s) to be running");
        Map<String, Instance> latest = new LinkedHashMap<>();
        long lastRunning = -1;
        for (int round = 0; ; round++) {
            List<Instance> found;
            try {
                found = describe(ec2, DescribeInstancesRequest.builder().instanceIds(ids).build(),
                        "instances " + ids);
            } catch (Ec2Exception e) {
                if (!"InvalidInstanceID.NotFound".equals(e.awsErrorCode())) {
                    throw e;
                }
                found = List.of(); // new instances can take a moment to become visible
            }
            found.forEach(i -> latest.put(i.instanceId(), i));
            for (Instance i : found) {
                if (GONE.contains(i.state().nameAsString())) {
                    String reason = i.stateReason() == null ? "no reason given"
                            : i.stateReason().code() + ": " + i.stateReason().message();
                    throw new Ec2Exception(Kind.ENVIRONMENT, "Instance " + i.instanceId() + " in " + i.subnetId()
                            + " (" + az(i) + ", " + i.imageId() + ") became " + i.state().nameAsString()
                            + " instead of running (" + reason + "). Check its system log in the EC2 console,"
                            + " the AMI and the account's quotas.", i.stateReason() == null ? null
                            : i.stateReason().code(), null);
                }
            }
            long running = latest.values().stream().filter(i -> "running".equals(i.state().nameAsString())).count();
            if (running != lastRunning) {
                log.progress("running: " + running + "/" + ids.size() + " after " + deadline.elapsedSeconds() + " s");
                lastRunning = running;
            }
            if (running == ids.size() && latest.keySet().containsAll(ids)) {
                return latest;
            }
            checkTimeout(deadline, "the instances to be running", ids.stream()
                    .filter(id -> latest.get(id) == null || !"running".equals(latest.get(id).state().nameAsString()))
                    .map(id -> id + " (" + (latest.get(id) == null ? "not visible yet"
                            : latest.get(id).state().nameAsString()) + ")").toList());
            deadline.sleep(waits, round);
        }
    }

    private void waitStatusOk(Ec2Client ec2, List<String> ids, Map<String, Instance> instances, Deadline deadline,
            Log log) throws Ec2Exception, InterruptedException {
        log.progress("waiting for the EC2 status checks of " + ids.size() + " instance(s)");
        Set<String> ok = new LinkedHashSet<>();
        for (int round = 0; ; round++) {
            List<InstanceStatus> statuses = AwsCalls.call("DescribeInstanceStatus " + ids,
                    () -> ec2.describeInstanceStatusPaginator(r -> r.instanceIds(ids)).instanceStatuses()
                            .stream().toList());
            int before = ok.size();
            for (InstanceStatus s : statuses) {
                SummaryStatus system = s.systemStatus() == null ? null : s.systemStatus().status();
                SummaryStatus instance = s.instanceStatus() == null ? null : s.instanceStatus().status();
                if (system == SummaryStatus.IMPAIRED || instance == SummaryStatus.IMPAIRED) {
                    Instance i = instances.get(s.instanceId());
                    throw new Ec2Exception(Kind.ENVIRONMENT, "Instance " + s.instanceId() + " in "
                            + (i == null ? "?" : i.subnetId()) + " failed its status checks (system " + system
                            + ", instance " + instance + "). Check its system log in the EC2 console.");
                }
                if (system == SummaryStatus.OK && instance == SummaryStatus.OK) {
                    ok.add(s.instanceId());
                }
            }
            if (ok.size() != before) {
                log.progress("status checks ok: " + ok.size() + "/" + ids.size() + " after "
                        + deadline.elapsedSeconds() + " s");
            }
            if (ok.containsAll(ids)) {
                return;
            }
            checkTimeout(deadline, "the EC2 status checks", ids.stream().filter(id -> !ok.contains(id)).toList());
            deadline.sleep(waits, round);
        }
    }

    private void waitSshPort(Map<String, String> addresses, int port, Map<String, Instance> instances,
            Deadline deadline, Log log) throws Ec2Exception, InterruptedException {
        log.progress("waiting for SSH port " + port + " on " + addresses.size() + " instance(s)");
        Set<String> open = new LinkedHashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, addresses.size()), r -> {
            Thread thread = new Thread(r, "slipway-ssh-port");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int round = 0; ; round++) {
                Map<String, Future<Boolean>> probes = new LinkedHashMap<>();
                int timeout = (int) Math.max(1, Math.min(waits.connectTimeout().toMillis(), deadline.remainingMillis()));
                for (Map.Entry<String, String> e : addresses.entrySet()) {
                    if (!open.contains(e.getKey())) {
                        probes.put(e.getKey(), pool.submit(() -> portOpen(e.getValue(), port, timeout)));
                    }
                }
                int before = open.size();
                for (Map.Entry<String, Future<Boolean>> probe : probes.entrySet()) {
                    try {
                        if (probe.getValue().get()) {
                            open.add(probe.getKey());
                        }
                    } catch (ExecutionException e) {
                        // counted as closed; the next round tries again
                    }
                }
                if (open.size() != before) {
                    log.progress("SSH port open: " + open.size() + "/" + addresses.size() + " after "
                            + deadline.elapsedSeconds() + " s");
                }
                if (open.size() == addresses.size()) {
                    return;
                }
                checkTimeout(deadline, "SSH port " + port, addresses.keySet().stream().filter(id -> !open.contains(id))
                        .map(id -> id + " (" + addresses.get(id) + ", " + instances.get(id).subnetId() + ")").toList());
                deadline.sleep(waits, round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean portOpen(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, List<String>> hostKeys(Ec2Client ec2, List<String> ids, Map<String, Instance> instances,
            boolean require, Deadline deadline, Log log) throws Ec2Exception, InterruptedException {
        log.progress("reading SSH host key fingerprints from the console output of " + ids.size() + " instance(s)");
        Map<String, List<String>> keys = new LinkedHashMap<>();
        long bestEffortEnd = System.nanoTime() + waits.bestEffortHostKeys().toNanos();
        boolean latest = true;
        for (int round = 0; ; round++) {
            for (String id : ids) {
                if (keys.containsKey(id)) {
                    continue;
                }
                String output;
                try {
                    output = consoleOutput(ec2, id, latest);
                } catch (Ec2Exception e) {
                    if (!latest || e.awsErrorCode() == null || !(e.awsErrorCode().startsWith("Unsupported")
                            || e.awsErrorCode().startsWith("InvalidParameter"))) {
                        throw e;
                    }
                    // only Nitro instances serve the live console; the others serve EC2's periodic snapshot
                    log.debug("live console output unavailable for " + id + " (" + e.awsErrorCode() + ")");
                    latest = false;
                    output = consoleOutput(ec2, id, false);
                }
                String text = output == null ? "" : new String(decode(output), StandardCharsets.UTF_8);
                List<String> found = ConsoleHostKeys.fingerprints(text);
                if (!found.isEmpty()) {
                    keys.put(id, found);
                }
            }
            if (keys.size() == ids.size()) {
                log.progress("host keys: " + keys.size() + "/" + ids.size() + " after " + deadline.elapsedSeconds()
                        + " s");
                return keys;
            }
            List<String> without = ids.stream().filter(id -> !keys.containsKey(id)).toList();
            if (!require && (deadline.passed() || System.nanoTime() - bestEffortEnd >= 0)) {
                log.warn("no SSH host key fingerprints in the console output of " + without + " after "
                        + deadline.elapsedSeconds() + " s; the deploy stage must verify these hosts another way");
                return keys;
            }
            if (deadline.passed()) {
                throw new Ec2Exception(Kind.ENVIRONMENT, "Timed out after " + deadline.seconds() + " s waiting for"
                        + " the SSH host key fingerprints in the console output of " + without + ". Check that the"
                        + " AMI runs cloud-init (it prints them), raise timeoutSeconds, or set hostKeys to"
                        + " BEST_EFFORT and give the deploy stage known host keys.");
            }
            deadline.sleep(waits, round);
        }
    }

    private static String consoleOutput(Ec2Client ec2, String id, boolean latest)
            throws Ec2Exception, InterruptedException {
        return AwsCalls.call("GetConsoleOutput " + id,
                () -> ec2.getConsoleOutput(r -> r.instanceId(id).latest(latest ? Boolean.TRUE : null)).output());
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void checkTimeout(Deadline deadline, String what, List<String> waitingFor) throws Ec2Exception {
        if (deadline.passed()) {
            throw new Ec2Exception(Kind.ENVIRONMENT, "Timed out after " + deadline.seconds() + " s waiting for "
                    + what + ": still waiting for " + waitingFor + ". Raise timeoutSeconds, or check the"
                    + " instances' system log, security groups and route to the subnet.");
        }
    }

    // ------------------------------------------------------------------------------------------------ list

    public Ec2Result list(Ec2ListRequest request, TaskContext context) throws SlipwayException, InterruptedException {
        try (Ec2Session session = Ec2Session.open(request.connection(), context.secrets(), "slipway-list")) {
            List<Instance> instances = describe(session.ec2(), fleetFilter(request.fleet(), LIVE),
                    request.fleet() == null ? "Slipway fleets" : "fleet " + request.fleet());
            List<Ec2Host> hosts = new ArrayList<>();
            for (Instance i : instances) {
                hosts.add(host(i, List.of(), false, request.sshUser(), request.sshPort(), request.addressType()));
                context.log().info(i.instanceId() + "  " + tag(i, FLEET_TAG) + "  " + i.state().nameAsString() + "  "
                        + i.instanceTypeAsString() + "  " + az(i) + "  " + i.publicIpAddress() + "  "
                        + i.privateIpAddress() + "  launched " + i.launchTime()
                        + (tag(i, EXPIRES_TAG) == null ? "" : "  expires " + tag(i, EXPIRES_TAG)));
            }
            return new Ec2Result("list", request.fleet(), session.region(), false, null, hosts, List.of(), List.of(),
                    List.of(), List.of(), Map.of(), 0);
        }
    }

    // ------------------------------------------------------------------------------------------------ terminate

    public Ec2Result terminate(Ec2TerminateRequest request, TaskContext context)
            throws SlipwayException, InterruptedException {
        Log log = context.log();
        Deadline deadline = new Deadline(request.timeoutSeconds());
        Map<String, Long> phases = new LinkedHashMap<>();
        List<String> notGone = List.of("pending", "running", "stopping", "stopped");
        try (Ec2Session session = Ec2Session.open(request.connection(), context.secrets(), "slipway-terminate")) {
            Ec2Client ec2 = session.ec2();
            long t = System.nanoTime();
            List<Instance> targets;
            if (!request.instanceIds().isEmpty()) {
                targets = describe(ec2, DescribeInstancesRequest.builder().instanceIds(request.instanceIds()).build(),
                        "instances " + request.instanceIds());
                for (Instance i : targets) {
                    String fleet = tag(i, FLEET_TAG);
                    if (fleet == null || request.fleet() != null && !request.fleet().equals(fleet)) {
                        throw new Ec2Exception(Kind.BAD_INPUT, "Instance " + i.instanceId() + " is not in "
                                + (request.fleet() == null ? "a Slipway fleet" : "fleet " + request.fleet())
                                + " (its " + FLEET_TAG + " tag is " + fleet + "). Slipway terminates only the"
                                + " instances it launched.");
                    }
                }
                targets = targets.stream().filter(i -> notGone.contains(i.state().nameAsString())).toList();
            } else if (request.expired()) {
                Instant now = Instant.now();
                targets = describe(ec2, DescribeInstancesRequest.builder().filters(
                        Filter.builder().name("tag-key").values(EXPIRES_TAG).build(),
                        Filter.builder().name("instance-state-name").values(notGone).build()).build(),
                        "expired Slipway instances").stream()
                        .filter(i -> tag(i, FLEET_TAG) != null && expired(tag(i, EXPIRES_TAG), now)).toList();
            } else {
                targets = describe(ec2, fleetFilter(request.fleet(), notGone), "fleet " + request.fleet());
            }
            phases.put("describe", millisSince(t));
            List<String> ids = ids(targets);
            List<String> plan = new ArrayList<>();
            for (Instance i : targets) {
                plan.add("terminate " + i.instanceId() + " (" + tag(i, FLEET_TAG) + ", " + i.state().nameAsString()
                        + ", launched " + i.launchTime() + ")");
            }
            if (plan.isEmpty()) {
                plan.add("terminate nothing: no instance matched");
            }
            plan.forEach(line -> log.info("plan: " + line));
            if (request.dryRun()) {
                if (!ids.isEmpty()) {
                    permissionCheck("TerminateInstances " + ids,
                            () -> ec2.terminateInstances(r -> r.instanceIds(ids).dryRun(true)), log);
                }
                return new Ec2Result("terminate", request.fleet(), session.region(), true, null, List.of(),
                        List.of(), List.of(), ids, plan, phases, 0);
            }
            if (!ids.isEmpty()) {
                t = System.nanoTime();
                for (int from = 0; from < ids.size(); from += 1000) {
                    List<String> batch = ids.subList(from, Math.min(ids.size(), from + 1000));
                    AwsCalls.call("TerminateInstances " + batch, () -> ec2.terminateInstances(r -> r.instanceIds(batch)));
                }
                phases.put("terminate", millisSince(t));
                log.info("terminating " + ids.size() + " instance(s): " + ids);
                if (request.waitTerminated()) {
                    t = System.nanoTime();
                    waitTerminated(ec2, ids, deadline, log);
                    phases.put("terminated", millisSince(t));
                }
            }
            return new Ec2Result("terminate", request.fleet(), session.region(), false, null, List.of(), List.of(),
                    List.of(), ids, plan, phases, 0);
        }
    }

    private void waitTerminated(Ec2Client ec2, List<String> ids, Deadline deadline, Log log)
            throws Ec2Exception, InterruptedException {
        log.progress("waiting for " + ids.size() + " instance(s) to be terminated");
        for (int round = 0; ; round++) {
            List<Instance> found = describe(ec2, DescribeInstancesRequest.builder().instanceIds(ids).build(),
                    "instances " + ids);
            List<String> left = found.stream().filter(i -> !"terminated".equals(i.state().nameAsString()))
                    .map(i -> i.instanceId() + " (" + i.state().nameAsString() + ")").toList();
            if (left.isEmpty()) {
                log.progress("terminated: " + ids.size() + "/" + ids.size() + " after " + deadline.elapsedSeconds()
                        + " s");
                return;
            }
            checkTimeout(deadline, "termination", left);
            deadline.sleep(waits, round);
        }
    }

    private static boolean expired(String expiresAt, Instant now) {
        try {
            return expiresAt != null && Instant.parse(expiresAt).isBefore(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static DescribeInstancesRequest fleetFilter(String fleet, List<String> states) {
        Filter owner = fleet == null ? Filter.builder().name("tag-key").values(FLEET_TAG).build()
                : filter("tag:" + FLEET_TAG, fleet);
        return DescribeInstancesRequest.builder()
                .filters(owner, Filter.builder().name("instance-state-name").values(states).build())
                .maxResults(1000)
                .build();
    }

    /** All instances matching {@code describe}, following every page (one call per page, not per instance). */
    private static List<Instance> describe(Ec2Client ec2, DescribeInstancesRequest describe, String subject)
            throws Ec2Exception, InterruptedException {
        return AwsCalls.call("DescribeInstances for " + subject, () -> {
            List<Instance> all = new ArrayList<>();
            for (Reservation reservation : ec2.describeInstancesPaginator(describe).reservations()) {
                all.addAll(reservation.instances());
            }
            return all;
        });
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static List<Ec2Host> hosts(List<Instance> instances, Map<String, List<String>> keys,
            Set<String> launched, Ec2LaunchRequest request) throws Ec2Exception {
        List<Ec2Host> hosts = new ArrayList<>();
        for (Instance i : instances) {
            hosts.add(host(i, keys.getOrDefault(i.instanceId(), List.of()), launched.contains(i.instanceId()),
                    request.sshUser(), request.sshPort(), request.addressType()));
        }
        return hosts;
    }

    private static Ec2Host host(Instance i, List<String> keys, boolean launched, String user, int port,
            AddressType addressType) throws Ec2Exception {
        return new Ec2Host(i.instanceId(), address(i, addressType), port, user, keys, i.instanceId(),
                i.state().nameAsString(), i.instanceTypeAsString(), az(i), i.subnetId(), i.privateIpAddress(),
                i.publicIpAddress(), emptyToNull(i.privateDnsName()), emptyToNull(i.publicDnsName()),
                i.launchTime() == null ? null : i.launchTime().toString(), "spot".equals(i.instanceLifecycleAsString()),
                launched, tag(i, FLEET_TAG), tag(i, EXPIRES_TAG));
    }

    private static String address(Instance i, AddressType type) throws Ec2Exception {
        String pub = emptyToNull(i.publicIpAddress());
        String priv = emptyToNull(i.privateIpAddress());
        String address = switch (type) {
            case PUBLIC -> pub;
            case PRIVATE -> priv;
            case AUTO -> pub != null ? pub : priv;
        };
        if (address == null && "running".equals(i.state().nameAsString())) {
            throw new Ec2Exception(Kind.BAD_INPUT, "Instance " + i.instanceId() + " in " + i.subnetId() + " has no "
                    + (type == AddressType.AUTO ? "" : type.name().toLowerCase(java.util.Locale.ROOT) + " ")
                    + "IP address. Use a subnet that assigns public IPs, or addressType PRIVATE when the agent"
                    + " reaches the VPC.");
        }
        return address;
    }

    private static String az(Instance i) {
        return i.placement() == null ? null : i.placement().availabilityZone();
    }

    private static String tag(Instance i, String key) {
        return i.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    private static List<String> ids(List<Instance> instances) {
        return instances.stream().map(Instance::instanceId).toList();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
