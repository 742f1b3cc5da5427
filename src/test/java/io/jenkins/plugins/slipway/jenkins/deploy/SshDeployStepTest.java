package io.jenkins.plugins.slipway.jenkins.deploy;

import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshDeployStepTest {

    @Test
    void shouldAcceptEc2HostMapsAndUserAtHostStringsTogether() throws Exception {
        Map<Object, Object> fromEc2 = new LinkedHashMap<>();
        fromEc2.put("name", "i-0abc");
        fromEc2.put("host", "203.0.113.7");
        fromEc2.put("port", 22);
        fromEc2.put("hostKeyFingerprints", List.of(new StringBuilder("SHA256:x")));
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        List<Object> hosts = new ArrayList<>();
        hosts.add(fromEc2);
        hosts.add("deploy@web2:2222");
        step.setHosts(hosts);
        step.setHostList("web3\n\n  ops@web4  \n");

        List<Object> values = step.hostValues();

        assertThat(values).hasSize(4);
        assertThat(values.get(0)).isEqualTo(Map.of("name", "i-0abc", "host", "203.0.113.7", "port", 22,
                "hostKeyFingerprints", List.of("SHA256:x")));
        assertThat(values.subList(1, 4)).containsExactly("deploy@web2:2222", "web3", "ops@web4");
    }

    @Test
    void shouldReadAHostMapsPortWrittenAsTextAsItsNumberAndRefuseOneThatIsNoNumber() throws Exception {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        step.setHosts(List.of(Map.of("host", "web1", "port", " 2222 ")));
        assertThat(step.hostRecords()).extracting(h -> h.host() + ":" + h.port()).containsExactly("web1:2222");

        step.setHosts(List.of(Map.of("host", "web1", "port", "ssh")));
        assertThatThrownBy(step::hostRecords).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sshDeploy").hasMessageContaining("port");
    }

    @Test
    void shouldRefuseAStepWithoutHostsOrWithOddHostValues() {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        assertThatThrownBy(() -> step.hostValues()).isInstanceOf(AbortException.class).hasMessageContaining("no hosts");
        step.setHosts(List.of(42));
        assertThatThrownBy(() -> step.hostValues()).hasMessageContaining("not Integer");
    }

    @Test
    void shouldKeepDefaultsThatMatchTheEngineAndSplitCommandLines() {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        assertThat(step.getBatch()).isEqualTo("1");
        assertThat(step.getKeepReleases()).isEqualTo(5);
        assertThat(step.isStopOnFailure()).isTrue();
        assertThat(SshDeployStep.hostListProblem("web1\nuser@[::1]:22")).isNull();
        assertThat(SshDeployStep.hostListProblem("web1\nbad host")).contains("bad host");
        assertThat(SshDeployStep.batchProblem("25%")).isNull();
        assertThat(SshDeployStep.batchProblem("all")).isNotNull();
    }

    @Test
    void shouldNameTheEnginesDefaultReportForTheFirstCall() {
        assertThat(SshDeployStep.REPORT).isEqualTo(DeployRequest.DEFAULT_REPORT);
        assertThat(io.jenkins.plugins.slipway.jenkins.CallPaths.file(SshDeployStep.REPORT, 2)).isEqualTo("slipway/deploy-2/index.html");
    }

    @Test
    void shouldBuildTheTrafficObjectOfTheRequestOnlyWhenABalancerIsGiven() throws Exception {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        assertThat(step.traffic()).isNull();
        step.setTrafficCommandsOn("host"); // what a form saved by the previous release sends: no balancer by itself
        assertThat(step.traffic()).isNull();
        step.setTrafficCommandsOn(null);
        step.setHaproxyAddress(" 10.0.0.5:9999 ");
        step.setHaproxyBackend("shop");
        step.setTrafficServers("web1=app1\nweb2=app2");
        step.setDrainTimeoutSeconds(20);
        step.setTrafficMinHealthyPercent(60);
        assertThat(step.traffic()).isEqualTo(new TrafficSettings(new TrafficSettings.Haproxy("10.0.0.5:9999", null, null, "shop"),
                null, null, Map.of("web1", "app1", "web2", "app2"), 20, null, 60));
        // the engine reads the same object, by its components
        TrafficSettings settings = io.jenkins.plugins.slipway.engine.core.Json.MAPPER.convertValue(
                io.jenkins.plugins.slipway.bridge.PlainData.copyOf(step.traffic(), "traffic"), TrafficSettings.class);
        assertThat(settings).isEqualTo(step.traffic());
        assertThat(settings.haproxy().backend()).isEqualTo("shop");
        assertThat(settings.minHealthyPercent()).isEqualTo(60);

        SshDeployStep hooks = new SshDeployStep("deploy-key", "/srv/app");
        hooks.setDrainCommand("consul maint -enable");
        hooks.setReadyCommand("consul maint -disable");
        hooks.setTrafficCommandsOn("agent");
        assertThat(hooks.traffic()).isEqualTo(new TrafficSettings(null, new TrafficSettings.Hooks("consul maint -enable",
                "consul maint -disable", "agent", null, null), null, null, null, null, null));

        SshDeployStep orphan = new SshDeployStep("deploy-key", "/srv/app");
        orphan.setTrafficMinHealthyPercent(60);
        assertThatThrownBy(orphan::traffic).isInstanceOf(AbortException.class)
                .hasMessageContaining("trafficMinHealthyPercent need a load balancer: give haproxyAddress");
        orphan.setHaproxyAddress("127.0.0.1:1");
        orphan.setTrafficServers("web1");
        assertThatThrownBy(orphan::traffic).hasMessageContaining("trafficServers").hasMessageContaining("web1=app1");
    }

    @Test
    void shouldPutAwsTargetGroupsIntoTheTrafficRequestAndRefuseTheirSettingsWithoutThem() throws Exception {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        step.setTargetGroups("shop-web, arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef");
        step.setTargetPort(8080);
        step.setAwsRegion("eu-west-1");
        step.setTrafficServers("web1=i-0abc1234567890def");
        step.setDrainTimeoutSeconds(330);

        TrafficSettings traffic = step.traffic();

        assertThat(traffic.elbv2()).isEqualTo(new TrafficSettings.Elbv2(List.of("shop-web",
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef"),
                "eu-west-1", null, null, null, null, 8080));
        assertThat(traffic.servers()).isEqualTo(Map.of("web1", "i-0abc1234567890def"));
        assertThat(traffic.drainTimeoutSeconds()).isEqualTo(330);
        assertThat(traffic.haproxy()).isNull();
        assertThat(traffic.hooks()).isNull();
        assertThat(traffic.kind()).isEqualTo(TrafficSettings.Kind.ELBV2);
        // at run time the resolved AWS credential decides how the calls sign in (aws(call, secrets))
        TrafficSettings withKeys = step.traffic(new io.jenkins.plugins.slipway.request.aws.AwsConnection("eu-west-1", null,
                io.jenkins.plugins.slipway.request.aws.CredentialsMode.KEYS, null, null));
        assertThat(withKeys.elbv2().credentials()).isEqualTo(io.jenkins.plugins.slipway.request.aws.CredentialsMode.KEYS);

        SshDeployStep orphan = new SshDeployStep("deploy-key", "/srv/app");
        orphan.setAwsRegion("eu-west-1");
        assertThatThrownBy(orphan::traffic).isInstanceOf(AbortException.class)
                .hasMessageContaining("belong to targetGroups");
    }

    /** Every parameter set, as a form or a Pipeline script could: the request binds into the engine's record. */
    static SshDeployStep everyParameter() {
        SshDeployStep step = new SshDeployStep("deploy-key", "~/app");
        step.setHosts(List.of("web1", Map.of("name", "web2", "host", "10.0.0.2", "port", 2222)));
        step.setHostList("ops@web3:22");
        step.setHostsFile(null);
        step.setUser("deploy");
        step.setJumpHost("bastion@jump.example.com:2200");
        step.setKnownHosts("web1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvBfvzo5d1ybO6n8gWBsAF0u7FsHl6yHfyG2n6tF8hq");
        step.setKnownHostsFile("ci/known_hosts");
        step.setArtifact("build/app.tar.gz");
        step.setReleaseId("42-1a2b3c4");
        step.setCommit("1a2b3c4d5e6f");
        step.setBeforeSwitch("./migrate.sh\n./warm.sh");
        step.setAfterSwitch("sudo systemctl restart app");
        step.setKeepReleases(7);
        step.setHealthUrl("http://{host}:8080/health");
        step.setHealthExpectStatus(204);
        step.setHealthExpectBody("UP");
        step.setHealthRetries(4);
        step.setHealthIntervalSeconds(0.5);
        step.setHealthTimeoutSeconds(2);
        step.setBatch("50%");
        step.setParallelism(3);
        step.setMaxFailedHosts(1);
        step.setRollbackAllOnFailure(true);
        step.setBreakStaleLockAfterMinutes(30);
        step.setDryRun(true);
        step.setConnectTimeoutSeconds(9);
        step.setCommandTimeoutSeconds(99);
        step.setHaproxyAddress("10.0.0.5:9999");
        step.setHaproxyBackend("shop");
        step.setTrafficServers("web1=app1, web2=app2, web3=app3");
        step.setDrainTimeoutSeconds(20);
        step.setHealthyTimeoutSeconds(60);
        step.setTrafficMinHealthyPercent(50);
        return step;
    }

    @Test
    void shouldBindEveryParameterOfADeployIntoTheEnginesRecord() throws Exception {
        Record request = everyParameter().request("shop#42", Map.of("BUILD_NUMBER", "42"),
                "slipway/deploy-2/index.html", "fallback-user", false);

        DeployRequest bound = io.jenkins.plugins.slipway.jenkins.EngineBinding
                .bind("deploy", request, DeployRequest.class);

        assertThat(bound.target().hosts()).extracting(h -> h.name() + "@" + h.port()).containsExactly("web1@22", "web2@2222", "web3@22");
        assertThat(bound.target().user()).isEqualTo("deploy");
        assertThat(bound.target().jumpHost().host()).isEqualTo("jump.example.com");
        assertThat(bound.target().knownHostsFile()).isEqualTo("ci/known_hosts");
        assertThat(bound.target().baseDir()).isEqualTo("~/app");
        assertThat(bound.artifact()).isEqualTo("build/app.tar.gz");
        assertThat(bound.releaseId()).isEqualTo("42-1a2b3c4");
        assertThat(bound.commit()).isEqualTo("1a2b3c4d5e6f");
        assertThat(bound.deployedBy()).isEqualTo("shop#42");
        assertThat(bound.beforeSwitch()).containsExactly("./migrate.sh", "./warm.sh");
        assertThat(bound.afterSwitch()).containsExactly("sudo systemctl restart app");
        assertThat(bound.keepReleases()).isEqualTo(7);
        assertThat(bound.healthCheck().url()).isEqualTo("http://{host}:8080/health");
        assertThat(bound.healthCheck().expectStatus()).isEqualTo(204);
        assertThat(bound.healthCheck().expectBody()).isEqualTo("UP");
        assertThat(bound.healthCheck().retries()).isEqualTo(4);
        assertThat(bound.healthCheck().intervalSeconds()).isEqualTo(0.5);
        assertThat(bound.healthCheck().timeoutSeconds()).isEqualTo(2.0);
        assertThat(bound.rollout().batch()).isEqualTo("50%");
        assertThat(bound.rollout().parallelism()).isEqualTo(3);
        assertThat(bound.maxFailedHosts()).isEqualTo(1);
        assertThat(bound.rollbackAllOnFailure()).isTrue();
        assertThat(bound.rollout().lock().breakStaleLockAfterMinutes()).isEqualTo(30);
        assertThat(bound.rollout().dryRun()).isTrue();
        assertThat(bound.target().connectTimeoutSeconds()).isEqualTo(9);
        assertThat(bound.target().commandTimeoutSeconds()).isEqualTo(99);
        assertThat(bound.rollout().report()).isEqualTo("slipway/deploy-2/index.html");
        assertThat(bound.rollout().traffic().haproxy().backend()).isEqualTo("shop");
        assertThat(bound.rollout().traffic().servers()).containsEntry("web3", "app3");
        assertThat(bound.rollout().traffic().drainTimeoutSeconds()).isEqualTo(20);
        assertThat(bound.rollout().traffic().healthyTimeoutSeconds()).isEqualTo(60);
        assertThat(bound.rollout().traffic().minHealthyPercent()).isEqualTo(50);
    }

    @Test
    void shouldBindEveryParameterOfARollbackIntoTheEnginesRecord() throws Exception {
        SshDeployStep step = everyParameter();
        step.setRollbackTo(" 41-9f8e7d6 ");
        Record request = step.request("shop#43", Map.of(), SshDeployStep.REPORT, null, true);

        DeployRollbackRequest bound = io.jenkins.plugins.slipway.jenkins
                .EngineBinding.bind("deploy-rollback", request, DeployRollbackRequest.class);

        assertThat(bound.to()).isEqualTo("41-9f8e7d6");
        assertThat(bound.target().hosts()).hasSize(3);
        assertThat(bound.rollout().batch()).isEqualTo("50%");
        assertThat(bound.rollout().lock().breakStaleLockAfterMinutes()).isEqualTo(30);
        assertThat(bound.rollout().traffic().haproxy().address()).isEqualTo("10.0.0.5:9999");
        assertThat(bound.afterSwitch()).containsExactly("sudo systemctl restart app");
        assertThat(bound.deployedBy()).isEqualTo("shop#43");
    }

    @Test
    void shouldBindAwsTargetGroupsAndHookBalancersIntoTheEnginesRecord() throws Exception {
        SshDeployStep aws = new SshDeployStep("deploy-key", "/srv/app");
        aws.setHostList("web1");
        aws.setArtifact("app.tar.gz");
        aws.setTargetGroups("shop-blue, arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green/0123456789abcdef");
        aws.setTargetPort(8080);
        aws.setAwsRegion("eu-west-1");
        aws.setAwsEndpoint("http://127.0.0.1:4566");
        aws.setTrafficServers("web1=i-0123456789abcdef0");
        DeployRequest boundAws = io.jenkins.plugins.slipway.jenkins.EngineBinding
                .bind("deploy", aws.request("b#1", Map.of(), SshDeployStep.REPORT, "deploy", false),
                        DeployRequest.class);
        assertThat(boundAws.rollout().traffic().elbv2().targetGroups()).hasSize(2);
        assertThat(boundAws.rollout().traffic().elbv2().port()).isEqualTo(8080);
        assertThat(boundAws.rollout().traffic().elbv2().region()).isEqualTo("eu-west-1");
        assertThat(boundAws.rollout().traffic().elbv2().endpoint()).isEqualTo("http://127.0.0.1:4566");

        SshDeployStep hooks = new SshDeployStep("deploy-key", "/srv/app");
        hooks.setHostList("web1");
        hooks.setArtifact("app.tar.gz");
        hooks.setHealthCommand("curl -fsS localhost:8080/health");
        hooks.setDrainCommand("lb-out {host}");
        hooks.setReadyCommand("lb-in {host}");
        hooks.setTrafficCommandsOn("agent");
        hooks.setDrainWaitSeconds(2);
        hooks.setReadyWaitSeconds(1);
        hooks.setMinHealthyPercent(50);
        hooks.setHaproxySocket(null);
        hooks.setInsecure(true);
        DeployRequest boundHooks = io.jenkins.plugins.slipway.jenkins.EngineBinding
                .bind("deploy", hooks.request("b#1", Map.of(), SshDeployStep.REPORT, "deploy", false),
                        DeployRequest.class);
        assertThat(boundHooks.rollout().traffic().hooks().on()).isEqualTo("agent");
        assertThat(boundHooks.rollout().traffic().hooks().drainWaitSeconds()).isEqualTo(2);
        assertThat(boundHooks.rollout().traffic().hooks().readyWaitSeconds()).isEqualTo(1);
        assertThat(boundHooks.healthCheck().command()).isEqualTo("curl -fsS localhost:8080/health");
        assertThat(boundHooks.minHealthyPercent()).isEqualTo(50);
        assertThat(boundHooks.target().insecure()).isTrue();
    }

    @Test
    void shouldBindADeployAndARollbackBehindAwsTargetGroupsWithLockAndHealthCheckIntoTheEnginesRecords() throws Exception {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        step.setHosts(List.of(Map.of("name", "i-0abc", "host", "10.0.0.7", "port", 22, "user", "ec2-user",
                "instanceId", "i-0abc1234567890def", "state", "running")));
        step.setArtifact("app.tar.gz");
        step.setTargetGroups("shop-blue");
        step.setTargetPort(8080);
        step.setAwsRegion("eu-west-1");
        step.setAwsRoleArn("arn:aws:iam::123456789012:role/deployer");
        step.setTrafficServers("i-0abc=i-0abc1234567890def");
        step.setBreakStaleLockAfterMinutes(45);
        step.setHealthUrl("http://{host}:8080/health");
        step.setHealthRetries(3);
        io.jenkins.plugins.slipway.request.aws.AwsConnection keys = io.jenkins.plugins.slipway.jenkins.AwsCredentials
                .connection(new io.jenkins.plugins.slipway.jenkins.AwsCredentials.Resolved("AKIA", "s", null, null),
                        "eu-west-1", null, "arn:aws:iam::123456789012:role/deployer", "ext-1");

        DeployRequest deploy = io.jenkins.plugins.slipway.jenkins.EngineBinding.bind("deploy",
                step.request("b#9", Map.of("BUILD_NUMBER", "9"), SshDeployStep.REPORT, "deploy", false, keys), DeployRequest.class);
        step.setRollbackTo("8");
        DeployRollbackRequest rollback = io.jenkins.plugins.slipway.jenkins.EngineBinding.bind("deploy-rollback",
                step.request("b#9", Map.of(), SshDeployStep.REPORT, "deploy", true, keys), DeployRollbackRequest.class);

        for (TrafficSettings traffic : List.of(deploy.rollout().traffic(), rollback.rollout().traffic())) {
            assertThat(traffic.elbv2().targetGroups()).containsExactly("shop-blue");
            assertThat(traffic.elbv2().port()).isEqualTo(8080);
            assertThat(traffic.elbv2().connection()).isEqualTo(keys);
            assertThat(traffic.servers()).containsEntry("i-0abc", "i-0abc1234567890def");
        }
        assertThat(deploy.rollout().lock().breakStaleLockAfterMinutes()).isEqualTo(45);
        assertThat(rollback.rollout().lock().breakStaleLockAfterMinutes()).isEqualTo(45);
        assertThat(deploy.healthCheck()).isEqualTo(new io.jenkins.plugins.slipway.request.HealthCheck(
                "http://{host}:8080/health", null, null, null, 3, null, null));
        assertThat(deploy.target().hosts()).extracting(h -> h.user() + "@" + h.host()).containsExactly("ec2-user@10.0.0.7");
        assertThat(deploy.releaseId()).isEqualTo("9");
        assertThat(rollback.to()).isEqualTo("8");
        assertThat(rollback.target()).isEqualTo(deploy.target());
    }

    @Test
    void shouldCarryTheHealthCheckRecordByItsComponentsWithTheRecordsDefaults() throws Exception {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
        step.setHostList("web1");
        step.setArtifact("app.tar.gz");
        step.setHealthUrl("http://{host}:8080/health");
        io.jenkins.plugins.slipway.jenkins.EngineWork work = new io.jenkins.plugins.slipway.jenkins.EngineWork("sshDeploy",
                "deploy", step.request("b#1", Map.of(), SshDeployStep.REPORT, "deploy", false), Map.of());

        assertThat(work.request().get("healthCheck")).isEqualTo(Map.of("url", "http://{host}:8080/health",
                "expectStatus", 200, "retries", 10, "intervalSeconds", 3.0, "timeoutSeconds", 5.0));
        step.setHealthCommand("curl -fsS localhost:8080");
        assertThatThrownBy(() -> step.request("b#1", Map.of(), SshDeployStep.REPORT, "deploy", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one of 'url'");
    }
}
