package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import io.jenkins.plugins.slipway.request.ec2.HostKeyMode;

import io.jenkins.plugins.slipway.request.ec2.AddressType;

import io.jenkins.plugins.slipway.request.aws.CredentialsMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import org.junit.jupiter.api.Test;

class Ec2LaunchRequestTest {

    private static Ec2LaunchRequest read(String json) throws Exception {
        JsonNode node = Json.MAPPER.readTree(json.replace('\'', '"'));
        return Json.read(node, Ec2LaunchRequest.class, "ec2-launch");
    }

    @Test
    void shouldApplySafeDefaults() throws Exception {
        Ec2LaunchRequest request = read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0'}");

        assertThat(request.count()).isEqualTo(1);
        assertThat(request.imdsV2()).isTrue();
        assertThat(request.hostKeys()).isEqualTo(HostKeyMode.REQUIRE);
        assertThat(request.waitSsh()).isTrue();
        assertThat(request.terminateExtras()).isFalse();
        assertThat(request.keepOnFailure()).isFalse();
        assertThat(request.instanceType()).isEqualTo("t3.micro");
        assertThat(request.timeoutSeconds()).isEqualTo(300);
        assertThat(request.aws().credentials()).isEqualTo(CredentialsMode.AUTO);
        assertThat(request.amiOwners()).containsExactly("self");
    }

    @Test
    void shouldRejectUnknownParametersByName() {
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'awsSecretAccessKey': 'x'}"))
                .isInstanceOfSatisfying(SlipwayException.class,
                        e -> assertThat(e.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT))
                .hasMessageContaining("unknown parameter 'awsSecretAccessKey'");
    }

    @Test
    void shouldNameTheParameterThatIsWrong() {
        assertThatThrownBy(() -> read("{'ami': 'ami-0123456789abcdef0'}")).hasMessageContaining("fleet: required");
        assertThatThrownBy(() -> read("{'fleet': 'web'}")).hasMessageContaining("ami / amiName: give exactly one");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-1', 'amiName': 'x*'}"))
                .hasMessageContaining("ami / amiName");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ubuntu'}")).hasMessageContaining("ami: 'ubuntu'");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'count': 101}"))
                .hasMessageContaining("count: must be between 0 and 100");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'subnets': ['sub-1']}"))
                .hasMessageContaining("subnets: 'sub-1'");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'tags': {'slipway:fleet': 'x'}}"))
                .hasMessageContaining("tags: 'slipway:fleet' is reserved");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'region': 'Frankfurt'}"))
                .hasMessageContaining("region: 'Frankfurt'");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'externalId': 'abc'}"))
                .hasMessageContaining("externalId: only meaningful together with roleArn");
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'endpoint': 'localhost:4566'}"))
                .hasMessageContaining("endpoint: 'localhost:4566'");
    }

    @Test
    void shouldAcceptModesInAnyCaseAndNameTheAllowedOnes() throws Exception {
        Ec2LaunchRequest request = read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'hostKeys': 'best-effort',"
                + " 'addressType': 'private', 'credentials': 'default_chain'}");

        assertThat(request.hostKeys()).isEqualTo(HostKeyMode.BEST_EFFORT);
        assertThat(request.addressType()).isEqualTo(AddressType.PRIVATE);
        assertThat(request.aws().credentials()).isEqualTo(CredentialsMode.DEFAULT_CHAIN);
        assertThatThrownBy(() -> read("{'fleet': 'web', 'ami': 'ami-0123456789abcdef0', 'hostKeys': 'maybe'}"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("'maybe' is not one of [REQUIRE, BEST_EFFORT, SKIP]");
    }

    @Test
    void shouldRequireSomethingToTerminate() {
        assertThatThrownBy(() -> new Ec2TerminateRequest(null, null, null, null, null, null, null, null))
                .hasMessageContaining("fleet / instanceIds / expired");
        assertThatThrownBy(() -> new Ec2TerminateRequest(null, java.util.List.of("web-1"), null, null, null, null,
                null, null)).hasMessageContaining("instanceIds: 'web-1'");
    }
}
