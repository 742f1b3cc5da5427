package io.jenkins.plugins.slipway.request.ec2;

import io.jenkins.plugins.slipway.request.aws.AwsConnection;
/**
 * List the pending and running instances of a fleet, or of every Slipway fleet when {@code fleet} is absent.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code ec2Launch} step
 * (shown by Jenkins, {@code docs/steps/ec2Launch.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param fleet       the fleet (optional)
 * @param sshUser     user put in the host records (default ec2-user)
 * @param sshPort     port put in the host records (default 22)
 * @param addressType address put in the host records (default AUTO)
 * @param aws         the AWS access, as {@link Ec2LaunchRequest}'s
 */
public record Ec2ListRequest(String fleet, String sshUser, Integer sshPort, AddressType addressType,
        AwsConnection aws) {

    public Ec2ListRequest {
        if (fleet != null) {
            Ec2LaunchRequest.requireFleet(fleet);
        }
        sshUser = sshUser == null ? "ec2-user" : sshUser;
        sshPort = sshPort == null ? 22 : sshPort;
        if (sshPort < 1 || sshPort > 65_535) {
            throw new IllegalArgumentException("sshPort: must be between 1 and 65535, was " + sshPort);
        }
        addressType = addressType == null ? AddressType.AUTO : addressType;
        aws = AwsConnection.orDefault(aws);
    }
}
