package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import io.jenkins.plugins.slipway.request.ec2.AddressType;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What the launch, the waits and the termination share about a fleet's instances: the tags that mark them, the
 * paginated Describe call and the fleet filter, the dry-run permission check, the timeout message, and turning an
 * {@link Instance} into an {@link Ec2Host}.
 */
final class Instances {
    private Instances() {
    }

    static final String FLEET_TAG = "slipway:fleet";
    static final String BUILD_TAG = "slipway:build";
    static final String EXPIRES_TAG = "slipway:expires-at";
    static final List<String> LIVE = List.of("pending", "running");
    static final Set<String> GONE = Set.of("shutting-down", "terminated", "stopping", "stopped");

    static void permissionCheck(String subject, AwsCalls.Call<?> call, Log log)
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

    static void checkTimeout(Deadline deadline, String what, List<String> waitingFor) throws Ec2Exception {
        if (deadline.passed()) {
            throw new Ec2Exception(Kind.ENVIRONMENT, "Timed out after " + deadline.seconds() + " s waiting for "
                    + what + ": still waiting for " + waitingFor + ". Raise timeoutSeconds, or check the"
                    + " instances' system log, security groups and route to the subnet.");
        }
    }

    static DescribeInstancesRequest fleetFilter(String fleet, List<String> states) {
        Filter owner = fleet == null ? Filter.builder().name("tag-key").values(FLEET_TAG).build()
                : filter("tag:" + FLEET_TAG, fleet);
        return DescribeInstancesRequest.builder()
                .filters(owner, Filter.builder().name("instance-state-name").values(states).build())
                .maxResults(1000)
                .build();
    }

    /** All instances matching {@code describe}, following every page (one call per page, not per instance). */
    static List<Instance> describe(Ec2Client ec2, DescribeInstancesRequest describe, String subject)
            throws Ec2Exception, InterruptedException {
        return AwsCalls.call("DescribeInstances for " + subject, () -> {
            List<Instance> all = new ArrayList<>();
            for (Reservation reservation : ec2.describeInstancesPaginator(describe).reservations()) {
                all.addAll(reservation.instances());
            }
            return all;
        });
    }

    static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    static List<Ec2Host> hosts(List<Instance> instances, Map<String, List<String>> keys,
            Set<String> launched, Ec2LaunchRequest request) throws Ec2Exception {
        List<Ec2Host> hosts = new ArrayList<>();
        for (Instance i : instances) {
            hosts.add(host(i, keys.getOrDefault(i.instanceId(), List.of()), launched.contains(i.instanceId()),
                    request.sshUser(), request.sshPort(), request.addressType()));
        }
        return hosts;
    }

    static Ec2Host host(Instance i, List<String> keys, boolean launched, String user, int port,
            AddressType addressType) throws Ec2Exception {
        return new Ec2Host(i.instanceId(), address(i, addressType), port, user, keys, i.instanceId(),
                i.state().nameAsString(), i.instanceTypeAsString(), az(i), i.subnetId(), i.privateIpAddress(),
                i.publicIpAddress(), emptyToNull(i.privateDnsName()), emptyToNull(i.publicDnsName()),
                i.launchTime() == null ? null : i.launchTime().toString(), "spot".equals(i.instanceLifecycleAsString()),
                launched, tag(i, FLEET_TAG), tag(i, EXPIRES_TAG));
    }

    static String address(Instance i, AddressType type) throws Ec2Exception {
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

    static String az(Instance i) {
        return i.placement() == null ? null : i.placement().availabilityZone();
    }

    static String tag(Instance i, String key) {
        return i.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    static List<String> ids(List<Instance> instances) {
        return instances.stream().map(Instance::instanceId).toList();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
