package io.jenkins.plugins.slipway.engine.aws;

import io.jenkins.plugins.slipway.request.aws.AwsConnection;

import io.jenkins.plugins.slipway.request.aws.CredentialsMode;

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
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The one way Slipway talks to AWS: region, credentials (access key secrets, the SDK's default chain, a role to
 * assume on top), one HTTP client with connect and read timeouts, the SDK's standard retry strategy (throttling and
 * transient errors are retried with jittered backoff, 5 attempts) and a timeout on every call. Every service client
 * (EC2, Elastic Load Balancing v2) is built here the same way, against the same endpoint override. Closes
 * everything it opened.
 */
public final class AwsSession implements AutoCloseable {
    public static final String ACCESS_KEY = "awsAccessKeyId";
    public static final String SECRET_KEY = "awsSecretAccessKey";
    public static final String SESSION_TOKEN = "awsSessionToken";

    private final AwsConnection connection;
    private final Region region;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> closeables;
    private ElasticLoadBalancingV2Client elb;

    private AwsSession(AwsConnection connection, Region region, SdkHttpClient http, AwsCredentialsProvider credentials,
            List<AutoCloseable> closeables) {
        this.connection = connection;
        this.region = region;
        this.http = http;
        this.credentials = credentials;
        this.closeables = closeables;
    }

    /** Opens a session; {@code sessionName} names the assumed role's session (it shows in CloudTrail). */
    public static AwsSession open(AwsConnection connection, Secrets secrets, String sessionName)
            throws SlipwayException {
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
        return new AwsSession(connection, region, http, credentials, closeables);
    }

    /** The region the calls go to. */
    public String region() {
        return region.id();
    }

    /**
     * Builds a client of any AWS service on this session: its region, HTTP client, credentials, retry strategy,
     * timeouts and endpoint override. The session closes it.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
        builder.region(region)
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(5).build())
                        .apiCallAttemptTimeout(Duration.ofSeconds(40))
                        .apiCallTimeout(Duration.ofMinutes(3)));
        if (connection.endpoint() != null) {
            builder.endpointOverride(URI.create(connection.endpoint()));
        }
        C client = builder.build();
        closeables.add(0, client);
        return client;
    }

    /** The Elastic Load Balancing v2 client (ALB, NLB), built on first use. */
    public synchronized ElasticLoadBalancingV2Client elb() {
        if (elb == null) {
            elb = client(ElasticLoadBalancingV2Client.builder());
        }
        return elb;
    }

    private static Region region(AwsConnection connection) throws SlipwayException {
        if (connection.region() != null) {
            return Region.of(connection.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new AwsException(SlipwayException.Kind.BAD_INPUT, "No AWS region: set the 'region' parameter"
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
