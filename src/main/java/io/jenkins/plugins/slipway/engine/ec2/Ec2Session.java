package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * An EC2 client built from a connection and the secrets, with the SDK's standard retry strategy (throttling and
 * transient errors are retried with jittered backoff) and timeouts on every call. Closes everything it opened.
 */
final class Ec2Session implements AutoCloseable {
    static final String ACCESS_KEY = "awsAccessKeyId";
    static final String SECRET_KEY = "awsSecretAccessKey";
    static final String SESSION_TOKEN = "awsSessionToken";

    private final Ec2Client ec2;
    private final Region region;
    private final List<AutoCloseable> closeables;

    private Ec2Session(Ec2Client ec2, Region region, List<AutoCloseable> closeables) {
        this.ec2 = ec2;
        this.region = region;
        this.closeables = closeables;
    }

    Ec2Client ec2() {
        return ec2;
    }

    String region() {
        return region.id();
    }

    static Ec2Session open(Ec2Connection connection, Secrets secrets, String sessionName) throws SlipwayException {
        Region region = region(connection);
        List<AutoCloseable> closeables = new ArrayList<>();
        SdkHttpClient http = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        closeables.add(http);
        AwsCredentialsProvider credentials = baseCredentials(connection.credentials(), secrets);
        if (credentials instanceof AutoCloseable closeable) {
            closeables.add(closeable);
        }
        if (connection.roleArn() != null) {
            var sts = StsClient.builder().region(region).httpClient(http).credentialsProvider(credentials);
            if (connection.endpoint() != null) {
                sts.endpointOverride(URI.create(connection.endpoint()));
            }
            StsClient stsClient = sts.build();
            closeables.add(stsClient);
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(stsClient)
                    .refreshRequest(r -> r.roleArn(connection.roleArn())
                            .roleSessionName(sessionName)
                            .externalId(connection.externalId())
                            .durationSeconds(3600))
                    .build();
            closeables.add(assumed);
            credentials = assumed;
        }
        var builder = Ec2Client.builder()
                .region(region)
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(5).build())
                        .apiCallAttemptTimeout(Duration.ofSeconds(40))
                        .apiCallTimeout(Duration.ofMinutes(3)));
        if (connection.endpoint() != null) {
            builder.endpointOverride(URI.create(connection.endpoint()));
        }
        Ec2Client client = builder.build();
        closeables.add(0, client);
        return new Ec2Session(client, region, closeables);
    }

    private static Region region(Ec2Connection connection) throws SlipwayException {
        if (connection.region() != null) {
            return Region.of(connection.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new Ec2Exception(SlipwayException.Kind.BAD_INPUT, "No AWS region: set the 'region' parameter"
                    + " (or AWS_REGION in the environment).", null, e);
        }
    }

    private static AwsCredentialsProvider baseCredentials(CredentialsMode mode, Secrets secrets)
            throws SlipwayException {
        Optional<String> key = secrets.get(ACCESS_KEY).filter(s -> !s.isEmpty());
        boolean useKeys = mode == CredentialsMode.KEYS || (mode == CredentialsMode.AUTO && key.isPresent());
        if (!useKeys) {
            return DefaultCredentialsProvider.builder().build();
        }
        String hint = "Give the AWS access key as the secrets awsAccessKeyId and awsSecretAccessKey (in Jenkins an"
                + " AWS credentials id; on the command line AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY),"
                + " or use credentials DEFAULT_CHAIN.";
        String id = secrets.require(ACCESS_KEY, hint);
        String secret = secrets.require(SECRET_KEY, hint);
        Optional<String> token = secrets.get(SESSION_TOKEN).filter(s -> !s.isEmpty());
        return StaticCredentialsProvider.create(token.isPresent()
                ? AwsSessionCredentials.create(id, secret, token.get())
                : AwsBasicCredentials.create(id, secret));
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing a client cannot fail in a way the user can act on
            }
        }
    }
}
