package io.jenkins.plugins.slipway.engine.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsCallsTest {

    @Test
    void shouldSayThatCredentialsAreMissingNotThatTheNetworkIsBroken() throws Exception {
        SdkClientException e = SdkClientException.create("Unable to load credentials from any of the providers in the chain"
                + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider()])");
        Ec2Exception converted = AwsCalls.convert("DescribeImages", e);
        assertThat(converted.getMessage()).contains("no AWS credentials were found").contains("credentialsId")
                .doesNotContain("network path");
        assertThat(converted.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT);
    }

    @Test
    void shouldStillBlameTheNetworkForAnUnreachableEndpoint() throws Exception {
        SdkClientException e = SdkClientException.create("Unable to execute HTTP request: Connect to 127.0.0.1:9 failed: Connection refused");
        assertThat(AwsCalls.convert("DescribeImages", e).getMessage()).contains("Check the network path");
    }
}
