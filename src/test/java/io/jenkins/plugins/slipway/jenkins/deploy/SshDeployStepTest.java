package io.jenkins.plugins.slipway.jenkins.deploy;

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
        assertThat(SshDeployStep.REPORT).isEqualTo(io.jenkins.plugins.slipway.engine.deploy.DeployRequest.DEFAULT_REPORT);
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
        assertThat(step.traffic()).isEqualTo(Map.of("haproxy", Map.of("address", "10.0.0.5:9999", "backend", "shop"),
                "servers", Map.of("web1", "app1", "web2", "app2"), "drainTimeoutSeconds", 20, "minHealthyPercent", 60));
        // the engine reads the same object
        io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficSettings settings = io.jenkins.plugins.slipway.engine.core.Json.MAPPER
                .convertValue(step.traffic(), io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficSettings.class);
        assertThat(settings.haproxy().backend()).isEqualTo("shop");
        assertThat(settings.minHealthyPercent()).isEqualTo(60);

        SshDeployStep hooks = new SshDeployStep("deploy-key", "/srv/app");
        hooks.setDrainCommand("consul maint -enable");
        hooks.setReadyCommand("consul maint -disable");
        hooks.setTrafficCommandsOn("agent");
        assertThat(hooks.traffic()).isEqualTo(Map.of("hooks", Map.of("drainCommand", "consul maint -enable",
                "readyCommand", "consul maint -disable", "on", "agent")));

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

        Map<String, Object> traffic = step.traffic();

        assertThat(traffic).containsEntry("elbv2", Map.of("targetGroups", List.of("shop-web",
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef"),
                "port", 8080, "region", "eu-west-1"))
                .containsEntry("servers", Map.of("web1", "i-0abc1234567890def"))
                .containsEntry("drainTimeoutSeconds", 330)
                .doesNotContainKeys("haproxy", "hooks");
        // the engine reads the same object (credentials and role are added by awsSecrets at run time)
        Map<String, Object> withCredentials = new java.util.LinkedHashMap<>(traffic);
        @SuppressWarnings("unchecked")
        Map<String, Object> elbv2 = new java.util.LinkedHashMap<>((Map<String, Object>) traffic.get("elbv2"));
        elbv2.put("credentials", "KEYS");
        withCredentials.put("elbv2", elbv2);
        io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficSettings settings = io.jenkins.plugins.slipway.engine.core.Json.MAPPER
                .convertValue(withCredentials, io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficSettings.class);
        assertThat(settings.elbv2().targetGroups()).hasSize(2);
        assertThat(settings.elbv2().port()).isEqualTo(8080);
        assertThat(settings.elbv2().credentials()).isEqualTo(io.jenkins.plugins.slipway.engine.aws.CredentialsMode.KEYS);
        assertThat(settings.kind()).isEqualTo(io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficSettings.Kind.ELBV2);

        SshDeployStep orphan = new SshDeployStep("deploy-key", "/srv/app");
        orphan.setAwsRegion("eu-west-1");
        assertThatThrownBy(orphan::traffic).isInstanceOf(AbortException.class)
                .hasMessageContaining("belong to targetGroups");
    }
}
