package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/**
 * An EC2 stage failed. The message names the instance, subnet or AMI involved and, when AWS refused a call, the
 * AWS error code ({@link #awsErrorCode()}), followed by what to do about it.
 */
public final class Ec2Exception extends SlipwayException {
    private static final long serialVersionUID = 1L;
    private final String awsErrorCode;

    public Ec2Exception(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Ec2Exception(Kind kind, String message, String awsErrorCode, Throwable cause) {
        super(kind, message, cause);
        this.awsErrorCode = awsErrorCode;
    }

    /** The AWS error code (e.g. {@code InsufficientInstanceCapacity}), or null when AWS was not the cause. */
    public String awsErrorCode() {
        return awsErrorCode;
    }
}
