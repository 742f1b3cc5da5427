package io.jenkins.plugins.slipway.engine.deploy.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.aws.AwsSession;
import io.jenkins.plugins.slipway.request.aws.CredentialsMode;
import io.jenkins.plugins.slipway.engine.aws.FakeElb;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ELBv2 traffic control of a deploy against {@link FakeElb} (the real SDK on loopback, scaled time). */
class Elbv2TrafficControlTest {
    static final Secrets SECRETS = Secrets.of(Map.of(AwsSession.ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE",
            AwsSession.SECRET_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    @TempDir
    Path workDir;
    FakeElb fake;
    FakeElb.Group web;
    FakeElb.Group api;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final TrafficControl.Target web1 = new TrafficControl.Target("web1", "127.0.0.1", 2201, "i-0aaaaaaaaaaaaaaa1");
    final TrafficControl.Target web2 = new TrafficControl.Target("web2", "127.0.0.1", 2202, "i-0aaaaaaaaaaaaaaa2");

    @BeforeEach
    void start() throws Exception {
        fake = new FakeElb();
        fake.millisPerSecond = 10;
        web = fake.group("web", "instance", "HTTP", 8080);
        web.intervalSeconds = 10;
        web.healthyThreshold = 2;
        web.deregistrationDelay = 30;
        fake.healthyMember(web, "i-0aaaaaaaaaaaaaaa1");
        fake.healthyMember(web, "i-0aaaaaaaaaaaaaaa2");
        fake.healthyMember(web, "i-0ffffffffffffff99");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    TrafficControl control(Map<String, Object> elbv2, Map<String, String> servers) {
        @SuppressWarnings("unchecked")
        List<String> groups = (List<String>) elbv2.get("targetGroups");
        TrafficSettings settings = new TrafficSettings(null, null, new TrafficSettings.Elbv2(groups, "us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null, (Integer) elbv2.get("port")), servers, 5, 5, 50);
        TrafficControls.Context context = new TrafficControls.Context(Log.console(new PrintStream(logged, true,
                StandardCharsets.UTF_8), "[deploy] ", true, SECRETS), SECRETS, workDir, null);
        return new Elbv2TrafficControl(settings, context, Duration.ofMillis(20));
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldTakeAHostOutDrainItPutItBackAndWaitUntilTheBalancerSaysHealthy() throws Exception {
        try (TrafficControl traffic = control(Map.of("targetGroups", List.of("web")), Map.of())) {
            TrafficControl.Preflight preflight = traffic.preflight(List.of(web1, web2));
            assertThat(preflight.servers()).containsEntry("web1", "i-0aaaaaaaaaaaaaaa1:8080");
            assertThat(preflight.inService().healthy()).isEqualTo(3);
            assertThat(preflight.inService().healthyHosts()).contains("web1", "web2", "i-0ffffffffffffff99");
            assertThat(preflight.notes()).anyMatch(n -> n.contains("deregistration delay 30 s"))
                    .anyMatch(n -> n.contains("longer than traffic.drainTimeoutSeconds (5 s)"));

            long out = System.nanoTime();
            traffic.takeOut(web1);
            assertThat(fake.state(web, "i-0aaaaaaaaaaaaaaa1")).isEqualTo("draining");
            assertThat(traffic.inService().healthy()).isEqualTo(2);
            TrafficControl.Drain drain = traffic.drain(web1, Duration.ofSeconds(5));
            assertThat(drain.timedOut()).isFalse();
            assertThat(drain.millis()).isPositive();
            assertThat((System.nanoTime() - out) / 1_000_000).as("the 30 simulated s of the deregistration delay")
                    .isGreaterThanOrEqualTo(295);
            assertThat(drain.openAtStart()).isEqualTo(-1);
            assertThat(fake.state(web, "i-0aaaaaaaaaaaaaaa1")).isEqualTo("unused");

            long back = System.nanoTime();
            traffic.putBack(web1);
            assertThat(fake.state(web, "i-0aaaaaaaaaaaaaaa1")).isEqualTo("initial");
            long millis = traffic.awaitHealthy(web1, Duration.ofSeconds(5));
            assertThat(millis).isPositive();
            assertThat((System.nanoTime() - back) / 1_000_000).as("two 10 s health checks").isGreaterThanOrEqualTo(195);
            assertThat(fake.state(web, "i-0aaaaaaaaaaaaaaa1")).isEqualTo("healthy");
            assertThat(traffic.inService().healthy()).isEqualTo(3);
        }
        var register = fake.calls("RegisterTargets");
        assertThat(register.get(register.size() - 1)).containsEntry("Targets.member.1.Id", "i-0aaaaaaaaaaaaaaa1")
                .containsEntry("Targets.member.1.Port", "8080");
        assertThat(log()).contains("draining (Target.DeregistrationInProgress", "initial (Elb.");
    }

    @Test
    void shouldMapIpTargetsByAddressAndRegisterNewHostsAfterTheirDeploy() throws Exception {
        api = fake.group("api", "ip", "TCP", 9000);
        api.deregistrationDelay = 1;
        fake.healthyMember(api, "127.0.0.1");
        TrafficControl.Target byAddress = new TrafficControl.Target("api1", "127.0.0.1", 2201, null);
        TrafficControl.Target fresh = new TrafficControl.Target("api2", "10.0.1.16", 22, null);
        try (TrafficControl traffic = control(Map.of("targetGroups", List.of(api.arn)), Map.of())) {
            TrafficControl.Preflight preflight = traffic.preflight(List.of(byAddress, fresh));
            assertThat(preflight.servers()).containsEntry("api1", "127.0.0.1:9000").containsEntry("api2", "10.0.1.16");
            assertThat(preflight.notes()).anyMatch(n -> n.contains("api2 (10.0.1.16) is not registered in target"
                    + " group api: it is registered after its deploy"));
            traffic.takeOut(fresh);
            assertThat(traffic.drain(fresh, Duration.ofSeconds(5)).millis()).isZero();
            assertThat(fake.calls("DeregisterTargets")).isEmpty();
            traffic.putBack(fresh);
            traffic.awaitHealthy(fresh, Duration.ofSeconds(5));
            assertThat(fake.state(api, "10.0.1.16")).isEqualTo("healthy");
        }
    }

    @Test
    void shouldTakeTheInstanceIdFromAHostNamedByIt() throws Exception {
        TrafficControl.Target fromEc2Launch = new TrafficControl.Target("i-0aaaaaaaaaaaaaaa2", "203.0.113.7", 22, null);
        try (TrafficControl traffic = control(Map.of("targetGroups", List.of("web")), Map.of())) {
            assertThat(traffic.preflight(List.of(fromEc2Launch)).servers())
                    .containsEntry("i-0aaaaaaaaaaaaaaa2", "i-0aaaaaaaaaaaaaaa2:8080");
        }
    }

    @Test
    void shouldRefuseAHostWithoutATargetBeforeChangingAnything() {
        TrafficControl.Target unmapped = new TrafficControl.Target("web3", "web3.example.com", 22, null);
        try (TrafficControl traffic = control(Map.of("targetGroups", List.of("web")), Map.of())) {
            assertThatThrownBy(() -> traffic.preflight(List.of(web1, unmapped)))
                    .isInstanceOfSatisfying(TrafficException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT);
                        assertThat(e.getMessage()).contains("traffic.servers: host web3 (web3.example.com) has no"
                                + " target in target group web, which takes instance targets",
                                "{web3: 'i-0abc...'}");
                    });
        }
        assertThat(fake.calls("RegisterTargets")).isEmpty();
        assertThat(fake.calls("DeregisterTargets")).isEmpty();
    }

    @Test
    void shouldNameAMissingTargetGroupInThePreflight() {
        try (TrafficControl traffic = control(Map.of("targetGroups", List.of("web", "shop-green")), Map.of())) {
            assertThatThrownBy(() -> traffic.preflight(List.of(web1)))
                    .isInstanceOfSatisfying(TrafficException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT);
                        assertThat(e.getMessage()).contains("Target group shop-green was not found");
                    });
        }
    }

    @Test
    void shouldFailAtOnceWhenTheBalancerMarksTheHostUnhealthyAndSayHowToReturnIt() throws Exception {
        web.unhealthyThreshold = 2;
        try (TrafficControl traffic = control(Map.of("targetGroups", List.of("web")), Map.of())) {
            traffic.preflight(List.of(web1, web2));
            traffic.takeOut(web2);
            traffic.drain(web2, Duration.ofSeconds(5));
            fake.failing.add("i-0aaaaaaaaaaaaaaa2");
            traffic.putBack(web2);
            long start = System.nanoTime();
            assertThatThrownBy(() -> traffic.awaitHealthy(web2, Duration.ofSeconds(60)))
                    .isInstanceOf(TrafficException.class)
                    .hasMessageContaining("Target i-0aaaaaaaaaaaaaaa2:8080 in target group web")
                    .hasMessageContaining("failed the load balancer's health checks: it is unhealthy"
                            + " (Target.ResponseCodeMismatch: Health checks failed with these codes: [502])");
            assertThat((System.nanoTime() - start) / 1_000_000_000).as("not the 60 s timeout").isLessThan(20);
            assertThat(traffic.returnCommand(web2)).isEqualTo("aws elbv2 register-targets --region us-east-1"
                    + " --target-group-arn " + web.arn + " --targets Id=i-0aaaaaaaaaaaaaaa2,Port=8080");
        }
    }

    @Test
    void shouldGoOnWhenTheDrainTimeoutPassesAndSaySo() throws Exception {
        web.deregistrationDelay = 3600;
        try (TrafficControl traffic = control(Map.of("targetGroups", List.of("web")), Map.of())) {
            traffic.preflight(List.of(web1));
            traffic.takeOut(web1);
            TrafficControl.Drain drain = traffic.drain(web1, Duration.ofSeconds(1));
            assertThat(drain.timedOut()).isTrue();
            assertThat(drain.millis()).isBetween(900L, 10_000L);
        }
        assertThat(log()).contains("Timed out after 1 s waiting for 1 target(s) to be drained: target"
                + " i-0aaaaaaaaaaaaaaa1:8080 in target group web", "raise traffic.drainTimeoutSeconds");
    }

    @Test
    void shouldCheckItsSettingsNamingTheParameter() {
        assertThatThrownBy(() -> new TrafficSettings.Elbv2(List.of("web_1"), null, null, null, null, null, null))
                .hasMessageContaining("traffic.elbv2.targetGroups: 'web_1' is neither a target group ARN");
        assertThatThrownBy(() -> new TrafficSettings.Elbv2(List.of("web"), "Frankfurt", null, null, null, null, null))
                .hasMessageContaining("traffic.elbv2.region: 'Frankfurt' is not an AWS region name");
        assertThatThrownBy(() -> new TrafficSettings.Elbv2(List.of("web"), null, null, null, null, null, 0))
                .hasMessageContaining("traffic.elbv2.port must be 1..65535");
        assertThat(new TrafficSettings.Elbv2(List.of("web"), null, null, null, null, null, null).credentials())
                .isEqualTo(CredentialsMode.AUTO);
    }
}
