package io.jenkins.plugins.slipway.request.ec2;

/** Which address a host record carries as {@code host}. */
public enum AddressType {
    /** The public IP when the instance has one, otherwise the private IP. */
    AUTO,
    PUBLIC,
    PRIVATE;

    /** Accepts any letter case ({@code best_effort}, {@code Private}) and names the allowed values otherwise. */
    public static AddressType of(String value) {
        return io.jenkins.plugins.slipway.request.Checks.oneOf(AddressType.class, value);
    }
}
