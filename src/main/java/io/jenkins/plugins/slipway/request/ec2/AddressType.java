package io.jenkins.plugins.slipway.request.ec2;

/** Which address a host record carries as {@code host}. */
public enum AddressType {
    /** The public IP when the instance has one, otherwise the private IP. */
    AUTO,
    PUBLIC,
    PRIVATE;

    /** Accepts any letter case ({@code best_effort}, {@code Private}) and names the allowed values otherwise. */
    public static AddressType of(String value) {
        for (AddressType v : values()) {
            if (v.name().equalsIgnoreCase(value == null ? "" : value.trim().replace('-', '_'))) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + java.util.Arrays.toString(values()));
    }
}
