package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import static io.jenkins.plugins.slipway.engine.ec2.Instances.BUILD_TAG;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.EXPIRES_TAG;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.FLEET_TAG;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.GONE;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.az;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.filter;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.ids;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.permissionCheck;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * The launch half of {@link Ec2Service#launch}: the AMI and the user data, the plan (reuse, launch, terminate
 * extras), the RunInstances request with its idempotent client token, trying subnets and markets in turn when EC2
 * has no capacity, the dry-run permission checks, and terminating what a failed launch started.
 */
final class InstanceLauncher {
    private InstanceLauncher() {
    }

    static List<String> plan(Ec2LaunchRequest request, Image image, List<Instance> kept,
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

    static String userData(Ec2LaunchRequest request, TaskContext context) throws Ec2Exception {
        if (request.userDataFile() == null) {
            return request.userData();
        }
        Path file;
        try {
            file = context.input(request.userDataFile(), "userDataFile");
        } catch (io.jenkins.plugins.slipway.engine.core.SlipwayException e) {
            throw new Ec2Exception(Kind.BAD_INPUT, e.getMessage(), null, e);
        }
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
    static Image resolveImage(Ec2Client ec2, Ec2LaunchRequest request)
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

    static Image findImage(Ec2Client ec2, Ec2LaunchRequest request)
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

    static void runInstances(Ec2Client ec2, Ec2LaunchRequest request, Image image, String userData,
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

    static void dryRunChecks(Ec2Client ec2, Ec2LaunchRequest request, Image image, String userData,
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

    static void cleanUp(Ec2Client ec2, Ec2LaunchRequest request, List<String> launched, Log log, String why) {
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
}
