package io.jenkins.plugins.slipway.request.ec2;

import java.util.List;

/**
 * An EC2 launch's or termination's result as the controller reads it: the part of the engine's {@code Ec2Result} the
 * build page shows, under the same component names, read by {@code PlainData.toRecord} ({@code ResultMirrorsTest}
 * checks the names and types against the engine's records). JDK only.
 *
 * @param action {@code launch}, {@code terminate} or {@code list}
 * @param fleet the fleet's name
 * @param region the AWS region
 * @param dryRun whether nothing was changed
 * @param ami the image launched
 * @param hosts the fleet's hosts
 * @param launched the instances this call launched
 * @param reused the running instances it kept
 * @param terminated the instances it terminated
 * @param plan what it did, or would do on a dry run, one line each
 */
public record Ec2Reply(String action, String fleet, String region, boolean dryRun, String ami, List<Host> hosts,
        List<String> launched, List<String> reused, List<String> terminated, List<String> plan) {

    /**
     * One instance as the fleet's host.
     *
     * @param name host name
     * @param host the address to connect to
     * @param port the SSH port (null in a result without one)
     * @param user the login user
     * @param hostKeyFingerprints its SSH host keys' fingerprints
     * @param instanceId the EC2 instance
     * @param state its EC2 state
     * @param availabilityZone its zone
     * @param privateIp its private address
     * @param publicIp its public address, if any
     * @param launched whether this call launched it
     */
    public record Host(String name, String host, Integer port, String user, List<String> hostKeyFingerprints,
            String instanceId, String state, String availabilityZone, String privateIp, String publicIp,
            boolean launched) {
    }
}
