package io.jenkins.plugins.slipway.engine.ec2;

import java.util.List;

/**
 * One instance in the shared host shape ({@code name}, {@code host}, {@code port}, {@code user},
 * {@code hostKeyFingerprints}) that the deploy stage reads as is, plus the instance's EC2 details.
 *
 * @param launched true when this call launched the instance, false when it was reused
 * @param fleet the fleet it belongs to (its {@code slipway:fleet} tag)
 * @param expiresAt when {@code ec2 terminate --expired} may terminate it (its {@code slipway:expires-at} tag), or null
 */
public record Ec2Host(String name, String host, int port, String user, List<String> hostKeyFingerprints,
        String instanceId, String state, String instanceType, String availabilityZone, String subnetId,
        String privateIp, String publicIp, String privateDns, String publicDns, String launchTime,
        boolean spot, boolean launched, String fleet, String expiresAt) {

    public Ec2Host {
        hostKeyFingerprints = hostKeyFingerprints == null ? List.of() : List.copyOf(hostKeyFingerprints);
    }
}
