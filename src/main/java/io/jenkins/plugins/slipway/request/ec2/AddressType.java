package io.jenkins.plugins.slipway.request.ec2;

/** Which address a host record carries as {@code host}. */
public enum AddressType {
    /** The public IP when the instance has one, otherwise the private IP. */
    AUTO,
    PUBLIC,
    PRIVATE
}
