package io.jenkins.plugins.slipway.request.ec2;

import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.Checks;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ensure that a named fleet has {@code count} running instances: reuse the running/pending ones that carry the
 * fleet tag, launch only the missing ones (one RunInstances call, idempotent through a client token derived from
 * the fleet and the build), optionally terminate extras, and wait until every instance is reachable.
 *
 * <p>Nullable fields get their defaults in the constructor; every accessor returns the effective value, except
 * {@code sshUser}, whose default depends on the AMI.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code ec2Launch} step
 * (shown by Jenkins, {@code docs/steps/ec2Launch.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param fleet             the fleet's name, stored in the {@code slipway:fleet} tag (required)
 * @param count             wanted number of instances (default 1, 0 to 100)
 * @param tags              extra owner tags put on instances and volumes
 * @param ami               AMI id ({@code ami-...}); or use {@code amiName}
 * @param amiName           AMI name filter with {@code *} wildcards; the newest matching image wins
 * @param amiOwners         owners for {@code amiName} (account ids, {@code amazon}, {@code self}; default self)
 * @param instanceType      instance type (default t3.micro)
 * @param subnets           subnets to try in order; the next one is used on InsufficientInstanceCapacity
 * @param securityGroups    security group ids
 * @param keyName           EC2 key pair name
 * @param instanceProfile   IAM instance profile name or ARN
 * @param userData          cloud-init user data (plain text; encoded by Slipway)
 * @param userDataFile      file holding the user data, relative to the working directory
 * @param rootVolumeGb      root volume size in GiB (default: the AMI's); always gp3 and encrypted
 * @param imdsV2            require IMDSv2 session tokens (default true)
 * @param spot              launch spot instances (default false)
 * @param spotFallback      fall back to on-demand when spot capacity is missing (default true)
 * @param ttlMinutes        put a {@code slipway:expires-at} tag for throw-away environments
 * @param terminateExtras   terminate instances beyond {@code count}, oldest first (default false)
 * @param waitStatusOk      also wait for EC2's status checks to pass (default false)
 * @param waitSsh           wait until the SSH port accepts connections (default true)
 * @param hostKeys          read host key fingerprints from the console output (default REQUIRE)
 * @param sshPort           SSH port (default 22)
 * @param sshUser           user put in the host records (default: the AMI's publisher's, see {@code engine.ec2.LoginUser};
 *                          required for any other AMI)
 * @param addressType       address put in the host records (default AUTO: public, else private)
 * @param timeoutSeconds    overall timeout for launch and waits (default 300)
 * @param keepOnFailure     keep what this call launched when it fails (default false: terminate it)
 * @param dryRun            print the plan and run EC2's DryRun permission checks; change nothing
 * @param buildId           identifies the build for the idempotency token and the {@code slipway:build} tag
 * @param aws               the AWS access: region, endpoint, credentials mode, role (default: the SDK's region chain and
 *                          credentials, {@code AUTO}); a previous release's request gave these five at the top level,
 *                          which the engine still reads
 * @param targetGroups      Elastic Load Balancing target groups (ARNs or names) to register every instance of the
 *                          fleet in: its instance id in {@code instance} groups, its private IP in {@code ip} groups
 * @param targetPort        the port registered (default: the target group's)
 * @param waitHealthy       also wait until the load balancer reports every instance healthy (default false)
 * @param replaces          blue/green: the fleet this one replaces in {@code targetGroups}; once this fleet is
 *                          healthy there, that fleet's instances are deregistered and drained (not terminated)
 * @param report            where the HTML report goes, relative to the working directory (default
 *                          {@value #DEFAULT_REPORT}); {@code slipway.css} is written beside it
 */
public record Ec2LaunchRequest(
        String fleet, Integer count, Map<String, String> tags,
        String ami, String amiName, List<String> amiOwners,
        String instanceType, List<String> subnets, List<String> securityGroups, String keyName,
        String instanceProfile, String userData, String userDataFile, Integer rootVolumeGb,
        Boolean imdsV2, Boolean spot, Boolean spotFallback, Integer ttlMinutes, Boolean terminateExtras,
        Boolean waitStatusOk, Boolean waitSsh, HostKeyMode hostKeys, Integer sshPort, String sshUser,
        AddressType addressType, Integer timeoutSeconds, Boolean keepOnFailure, Boolean dryRun, String buildId,
        AwsConnection aws, String report, List<String> targetGroups, Integer targetPort, Boolean waitHealthy,
        String replaces) {

    /** The HTML report's default place. */
    public static final String DEFAULT_REPORT = "slipway/ec2/index.html";

    public static final Pattern FLEET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    public Ec2LaunchRequest {
        fleet = requireFleet(fleet);
        count = count == null ? 1 : count;
        if (count < 0 || count > 100) {
            throw new IllegalArgumentException("count: must be between 0 and 100, was " + count);
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        tags.forEach(Ec2LaunchRequest::checkTag);
        if ((ami == null) == (amiName == null)) {
            throw new IllegalArgumentException("ami / amiName: give exactly one, the AMI id (ami-0abc...) or a name"
                    + " filter such as 'al2023-ami-2023.*-x86_64'");
        }
        if (ami != null && !AMI.matcher(ami).matches()) {
            throw new IllegalArgumentException("ami: '" + ami + "' is not an AMI id (ami- and 8 to 17 hex digits)");
        }
        amiOwners = amiOwners == null || amiOwners.isEmpty() ? List.of("self") : List.copyOf(amiOwners);
        instanceType = instanceType == null ? "t3.micro" : instanceType;
        if (!TYPE.matcher(instanceType).matches()) {
            throw new IllegalArgumentException("instanceType: '" + instanceType + "' is not an instance type like t3.micro");
        }
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        subnets.forEach(s -> check("subnets", s, SUBNET, "subnet-0abc..."));
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        securityGroups.forEach(s -> check("securityGroups", s, GROUP, "sg-0abc..."));
        if (userData != null && userDataFile != null) {
            throw new IllegalArgumentException("userData / userDataFile: give at most one");
        }
        if (userData != null && userData.length() > 16 * 1024) {
            throw new IllegalArgumentException("userData: EC2 accepts at most 16 KiB, this is " + userData.length()
                    + " characters; gzip it or fetch the rest from S3");
        }
        if (rootVolumeGb != null && (rootVolumeGb < 1 || rootVolumeGb > 16_384)) {
            throw new IllegalArgumentException("rootVolumeGb: must be between 1 and 16384, was " + rootVolumeGb);
        }
        imdsV2 = imdsV2 == null || imdsV2;
        spot = spot != null && spot;
        spotFallback = spotFallback == null || spotFallback;
        if (ttlMinutes != null && (ttlMinutes < 1 || ttlMinutes > 525_600)) {
            throw new IllegalArgumentException("ttlMinutes: must be between 1 and 525600 (a year), was " + ttlMinutes);
        }
        terminateExtras = terminateExtras != null && terminateExtras;
        waitStatusOk = waitStatusOk != null && waitStatusOk;
        waitSsh = waitSsh == null || waitSsh;
        hostKeys = hostKeys == null ? HostKeyMode.REQUIRE : hostKeys;
        sshPort = sshPort == null ? 22 : sshPort;
        if (sshPort < 1 || sshPort > 65_535) {
            throw new IllegalArgumentException("sshPort: must be between 1 and 65535, was " + sshPort);
        }
        if (sshUser != null) { // null: the AMI's publisher's default user (LoginUser), found once the AMI is known
            check("sshUser", sshUser, USER, "a Unix user name like ec2-user, admin or ubuntu");
        }
        addressType = addressType == null ? AddressType.AUTO : addressType;
        timeoutSeconds = timeoutSeconds == null ? 300 : timeoutSeconds;
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("timeoutSeconds: must be between 1 and 3600, was " + timeoutSeconds);
        }
        keepOnFailure = keepOnFailure != null && keepOnFailure;
        dryRun = dryRun != null && dryRun;
        if (buildId != null && (buildId.isBlank() || buildId.length() > 200)) {
            throw new IllegalArgumentException("buildId: must be 1 to 200 characters");
        }
        aws = AwsConnection.orDefault(aws);
        report = report == null || report.isBlank() ? DEFAULT_REPORT : report;
        if (!report.endsWith(".html") && !report.endsWith(".htm")) {
            throw new IllegalArgumentException("report: must name an .html file relative to the working directory "
                    + "(e.g. 'slipway/ec2/index.html'), was '" + report + "'");
        }
        targetGroups = Checks.targetGroups("targetGroups", targetGroups);
        if (targetPort != null && (targetPort < 1 || targetPort > 65_535)) {
            throw new IllegalArgumentException("targetPort: must be between 1 and 65535, was " + targetPort);
        }
        waitHealthy = waitHealthy != null && waitHealthy;
        if (waitHealthy && targetGroups.isEmpty()) {
            throw new IllegalArgumentException("waitHealthy: needs targetGroups, the target groups whose health to"
                    + " wait for");
        }
        if (replaces != null) {
            if (!FLEET.matcher(replaces).matches()) {
                throw new IllegalArgumentException("replaces: 1 to 64 letters, digits, '.', '_' or '-' (was '"
                        + replaces + "')");
            }
            if (targetGroups.isEmpty()) {
                throw new IllegalArgumentException("replaces: needs targetGroups, the target groups in which this fleet"
                        + " replaces fleet '" + replaces + "'");
            }
            if (replaces.equals(fleet)) {
                throw new IllegalArgumentException("replaces: names this fleet itself ('" + fleet + "'); give the fleet"
                        + " that is in the target groups now");
            }
            waitHealthy = true;
        }
        if (targetPort != null && targetGroups.isEmpty()) {
            throw new IllegalArgumentException("targetPort: needs targetGroups, the target groups to register in");
        }
    }

    public static String requireFleet(String fleet) {
        if (fleet == null || !FLEET.matcher(fleet).matches()) {
            throw new IllegalArgumentException("fleet: required, 1 to 64 letters, digits, '.', '_' or '-' (was '"
                    + fleet + "')");
        }
        return fleet;
    }

    private static void checkTag(String key, String value) {
        if (key == null || key.isBlank() || key.length() > 128) {
            throw new IllegalArgumentException("tags: a tag key must be 1 to 128 characters");
        }
        if (key.startsWith("aws:") || key.startsWith("slipway:")) {
            throw new IllegalArgumentException("tags: '" + key + "' is reserved (aws: and slipway: prefixes)");
        }
        if (value == null || value.length() > 256) {
            throw new IllegalArgumentException("tags: the value of '" + key + "' must be 0 to 256 characters");
        }
    }

    private static void check(String name, String value, Pattern pattern, String example) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not valid, expected " + example);
        }
    }
}
