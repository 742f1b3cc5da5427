package io.jenkins.plugins.slipway.engine.aws;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;

/**
 * An AWS call outside EC2 failed (Elastic Load Balancing, the session itself). The message names the target group
 * and target involved and, when AWS refused a call, the AWS error code ({@link #awsErrorCode()}), followed by what
 * to do about it.
 */
public final class AwsException extends SlipwayException {
    private static final long serialVersionUID = 1L;
    private final String awsErrorCode;

    public AwsException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public AwsException(Kind kind, String message, String awsErrorCode, Throwable cause) {
        super(kind, message, cause);
        this.awsErrorCode = awsErrorCode;
    }

    /** The AWS error code (e.g. {@code TargetGroupNotFound}), or null when AWS was not the cause. */
    public String awsErrorCode() {
        return awsErrorCode;
    }
}
