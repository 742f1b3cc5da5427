package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.request.aws.CredentialsMode;
import io.jenkins.plugins.slipway.engine.aws.FakeElb;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ec2Launch registering its fleet in target groups and ec2Terminate draining it first, against {@link FakeEc2} with
 * {@link FakeElb} behind the same endpoint override (as one emulator serves both services).
 */
class Ec2LoadBalancingTest {
    @TempDir
    Path workDir;
    FakeEc2 ec2;
    FakeElb elb;
    FakeElb.Group web;
    FakeElb.Group api;
    ServerSocket sshd;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final Ec2Service service = new Ec2Service(Ec2ServiceTest.FAST);

    @BeforeEach
    void start() throws IOException {
        ec2 = new FakeEc2();
        elb = new FakeElb();
        ec2.elb = elb::answer;
        elb.millisPerSecond = 10;
        elb.instanceRunning = id -> {
            FakeEc2.Inst i = ec2.instance(id);
            return i != null && (i.state.equals("running") || i.state.equals("pending"));
        };
        web = elb.group("web", "instance", "HTTP", 8080);
        web.intervalSeconds = 10;
        web.healthyThreshold = 2;
        web.deregistrationDelay = 20;
        api = elb.group("api", "ip", "TCP", 9000);
        api.intervalSeconds = 10;
        api.healthyThreshold = 2;
        api.deregistrationDelay = 20;
        sshd = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        ec2.close();
        elb.close();
        sshd.close();
    }

    TaskContext context() {
        Secrets secrets = Secrets.of(Map.of(Ec2Session.ACCESS_KEY, Ec2ServiceTest.KEY_ID, Ec2Session.SECRET_KEY,
                Ec2ServiceTest.SECRET));
        return new TaskContext(Log.console(new PrintStream(logged, true, StandardCharsets.UTF_8), "[ec2] ", true,
                secrets), secrets, workDir);
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    <T> T request(Class<T> type, String task, Object... fields) throws SlipwayException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("region", "us-east-1");
        json.put("endpoint", ec2.endpoint());
        json.put("credentials", "KEYS");
        for (int i = 0; i < fields.length; i += 2) {
            json.set((String) fields[i], Json.MAPPER.valueToTree(fields[i + 1]));
        }
        return Json.read(json, type, task);
    }

    Ec2LaunchRequest launch(Object... fields) throws SlipwayException {
        Object[] all = new Object[fields.length + 12];
        Object[] base = {"fleet", "web", "count", 2, "ami", "ami-0123456789abcdef0", "sshPort", sshd.getLocalPort(),
            "timeoutSeconds", 30, "buildId", "shop/main#42"};
        System.arraycopy(base, 0, all, 0, 12);
        System.arraycopy(fields, 0, all, 12, fields.length);
        return request(Ec2LaunchRequest.class, "ec2-launch", all);
    }

    @Test
    void shouldRegisterTheFleetByInstanceIdAndByPrivateIpAndWaitUntilHealthy() throws Exception {
        Ec2Result result = service.launch(launch("targetGroups", List.of("web", api.arn), "waitHealthy", true),
                context());

        List<String> ids = result.hosts().stream().map(Ec2Host::instanceId).toList();
        List<String> ips = result.hosts().stream().map(Ec2Host::privateIp).toList();
        assertThat(elb.members(web)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(elb.members(api)).containsExactlyInAnyOrderElementsOf(ips);
        ids.forEach(id -> assertThat(elb.state(web, id)).isEqualTo("healthy"));
        ips.forEach(ip -> assertThat(elb.state(api, ip)).isEqualTo("healthy"));
        assertThat(result.plan()).contains("register every instance in target group(s) [web, " + api.arn + "] and"
                + " wait until the load balancer reports them healthy");
        assertThat(result.phaseMillis()).containsKeys("register", "healthy");
        assertThat(log()).contains("registered [" + ids.get(0) + ", " + ids.get(1) + "] in target group web",
                "healthy: 4/4 target(s)");

        // run again: the fleet is reused, registering again changes nothing
        Ec2Result again = service.launch(launch("buildId", "shop/main#43", "targetGroups", List.of("web")), context());
        assertThat(again.launched()).isEmpty();
        assertThat(elb.members(web)).containsExactlyInAnyOrderElementsOf(ids);
        ids.forEach(id -> assertThat(elb.state(web, id)).isEqualTo("healthy"));
    }

    @Test
    void shouldFindTheTargetGroupsBeforeLaunchingAnything() {
        assertThatThrownBy(() -> service.launch(launch("targetGroups", List.of("web", "shop-green")), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT);
                    assertThat(e.awsErrorCode()).isEqualTo("TargetGroupNotFound");
                    assertThat(e.getMessage()).contains("Target group shop-green was not found");
                });
        assertThat(ec2.calls("RunInstances")).isEmpty();
    }

    @Test
    void shouldDeregisterAndTerminateWhatItLaunchedWhenTheBalancerNeverReportsItHealthy() throws Exception {
        elb.failing.add("*");
        web.unhealthyThreshold = 2;
        assertThatThrownBy(() -> service.launch(launch("targetGroups", List.of("web"), "waitHealthy", true,
                "timeoutSeconds", 2), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.getMessage()).contains(
                        "Timed out after", "to be healthy", "in target group web", "is unhealthy"
                                + " (Target.ResponseCodeMismatch: Health checks failed with these codes: [502])",
                        "raise timeoutSeconds"));
        assertThat(elb.calls("DeregisterTargets")).hasSize(1);
        assertThat(ec2.live()).isEmpty();
    }

    @Test
    void shouldDrainTheFleetFromItsTargetGroupsBeforeTerminatingIt() throws Exception {
        FakeEc2.Inst a = ec2.running("web", java.time.Instant.parse("2026-11-20T10:00:00Z"));
        FakeEc2.Inst b = ec2.running("web", java.time.Instant.parse("2026-11-20T10:00:01Z"));
        elb.healthyMember(web, a.id);
        elb.healthyMember(web, b.id);
        elb.healthyMember(web, "i-0fffffffffffffff9");

        Ec2TerminateRequest dry = request(Ec2TerminateRequest.class, "ec2-terminate", "fleet", "web",
                "targetGroups", List.of("web"), "dryRun", true);
        Ec2Result planned = service.terminate(dry, context());
        assertThat(planned.plan().get(0)).startsWith("deregister [" + a.id + ":8080, " + b.id + ":8080] from target"
                + " group web and wait until drained (deregistration delay 20 s)");
        assertThat(elb.calls("DeregisterTargets")).isEmpty();

        Ec2Result result = service.terminate(request(Ec2TerminateRequest.class, "ec2-terminate", "fleet", "web",
                "targetGroups", List.of("web")), context());

        assertThat(result.terminated()).containsExactlyInAnyOrder(a.id, b.id);
        assertThat(elb.members(web)).containsExactly("i-0fffffffffffffff9");
        assertThat(List.copyOf(result.phaseMillis().keySet())).containsSubsequence("deregister", "drained",
                "terminate");
        assertThat(result.phaseMillis().get("deregister") + result.phaseMillis().get("drained"))
                .as("20 simulated s").isGreaterThanOrEqualTo(150);
        String log = log();
        assertThat(log.indexOf("drained: 2/2 target(s)")).isPositive().isLessThan(log.indexOf("terminating 2"));
    }

    @Test
    void shouldNotTerminateWhatIsStillDrainingWhenTheTimeoutPasses() throws Exception {
        web.deregistrationDelay = 3600;
        FakeEc2.Inst a = ec2.running("web", java.time.Instant.parse("2026-11-20T10:00:00Z"));
        elb.healthyMember(web, a.id);
        assertThatThrownBy(() -> service.terminate(request(Ec2TerminateRequest.class, "ec2-terminate", "fleet", "web",
                "targetGroups", List.of("web"), "timeoutSeconds", 1), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.getMessage()).contains(
                        "to be drained: target " + a.id + ":8080 in target group web",
                        "deregistration delay is 3600 s; raise timeoutSeconds"));
        assertThat(ec2.calls("TerminateInstances")).isEmpty();
        assertThat(ec2.instance(a.id).state).isEqualTo("running");
    }

    @Test
    void shouldCheckTheNewParameters() {
        assertThatThrownBy(() -> launch("waitHealthy", true)).hasMessageContaining("waitHealthy: needs targetGroups");
        assertThatThrownBy(() -> launch("targetGroups", List.of("web"), "targetPort", 0))
                .hasMessageContaining("targetPort: must be between 1 and 65535");
        assertThatThrownBy(() -> request(Ec2TerminateRequest.class, "ec2-terminate", "fleet", "web", "targetGroups",
                List.of("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web")))
                .hasMessageContaining("targetGroups: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web'"
                        + " is neither a target group ARN");
        assertThat(io.jenkins.plugins.slipway.request.Checks.oneOf(CredentialsMode.class, "keys")).isEqualTo(CredentialsMode.KEYS);
    }
}
