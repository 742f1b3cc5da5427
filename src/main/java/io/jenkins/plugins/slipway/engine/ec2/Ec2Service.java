package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;

import io.jenkins.plugins.slipway.request.ec2.Ec2ListRequest;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import static io.jenkins.plugins.slipway.engine.ec2.Instances.EXPIRES_TAG;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.FLEET_TAG;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.LIVE;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.az;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.describe;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.fleetFilter;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.host;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.hosts;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.ids;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.millisSince;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.tag;
import static io.jenkins.plugins.slipway.engine.ec2.InstanceLauncher.cleanUp;
import static io.jenkins.plugins.slipway.engine.ec2.InstanceLauncher.dryRunChecks;
import static io.jenkins.plugins.slipway.engine.ec2.InstanceLauncher.plan;
import static io.jenkins.plugins.slipway.engine.ec2.InstanceLauncher.resolveImage;
import static io.jenkins.plugins.slipway.engine.ec2.InstanceLauncher.runInstances;
import static io.jenkins.plugins.slipway.engine.ec2.InstanceLauncher.userData;

import io.jenkins.plugins.slipway.engine.aws.TargetGroup;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.core.TrustStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Ensures, lists and terminates EC2 fleets. A fleet is the set of instances tagged {@code slipway:fleet=<name>}.
 *
 * <p>{@link #launch} reuses the fleet's pending/running instances, launches only the missing ones in one
 * RunInstances call whose client token is derived from the fleet, the build and the launch spec (so a retried
 * call never launches twice), optionally terminates extras (oldest first), then waits in phases — running,
 * status checks, SSH port, host keys — with one batched Describe call per poll. Whatever this call launched is
 * terminated again when it fails, times out or is aborted, unless {@code keepOnFailure} is set.
 *
 * <p>This class is the facade and the order of the launch's steps; {@link InstanceLauncher} plans and launches,
 * {@link ReadinessWait} waits, {@link Terminator} terminates, {@link Instances} holds what they share.
 */
public final class Ec2Service {
    private final Waits waits;

    public Ec2Service() {
        this(Waits.DEFAULT);
    }

    Ec2Service(Waits waits) {
        this.waits = waits;
    }

    /** Ensures the fleet (see {@link #ensureFleet}) and writes the HTML report ({@link Ec2LaunchRequest#report()}). */
    public Ec2Result launch(Ec2LaunchRequest request, TaskContext context)
            throws SlipwayException, InterruptedException {
        return Ec2Report.write(ensureFleet(request, context), request.report(), context);
    }

    /** Ensures the fleet has {@code count} ready instances: plan, launch, wait (see the class comment). */
    private Ec2Result ensureFleet(Ec2LaunchRequest request, TaskContext context)
            throws SlipwayException, InterruptedException {
        Log log = context.log();
        Deadline deadline = new Deadline(request.timeoutSeconds());
        Map<String, Long> phases = new LinkedHashMap<>();
        String userData = userData(request, context);
        String buildId = request.buildId() != null ? request.buildId() : "run-" + UUID.randomUUID();
        try (Ec2Session session = Ec2Session.open(request.aws(), context.secrets(),
                "slipway-" + request.fleet())) {
            Ec2Client ec2 = session.ec2();
            long t = System.nanoTime();
            Image image = resolveImage(ec2, request);
            phases.put("ami", millisSince(t));
            log.info("AMI " + image.imageId() + " (" + image.name() + ", created " + image.creationDate() + ")");
            String user = LoginUser.of(request.sshUser(), image);
            if (request.sshUser() == null) {
                log.info("SSH user " + user + " (the default of this AMI's publisher; set sshUser to change it)");
            }

            t = System.nanoTime();
            List<Instance> existing = describe(ec2, fleetFilter(request.fleet(), LIVE), "fleet " + request.fleet());
            existing.sort(Comparator.comparing(Instance::launchTime, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Instance::instanceId));
            phases.put("describe", millisSince(t));
            int missing = Math.max(0, request.count() - existing.size());
            int surplus = Math.max(0, existing.size() - request.count());
            List<Instance> extras = request.terminateExtras() ? existing.subList(0, surplus) : List.of();
            List<Instance> kept = new ArrayList<>(existing.subList(extras.size(), existing.size()));

            List<String> plan = new ArrayList<>(plan(request, image, kept, extras, surplus, missing));
            plan.addAll(LoadBalancing.plan(request.targetGroups(), request.targetPort(), request.waitHealthy(),
                    request.replaces()));
            plan.forEach(line -> log.info("plan: " + line));
            LoadBalancing balancing = request.targetGroups().isEmpty() ? null
                    : new LoadBalancing(session.aws(), waits, log);
            // the target groups are found (and their type checked) before anything is launched
            List<TargetGroup> groups = balancing == null ? List.of() : balancing.resolve(request.targetGroups());
            if (request.dryRun()) {
                dryRunChecks(ec2, request, image, userData, buildId, missing, extras, log);
                return new Ec2Result("launch", request.fleet(), session.region(), true, image.imageId(),
                        LoginUser.apply(hosts(kept, Map.of(), Set.of(), request), user), List.of(), ids(kept),
                        ids(extras), plan, phases,
                        missing);
            }

            List<String> launched = new ArrayList<>();
            boolean serving = false;
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
                        : LoginUser.apply(new ReadinessWait(waits)
                        .waitUntilReady(ec2, request, all, Set.copyOf(launched), deadline, phases, log), user);
                if (balancing != null && !hosts.isEmpty()) {
                    balancing.register(groups, hosts, request.targetPort(), request.waitHealthy(),
                            request.replaces() != null, deadline, phases);
                }
                if (request.replaces() != null) {
                    // the new fleet serves now: whatever happens to the old one, the new one is kept
                    serving = true;
                    if (hosts.isEmpty()) {
                        throw new Ec2Exception(SlipwayException.Kind.BAD_INPUT, "replaces: fleet " + request.fleet()
                                + " has no instances (count 0), so it cannot replace fleet " + request.replaces()
                                + "; the target groups were left as they are.");
                    }
                    List<Instance> old = describe(ec2, fleetFilter(request.replaces(), LIVE),
                            "fleet " + request.replaces());
                    Map<String, Long> oldPhases = new LinkedHashMap<>();
                    balancing.drain(groups, old, false, deadline, oldPhases);
                    oldPhases.forEach((k, v) -> phases.put("replaced-" + k, v));
                    log.info("fleet " + request.fleet() + " replaced fleet " + request.replaces() + " in target group(s) "
                            + request.targetGroups() + "; " + old.size() + " instance(s) of " + request.replaces()
                            + " keep running until ec2Terminate");
                }
                for (Ec2Host h : hosts) {
                    log.info("host " + h.instanceId() + " " + h.user() + "@" + h.host() + ":" + h.port() + " ("
                            + (h.launched() ? "launched" : "reused") + ", " + h.availabilityZone() + ", private "
                            + h.privateIp() + ") host keys " + h.hostKeyFingerprints());
                }
                remember(hosts, log);
                return new Ec2Result("launch", request.fleet(), session.region(), false, image.imageId(), hosts,
                        launched, ids(kept), terminated, plan, phases, launched.size());
            } catch (InterruptedException e) {
                if (!serving) {
                    cleanUp(ec2, request, launched, log, "the build was aborted");
                }
                throw e;
            } catch (SlipwayException | RuntimeException e) {
                if (!serving) {
                    cleanUp(ec2, request, launched, log, "the launch failed");
                }
                throw e;
            }
        }
    }

    /**
     * Records the fingerprints read from the instances' consoles in the user's {@link TrustStore}, outside the
     * workspace: a later {@code sshDeploy} on this machine trusts them even when it reads the hosts from a file the
     * commit could have changed.
     */
    private static void remember(List<Ec2Host> hosts, Log log) {
        TrustStore store = TrustStore.ofUser();
        for (Ec2Host h : hosts) {
            if (h.hostKeyFingerprints().isEmpty() || h.host() == null) {
                continue;
            }
            try {
                store.pin(TrustStore.hostName(h.host(), h.port()), h.hostKeyFingerprints());
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot record the host keys of " + h.host() + " in " + store.dir() + ": " + e.getMessage()
                        + ". sshDeploy then needs them as hosts values, known_hosts or acceptNew.");
            }
        }
    }

    /** The fleet's (or every Slipway fleet's) pending and running instances. */
    public Ec2Result list(Ec2ListRequest request, TaskContext context) throws SlipwayException, InterruptedException {
        try (Ec2Session session = Ec2Session.open(request.aws(), context.secrets(), "slipway-list")) {
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

    /** Terminates instances of a Slipway fleet: given ids, a whole fleet, or every expired instance. */
    public Ec2Result terminate(Ec2TerminateRequest request, TaskContext context)
            throws SlipwayException, InterruptedException {
        return new Terminator(waits).terminate(request, context);
    }
}
