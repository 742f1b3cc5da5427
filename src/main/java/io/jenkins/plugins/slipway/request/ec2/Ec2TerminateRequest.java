package io.jenkins.plugins.slipway.request.ec2;

import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.Checks;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Terminate instances Slipway launched: a whole fleet, given instance ids (which must carry a fleet tag, and the
 * given fleet's when both are set), or every Slipway instance whose {@code slipway:expires-at} tag has passed.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code ec2Terminate} step
 * (shown by Jenkins, {@code docs/steps/ec2Terminate.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param fleet        the fleet to terminate
 * @param instanceIds  the instances to terminate
 * @param expired      terminate every Slipway instance whose TTL has passed (the orphan sweep)
 * @param waitTerminated wait until the instances are terminated (default false)
 * @param timeoutSeconds how long to wait (default 300)
 * @param dryRun       print what would be terminated and run EC2's DryRun permission check
 * @param aws          the AWS access, as {@link Ec2LaunchRequest}'s
 * @param targetGroups Elastic Load Balancing target groups (ARNs or names) to deregister the instances from
 *                     first; they are terminated once the balancer reports them drained (within timeoutSeconds)
 */
public record Ec2TerminateRequest(String fleet, List<String> instanceIds, Boolean expired, Boolean waitTerminated,
        Integer timeoutSeconds, Boolean dryRun, AwsConnection aws, List<String> targetGroups) {

    public static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");

    public Ec2TerminateRequest {
        instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
        expired = expired != null && expired;
        if (fleet != null) {
            Ec2LaunchRequest.requireFleet(fleet);
        }
        if (fleet == null && instanceIds.isEmpty() && !expired) {
            throw new IllegalArgumentException("fleet / instanceIds / expired: say what to terminate");
        }
        if (expired && (fleet != null || !instanceIds.isEmpty())) {
            throw new IllegalArgumentException("expired: sweeps every expired Slipway instance; do not combine it"
                    + " with fleet or instanceIds");
        }
        for (String id : instanceIds) {
            if (id == null || !INSTANCE.matcher(id).matches()) {
                throw new IllegalArgumentException("instanceIds: '" + id + "' is not an instance id (i-0abc...)");
            }
        }
        waitTerminated = waitTerminated != null && waitTerminated;
        timeoutSeconds = timeoutSeconds == null ? 300 : timeoutSeconds;
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("timeoutSeconds: must be between 1 and 3600, was " + timeoutSeconds);
        }
        dryRun = dryRun != null && dryRun;
        targetGroups = Checks.targetGroups("targetGroups", targetGroups);
        aws = AwsConnection.orDefault(aws);
    }
}
