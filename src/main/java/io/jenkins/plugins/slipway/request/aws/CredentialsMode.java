package io.jenkins.plugins.slipway.request.aws;

/** Where the AWS credentials come from. A role to assume ({@code roleArn}) is applied on top of either. */
public enum CredentialsMode {
    /** The access key secrets when they were provided, otherwise the SDK's default chain. */
    AUTO,
    /** Only the secrets {@code awsAccessKeyId} / {@code awsSecretAccessKey} (+ {@code awsSessionToken}). */
    KEYS,
    /** Only the SDK's default chain: environment, profile, container or instance profile. */
    DEFAULT_CHAIN
}
