package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.engine.aws.AwsException;
import io.jenkins.plugins.slipway.engine.aws.AwsSession;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * An EC2 client on an {@link AwsSession} (its credentials, region, endpoint, retries and timeouts); the same
 * session serves the Elastic Load Balancing calls of a launch or a termination. Closes everything it opened.
 */
final class Ec2Session implements AutoCloseable {
    static final String ACCESS_KEY = AwsSession.ACCESS_KEY;
    static final String SECRET_KEY = AwsSession.SECRET_KEY;
    static final String SESSION_TOKEN = AwsSession.SESSION_TOKEN;

    private final AwsSession aws;
    private final Ec2Client ec2;

    private Ec2Session(AwsSession aws, Ec2Client ec2) {
        this.aws = aws;
        this.ec2 = ec2;
    }

    Ec2Client ec2() {
        return ec2;
    }

    AwsSession aws() {
        return aws;
    }

    String region() {
        return aws.region();
    }

    static Ec2Session open(AwsConnection connection, Secrets secrets, String sessionName) throws SlipwayException {
        AwsSession aws;
        try {
            aws = AwsSession.open(connection, secrets, sessionName);
        } catch (AwsException e) {
            throw new Ec2Exception(e.kind(), e.getMessage(), e.awsErrorCode(), e);
        }
        return new Ec2Session(aws, aws.client(Ec2Client.builder()));
    }

    @Override
    public void close() {
        aws.close();
    }
}
