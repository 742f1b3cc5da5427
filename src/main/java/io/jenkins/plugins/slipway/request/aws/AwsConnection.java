package io.jenkins.plugins.slipway.request.aws;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where and as whom the AWS calls (EC2, Elastic Load Balancing, STS) go: region, optional endpoint override (LocalStack-style emulators, tests),
 * the credentials mode and an optional role to assume. Secrets never appear here; access keys arrive as the
 * secrets {@code awsAccessKeyId}, {@code awsSecretAccessKey} and {@code awsSessionToken}.
 *
 * <p>A group of its own in every request that calls AWS ({@code aws} of the EC2 requests), built by the step from its
 * region, endpoint, credential and role fields, bound by the CLI from {@code --region}, {@code --endpoint},
 * {@code --credentials}, {@code --role-arn} and {@code --external-id}.
 *
 * @param region      AWS region (default: the SDK's region chain)
 * @param endpoint    endpoint override of the AWS calls (EC2, ELB, STS)
 * @param credentials where credentials come from (default AUTO)
 * @param roleArn     a role to assume
 * @param externalId  the external id for {@code roleArn}
 */
public record AwsConnection(String region, String endpoint, CredentialsMode credentials, String roleArn,
        String externalId) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    public AwsConnection {
        credentials = credentials == null ? CredentialsMode.AUTO : credentials;
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region: '" + region + "' is not an AWS region name (like eu-west-1)");
        }
        if (endpoint != null) {
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpoint: '" + endpoint + "' is not a URL: " + e.getMessage(), e);
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("endpoint: '" + endpoint + "' must be an http(s) URL like http://localhost:4566");
            }
        }
        if (roleArn != null && !ROLE.matcher(roleArn).matches()) {
            throw new IllegalArgumentException("roleArn: '" + roleArn
                    + "' is not an IAM role ARN (arn:aws:iam::123456789012:role/name)");
        }
        if (externalId != null && roleArn == null) {
            throw new IllegalArgumentException("externalId: only meaningful together with roleArn");
        }
        if (externalId != null && (externalId.length() < 2 || externalId.length() > 1224)) {
            throw new IllegalArgumentException("externalId: must be 2 to 1224 characters long");
        }
    }

    /** The SDK's region chain and credentials ({@code AUTO}), no endpoint override, no role. */
    public static final AwsConnection DEFAULT = new AwsConnection(null, null, null, null, null);

    /** {@code aws}, or {@link #DEFAULT} when a request gives no AWS access. */
    public static AwsConnection orDefault(AwsConnection aws) {
        return aws == null ? DEFAULT : aws;
    }
}
