package io.jenkins.plugins.slipway.jenkins.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.bridge.PlainData;
import io.jenkins.plugins.slipway.jenkins.AwsCredentials;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.aws.CredentialsMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter only maps step parameters onto the engine request; the engine validates them. */
class Ec2StepsTest {

    @Test
    void shouldSendOnlyWhatTheUserSetPlusTheSafetyDefaults() {
        Ec2LaunchStep step = new Ec2LaunchStep("web");
        step.setCount(3);
        step.setAmiName("al2023-ami-2023.*-x86_64");
        step.setAmiOwners("amazon, 137112412989");
        step.setSubnets("subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788\nsubnet-0000000000000aaaa");
        step.setTags("team=shop, env = pr-17\ncost-center=42");
        step.setUserData("#cloud-config\npackages: [nginx]\n");
        step.setRegion("  ");

        Map<String, Object> request = PlainData.copyOf(step.request("shop/main#42"), "the request");

        assertThat(request).containsEntry("fleet", "web").containsEntry("count", 3)
                .containsEntry("amiOwners", List.of("amazon", "137112412989"))
                .containsEntry("subnets", List.of("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788",
                        "subnet-0000000000000aaaa"))
                .containsEntry("tags", Map.of("team", "shop", "env", "pr-17", "cost-center", "42"))
                .containsEntry("userData", "#cloud-config\npackages: [nginx]\n")
                .containsEntry("imdsV2", true).containsEntry("waitSsh", true).containsEntry("spotFallback", true)
                .containsEntry("keepOnFailure", false).containsEntry("buildId", "shop/main#42")
                .as("an unset field is the record's default").containsEntry("timeoutSeconds", 300)
                .containsEntry("securityGroups", List.of()).containsEntry("aws", Map.of("credentials", "AUTO"))
                .as("no value: no key").doesNotContainKeys("ami", "region", "sshUser");
    }

    @Test
    void shouldUseTheRoleOfTheCredentialsUnlessTheStepNamesOne() {
        AwsCredentials.Resolved keys = new AwsCredentials.Resolved("AKIAEXAMPLE000000001", "secret",
                "arn:aws:iam::123456789012:role/deployer", "ext-1");

        Map<String, Object> fromCredentials = new java.util.LinkedHashMap<>();
        Map<String, String> secrets = AwsCredentials.apply(keys, fromCredentials, null, null);
        Map<String, Object> fromStep = new java.util.LinkedHashMap<>();
        AwsCredentials.apply(keys, fromStep, "arn:aws:iam::123456789012:role/other", null);
        Map<String, Object> noCredentials = new java.util.LinkedHashMap<>();
        Map<String, String> none = AwsCredentials.apply(null, noCredentials, null, null);

        assertThat(secrets).containsExactlyInAnyOrderEntriesOf(Map.of("awsAccessKeyId", "AKIAEXAMPLE000000001",
                "awsSecretAccessKey", "secret"));
        assertThat(fromCredentials).containsEntry("roleArn", "arn:aws:iam::123456789012:role/deployer")
                .containsEntry("externalId", "ext-1").containsEntry("credentials", "KEYS")
                .doesNotContainValue("secret");
        assertThat(fromStep).containsEntry("roleArn", "arn:aws:iam::123456789012:role/other")
                .doesNotContainKey("externalId");
        assertThat(none).isEmpty();
        assertThat(noCredentials).containsEntry("credentials", "DEFAULT_CHAIN");
    }

    @Test
    void shouldNameWhatToTerminate() {
        Ec2TerminateStep step = new Ec2TerminateStep();
        step.setInstanceIds("i-0123456789abcdef0,i-0fedcba9876543210");
        step.setWaitTerminated(true);

        assertThat(PlainData.copyOf(step.request(), "the request"))
                .containsEntry("instanceIds", List.of("i-0123456789abcdef0", "i-0fedcba9876543210"))
                .containsEntry("waitTerminated", true).containsEntry("expired", false).doesNotContainKey("fleet");
        assertThatThrownBy(() -> new Ec2TerminateStep().request()).as("the record's check, on the controller")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ec2Terminate: fleet / instanceIds / expired: say what to terminate");
    }

    @Test
    void shouldRunTheBuildersStepAndWriteTheHostsWhereSshDeployReadsThem() {
        Ec2LaunchStep step = new Ec2LaunchStep("web");
        step.setCount(2);
        Ec2LaunchBuilder launch = new Ec2LaunchBuilder(step);

        assertThat(launch.getStep()).isSameAs(step);
        assertThat(launch.getResultFile()).isNull();
        assertThat(launch.defaultResultFile()).isEqualTo("slipway-ec2-web.json");
        launch.setResultFile("  ");
        assertThat(launch.getResultFile()).isNull();
        launch.setResultFile(" out/hosts.json ");
        assertThat(launch.getResultFile()).isEqualTo("out/hosts.json");
    }

    @Test
    void shouldGiveEachLaunchItsOwnReportTheFirstOneTheEnginesDefault() {
        assertThat(Ec2LaunchStep.REPORT).isEqualTo(io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest.DEFAULT_REPORT);
        Ec2LaunchStep step = new Ec2LaunchStep("web");
        step.setAmi("ami-0123456789abcdef0");
        assertThat(step.request("shop/main#42").report()).isEqualTo("slipway/ec2/index.html");
        assertThat(step.request("shop/main#42", 2, null).report()).isEqualTo("slipway/ec2-2/index.html");
    }

    @Test
    void shouldShowTheHostsOfALaunchAsTheEngineGaveThem() {
        Map<String, Object> host = new java.util.LinkedHashMap<>();
        host.put("name", "web-1");
        host.put("host", "198.51.100.7");
        host.put("port", 22);
        host.put("user", "admin");
        host.put("hostKeyFingerprints", List.of("SHA256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        host.put("instanceId", "i-0123456789abcdef0");
        host.put("state", "running");
        host.put("launched", true);
        Map<String, Object> result = Map.of("action", "launch", "fleet", "web", "region", "eu-west-1",
                "hosts", List.of(host), "launched", List.of("i-0123456789abcdef0"), "reused", List.of("i-0fedcba9876543210"),
                "terminated", List.of(), "plan", List.of("launch 1 instance(s)"));

        Ec2Action page = Ec2Action.of("ec2Launch", "PASSED", "fleet web: 1 host(s) ready",
                io.jenkins.plugins.slipway.bridge.PlainData.toRecord(result,
                        io.jenkins.plugins.slipway.request.ec2.Ec2Reply.class, "the result"), 2);

        assertThat(page.getUrlName()).isEqualTo("ec2Launch-2");
        assertThat(page.getDisplayName()).isEqualTo("EC2 fleet web (2)");
        assertThat(page.getLaunched()).containsExactly("i-0123456789abcdef0");
        assertThat(page.getReused()).containsExactly("i-0fedcba9876543210");
        assertThat(page.getPlan()).containsExactly("launch 1 instance(s)");
        Ec2Action.HostRow row = page.getHosts().get(0);
        assertThat(row.getName()).isEqualTo("web-1");
        assertThat(row.getAddress()).isEqualTo("198.51.100.7:22");
        assertThat(row.isLaunched()).isTrue();
        assertThat(row.getPublicIp()).isEqualTo("-");
        assertThat(row.getFingerprints()).containsExactly("SHA256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    }

    @Test
    void shouldBindEveryParameterOfALaunchIntoTheEnginesRecord() throws Exception {
        Ec2LaunchStep step = new Ec2LaunchStep("web");
        step.setCount(2);
        step.setAmiName("al2023-ami-2023.*-x86_64");
        step.setAmiOwners("amazon");
        step.setInstanceType("t3.small");
        step.setSubnets("subnet-0a1b2c3d4e5f60718");
        step.setSecurityGroups("sg-0123456789abcdef0");
        step.setKeyName("ci");
        step.setInstanceProfile("web-role");
        step.setUserDataFile("cloud-init.yaml");
        step.setRootVolumeGb(16);
        step.setImdsV2(true);
        step.setSpot(true);
        step.setSpotFallback(false);
        step.setTtlMinutes(90);
        step.setTerminateExtras(true);
        step.setWaitStatusOk(true);
        step.setWaitSsh(true);
        step.setHostKeys("BEST_EFFORT");
        step.setSshPort(2222);
        step.setSshUser("ec2-user");
        step.setAddressType("private");
        step.setTimeoutSeconds(600);
        step.setKeepOnFailure(true);
        step.setDryRun(true);
        step.setTags("team=shop");
        step.setTargetGroups("shop-blue");
        step.setTargetPort(8080);
        step.setWaitHealthy(true);
        step.setReplaces("web-old");
        step.setRegion("eu-west-1");
        step.setEndpoint("http://127.0.0.1:4566");
        step.setRoleArn("arn:aws:iam::123456789012:role/deployer");
        step.setExternalId("ext-1");
        AwsCredentials.Resolved keys = new AwsCredentials.Resolved("AKIAEXAMPLE000000001", "secret", null, null);
        io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest request = step.request("shop#42", 2,
                step.connection("us-east-1", keys));
        Map<String, String> secrets = AwsCredentials.secrets(keys);

        io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest bound = io.jenkins.plugins.slipway.jenkins.EngineBinding
                .bind("ec2-launch", request, io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest.class);

        assertThat(secrets).containsKeys("awsAccessKeyId", "awsSecretAccessKey");
        assertThat(bound.fleet()).isEqualTo("web");
        assertThat(bound.count()).isEqualTo(2);
        assertThat(bound.amiName()).isEqualTo("al2023-ami-2023.*-x86_64");
        assertThat(bound.instanceType()).isEqualTo("t3.small");
        assertThat(bound.securityGroups()).containsExactly("sg-0123456789abcdef0");
        assertThat(bound.instanceProfile()).isEqualTo("web-role");
        assertThat(bound.userDataFile()).isEqualTo("cloud-init.yaml");
        assertThat(bound.rootVolumeGb()).isEqualTo(16);
        assertThat(bound.spot()).isTrue();
        assertThat(bound.spotFallback()).isFalse();
        assertThat(bound.ttlMinutes()).isEqualTo(90);
        assertThat(bound.hostKeys().name()).isEqualTo("BEST_EFFORT");
        assertThat(bound.sshPort()).isEqualTo(2222);
        assertThat(bound.addressType().name()).isEqualToIgnoringCase("private");
        assertThat(bound.tags()).containsEntry("team", "shop");
        assertThat(bound.targetPort()).isEqualTo(8080);
        assertThat(bound.replaces()).isEqualTo("web-old");
        assertThat(bound.aws()).as("the AWS access, one group").isEqualTo(new AwsConnection("eu-west-1",
                "http://127.0.0.1:4566", CredentialsMode.KEYS, "arn:aws:iam::123456789012:role/deployer", "ext-1"));
        assertThat(bound.buildId()).isEqualTo("shop#42");
        assertThat(bound.report()).isEqualTo("slipway/ec2-2/index.html");
    }

    @Test
    void shouldBindEveryParameterOfATerminateIntoTheEnginesRecord() throws Exception {
        Ec2TerminateStep step = new Ec2TerminateStep();
        step.setFleet("web");
        step.setInstanceIds("i-0123456789abcdef0");
        step.setWaitTerminated(true);
        step.setTimeoutSeconds(300);
        step.setDryRun(true);
        step.setTargetGroups("shop-blue");
        step.setRegion("eu-west-1");
        step.setEndpoint("http://127.0.0.1:4566");
        io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest request = step.request(step.connection(null, null));

        io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest bound = io.jenkins.plugins.slipway.jenkins.EngineBinding
                .bind("ec2-terminate", request, io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest.class);

        assertThat(bound.fleet()).isEqualTo("web");
        assertThat(bound.instanceIds()).containsExactly("i-0123456789abcdef0");
        assertThat(bound.expired()).isFalse();
        assertThat(bound.waitTerminated()).isTrue();
        assertThat(bound.timeoutSeconds()).isEqualTo(300);
        assertThat(bound.dryRun()).isTrue();
        assertThat(bound.targetGroups()).containsExactly("shop-blue");
        assertThat(bound.aws()).as("the AWS access, one group").isEqualTo(new AwsConnection("eu-west-1",
                "http://127.0.0.1:4566", CredentialsMode.DEFAULT_CHAIN, null, null));
    }
}
