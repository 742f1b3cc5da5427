package io.jenkins.plugins.slipway.request.aws;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where and as whom the AWS calls (EC2, Elastic Load Balancing, STS) go: region, optional endpoint override (LocalStack-style emulators, tests),
 * the credentials mode and an optional role to assume. Secrets never appear here; access keys arrive as the
 * secrets {@code awsAccessKeyId}, {@code awsSecretAccessKey} and {@code awsSessionToken}.
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
}
