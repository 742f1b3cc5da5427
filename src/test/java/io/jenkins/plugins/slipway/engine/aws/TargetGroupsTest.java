package io.jenkins.plugins.slipway.engine.aws;

import io.jenkins.plugins.slipway.request.aws.AwsConnection;

import io.jenkins.plugins.slipway.request.aws.CredentialsMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Target groups against {@link FakeElb}: the real SDK client of an {@link AwsSession}, on loopback. */
class TargetGroupsTest {
    static final Secrets SECRETS = Secrets.of(Map.of(AwsSession.ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE",
            AwsSession.SECRET_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    FakeElb fake;
    AwsSession session;
    TargetGroups groups;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeElb();
        fake.millisPerSecond = 10;
        session = AwsSession.open(new AwsConnection("us-east-1", fake.endpoint(), CredentialsMode.KEYS, null, null),
                SECRETS, "test");
        groups = new TargetGroups(session.elb(), Log.console(new PrintStream(logged, true, StandardCharsets.UTF_8),
                "[elb] ", true, SECRETS), Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        session.close();
        fake.close();
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFindTargetGroupsByNameAndByArnWithTheirDeregistrationDelay() throws Exception {
        FakeElb.Group web = fake.group("web", "instance", "HTTP", 8080);
        web.deregistrationDelay = 45;
        FakeElb.Group tcp = fake.group("tcp-ip", "ip", "TCP", 9000);

        List<TargetGroup> found = groups.resolve(List.of("web", tcp.arn));

        assertThat(found).extracting(TargetGroup::name).containsExactly("web", "tcp-ip");
        assertThat(found.get(0).arn()).isEqualTo(web.arn);
        assertThat(found.get(0).deregistrationDelaySeconds()).isEqualTo(45);
        assertThat(found.get(0).targetType()).isEqualTo("instance");
        assertThat(found.get(0).balancerKind()).isEqualTo("Application Load Balancer");
        assertThat(found.get(1).targetType()).isEqualTo("ip");
        assertThat(found.get(1).port()).isEqualTo(9000);
        assertThat(found.get(1).balancerKind()).isEqualTo("Network Load Balancer");
        assertThat(fake.calls("DescribeTargetGroups").get(0)).containsEntry("Names.member.1", "web");
        assertThat(fake.calls("DescribeTargetGroups").get(1)).containsEntry("TargetGroupArns.member.1", tcp.arn);
        assertThat(log()).contains("deregistration delay 45 s");
    }

    @Test
    void shouldNameAMissingTargetGroup() {
        fake.group("web", "instance", "HTTP", 80);
        assertThatThrownBy(() -> groups.resolve(List.of("web", "shop-blue")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT);
                    assertThat(e.awsErrorCode()).isEqualTo("TargetGroupNotFound");
                    assertThat(e.getMessage()).contains("Target group shop-blue was not found",
                            "One or more target groups not found", "Check its name and the region");
                });
    }

    @Test
    void shouldRefuseMalformedReferencesBeforeAnyCall() {
        assertThatThrownBy(() -> TargetGroups.check("targetGroups", List.of("web", "no_underscores")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetGroups: 'no_underscores' is neither a target group ARN");
        assertThatThrownBy(() -> TargetGroups.check("targetGroups",
                List.of("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/0123456789abcdef")))
                .hasMessageContaining("is neither a target group ARN");
        assertThat(TargetGroups.check("targetGroups", List.of("web", " web ", "api"))).containsExactly("web", "api");
    }

    @Test
    void shouldRegisterAndWaitUntilTheBalancerReportsHealthy() throws Exception {
        FakeElb.Group web = fake.group("web", "instance", "HTTP", 80);
        web.intervalSeconds = 20;
        web.healthyThreshold = 2;
        TargetGroup group = groups.resolve(List.of("web")).get(0);
        List<Target> targets = List.of(new Target("i-0aaaaaaaaaaaaaaa1", null), new Target("i-0aaaaaaaaaaaaaaa2", 8080));

        groups.register(group, targets);
        assertThat(groups.health(group, targets)).extracting(TargetHealth::summary).containsOnly(
                "initial (Elb.RegistrationInProgress: Target registration is in progress)");
        groups.waitHealthy(Map.of(group, targets), 30, "healthyTimeoutSeconds");

        assertThat(groups.health(group, List.of())).extracting(TargetHealth::state).containsExactly("healthy",
                "healthy");
        assertThat(fake.calls("RegisterTargets").get(0)).containsEntry("Targets.member.1.Id", "i-0aaaaaaaaaaaaaaa1")
                .containsEntry("Targets.member.2.Port", "8080").doesNotContainKey("Targets.member.1.Port");
        assertThat(log()).contains("0/2 healthy; waiting for web i-0aaaaaaaaaaaaaaa1 initial (Elb.")
                .contains("web i-0aaaaaaaaaaaaaaa2:8080 initial (Elb.InitialHealthChecking: Initial health checks in progress)")
                .contains("healthy: 2/2 target(s)");
    }

    @Test
    void shouldDeregisterAndWaitThroughDrainingUntilUnused() throws Exception {
        FakeElb.Group api = fake.group("api", "ip", "TCP", 9000);
        api.deregistrationDelay = 20;
        fake.healthyMember(api, "10.0.1.15");
        fake.healthyMember(api, "10.0.1.16");
        TargetGroup group = groups.resolve(List.of("api")).get(0);
        Target old = new Target("10.0.1.15", null);

        long start = System.nanoTime();
        groups.deregister(group, List.of(old));
        assertThat(groups.health(group, List.of(old))).singleElement()
                .satisfies(h -> assertThat(h.summary()).isEqualTo("draining (Target.DeregistrationInProgress: Target"
                        + " deregistration is in progress)"));
        groups.waitDrained(Map.of(group, List.of(old)), 30, "drainTimeoutSeconds");

        assertThat((System.nanoTime() - start) / 1_000_000).as("drained after the 20 simulated s (200 ms)")
                .isGreaterThanOrEqualTo(195);
        assertThat(groups.health(group, List.of(old))).singleElement()
                .satisfies(h -> assertThat(h.summary()).isEqualTo("unused (Target.NotRegistered: Target is not"
                        + " registered to the target group)"));
        assertThat(fake.members(fake.group("unused", "ip", "TCP", 1))).isEmpty();
        assertThat(groups.health(group, List.of())).extracting(h -> h.target().id()).containsExactly("10.0.1.16");
        assertThat(log()).contains("deregistered [10.0.1.15] from target group api (draining up to 20 s)",
                "0/1 drained; waiting for api 10.0.1.15 draining", "drained: 1/1 target(s)");
    }

    @Test
    void shouldTimeOutNamingTheTargetGroupTheTargetAndItsReason() throws Exception {
        FakeElb.Group web = fake.group("web", "instance", "HTTP", 80);
        web.intervalSeconds = 1;
        fake.failing.add("i-0bbbbbbbbbbbbbbb1");
        TargetGroup group = groups.resolve(List.of("web")).get(0);
        Target bad = new Target("i-0bbbbbbbbbbbbbbb1", null);
        groups.register(group, List.of(bad));

        assertThatThrownBy(() -> groups.waitHealthy(Map.of(group, List.of(bad)), 1, "healthyTimeoutSeconds"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains(
                        "Timed out after 1 s waiting for 1 target(s) to be healthy",
                        "target i-0bbbbbbbbbbbbbbb1 in target group web (" + web.arn + ") is unhealthy"
                                + " (Target.ResponseCodeMismatch: Health checks failed with these codes: [502])",
                        "raise healthyTimeoutSeconds"));

        FakeElb.Group slow = fake.group("slow", "instance", "HTTP", 80);
        slow.deregistrationDelay = 3600;
        fake.healthyMember(slow, "i-0ccccccccccccccc1");
        TargetGroup slowGroup = groups.resolve(List.of("slow")).get(0);
        Target draining = new Target("i-0ccccccccccccccc1", null);
        groups.deregister(slowGroup, List.of(draining));
        assertThatThrownBy(() -> groups.waitDrained(Map.of(slowGroup, List.of(draining)), 1, "drainTimeoutSeconds"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains(
                        "to be drained: target i-0ccccccccccccccc1 in target group slow",
                        "is draining (Target.DeregistrationInProgress",
                        "deregistration delay is 3600 s; raise drainTimeoutSeconds"));
    }

    @Test
    void shouldFailAtOnceWhenATargetCannotBecomeHealthy() throws Exception {
        FakeElb.Group orphan = fake.group("orphan", "instance", "HTTP", 80);
        orphan.loadBalancers.clear();
        TargetGroup group = groups.resolve(List.of("orphan")).get(0);
        Target t = new Target("i-0ddddddddddddddd1", null);
        groups.register(group, List.of(t));
        long start = System.nanoTime();
        assertThatThrownBy(() -> groups.waitHealthy(Map.of(group, List.of(t)), 60, "healthyTimeoutSeconds"))
                .hasMessageContaining("cannot become healthy: it is unused (Target.NotInUse")
                .hasMessageContaining("attach the target group to a listener rule");
        assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(10);
        assertThat(log()).contains("is not used by any load balancer");
    }

    @Test
    void shouldRetryThrottlingAndReportItWhenItPersists() throws Exception {
        fake.group("web", "instance", "HTTP", 80);
        TargetGroup group = groups.resolve(List.of("web")).get(0);
        Target t = new Target("i-0eeeeeeeeeeeeeee1", null);
        fake.fail("RegisterTargets", "Throttling", 400, 2);

        groups.register(group, List.of(t));
        assertThat(fake.calls("RegisterTargets")).hasSize(3);
        assertThat(fake.members(fake.group("x", "ip", "TCP", 1))).isEmpty();

        fake.fail("DeregisterTargets", "Throttling", 400, 5);
        assertThatThrownBy(() -> groups.deregister(group, List.of(t)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.awsErrorCode()).isEqualTo("Throttling");
                    assertThat(e.kind()).isEqualTo(SlipwayException.Kind.ENVIRONMENT);
                    assertThat(e.getMessage()).contains("DeregisterTargets [i-0eeeeeeeeeeeeeee1] from target group web",
                            "AWS error Throttling: Rate exceeded", "throttled the account even after retries");
                });
        assertThat(fake.calls("DeregisterTargets")).as("the SDK's 5 attempts").hasSize(5);
    }

    @Test
    void shouldSayWhichPermissionIsMissing() throws Exception {
        FakeElb.Group web = fake.group("web", "instance", "HTTP", 80);
        TargetGroup group = groups.resolve(List.of("web")).get(0);
        fake.denied.add("RegisterTargets");
        assertThatThrownBy(() -> groups.register(group, List.of(new Target("i-0fffffffffffffff1", null))))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT);
                    assertThat(e.awsErrorCode()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).contains("not authorized to perform:"
                            + " elasticloadbalancing:RegisterTargets on resource: " + web.arn, "IAM policy");
                });
    }

    @Test
    void shouldRefuseATargetThatDoesNotFitTheGroupsType() throws Exception {
        fake.group("web", "instance", "HTTP", 80);
        fake.group("api", "ip", "HTTP", 80);
        List<TargetGroup> found = groups.resolve(List.of("web", "api"));
        assertThatThrownBy(() -> groups.register(found.get(0), List.of(new Target("10.0.0.5", null))))
                .hasMessageContaining("does not fit target group web of target type instance");
        assertThat(fake.calls("RegisterTargets")).isEmpty();
        assertThat(TargetGroups.targetFor(found.get(0), "i-0123456789abcdef0", "10.0.0.5", null).id())
                .isEqualTo("i-0123456789abcdef0");
        assertThat(TargetGroups.targetFor(found.get(1), "i-0123456789abcdef0", "10.0.0.5", 8080))
                .hasToString("10.0.0.5:8080");
    }

    @Test
    void shouldParseTargets() {
        assertThat(Target.parse("i-0123456789abcdef0")).isEqualTo(new Target("i-0123456789abcdef0", null));
        assertThat(Target.parse("10.0.1.15:8080")).isEqualTo(new Target("10.0.1.15", 8080));
        assertThat(Target.parse("[fd00::1]:8080")).isEqualTo(new Target("fd00::1", 8080));
        assertThatThrownBy(() -> Target.parse("web-1")).hasMessageContaining("neither an instance id");
        assertThatThrownBy(() -> Target.parse("10.0.1.15:http")).hasMessageContaining("no port number");
    }
}
