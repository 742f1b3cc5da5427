package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;

import static io.jenkins.plugins.slipway.engine.ec2.Instances.EXPIRES_TAG;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.FLEET_TAG;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.checkTimeout;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.describe;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.fleetFilter;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.ids;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.millisSince;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.permissionCheck;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.tag;

import io.jenkins.plugins.slipway.engine.aws.TargetGroup;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * {@link Ec2Service#terminate}: picks the instances (by id, only from a Slipway fleet; a fleet; or every expired
 * one), terminates them in batches of 1000, and optionally waits until they are gone.
 */
final class Terminator {
    private final Waits waits;

    Terminator(Waits waits) {
        this.waits = waits;
    }

    Ec2Result terminate(Ec2TerminateRequest request, TaskContext context)
            throws SlipwayException, InterruptedException {
        Log log = context.log();
        Deadline deadline = new Deadline(request.timeoutSeconds());
        Map<String, Long> phases = new LinkedHashMap<>();
        List<String> notGone = List.of("pending", "running", "stopping", "stopped");
        try (Ec2Session session = Ec2Session.open(request.aws(), context.secrets(), "slipway-terminate")) {
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
            LoadBalancing balancing = request.targetGroups().isEmpty() ? null
                    : new LoadBalancing(session.aws(), waits, log);
            List<TargetGroup> groups = balancing == null ? List.of() : balancing.resolve(request.targetGroups());
            if (balancing != null && !targets.isEmpty()) {
                // first out of the load balancer (planned, then done), then terminated
                plan.addAll(0, balancing.drain(groups, targets, true, deadline, phases));
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
                if (balancing != null) {
                    balancing.drain(groups, targets, false, deadline, phases);
                }
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

    void waitTerminated(Ec2Client ec2, List<String> ids, Deadline deadline, Log log)
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

    static boolean expired(String expiresAt, Instant now) {
        try {
            return expiresAt != null && Instant.parse(expiresAt).isBefore(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
