package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.aws.AwsSession;
import io.jenkins.plugins.slipway.engine.aws.FakeElb;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling deploy to three SSH hosts on loopback behind an AWS target group ({@link FakeElb}, the real SDK): each
 * host is deregistered and drained before its switch, registered again after it, and the next host waits until the
 * balancer reports the previous one healthy. The fake balancer's health check asks which release the host runs.
 */
class DeployElbv2Test {
    @TempDir
    Path root;
    DeployFixture fleet;
    FakeElb elb;
    FakeElb.Group web;
    final Map<String, TestSshHost> byTarget = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        fleet = new DeployFixture(root, 3);
        fleet.secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT,
                AwsSession.ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE", AwsSession.SECRET_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEX"));
        elb = new FakeElb();
        elb.millisPerSecond = 10;
        web = elb.group("web", "instance", "HTTP", 8080);
        web.intervalSeconds = 5;
        web.healthyThreshold = 2;
        web.unhealthyThreshold = 2;
        web.deregistrationDelay = 10;
        for (int i = 1; i <= 3; i++) {
            String id = "i-0aaaaaaaaaaaaaaa" + i;
            byTarget.put(id, fleet.host(i));
            elb.healthyMember(web, id);
        }
        // the balancer's health check: the service is broken in release r2-bad
        elb.passes = id -> {
            try {
                return !"r2-bad".equals(byTarget.get(id).current());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @AfterEach
    void stop() throws Exception {
        elb.close();
        fleet.close();
    }

    Map<String, Object> traffic() {
        Map<String, Object> elbv2 = new LinkedHashMap<>();
        elbv2.put("targetGroups", List.of("web"));
        elbv2.put("region", "us-east-1");
        elbv2.put("endpoint", elb.endpoint());
        elbv2.put("credentials", "KEYS");
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("elbv2", elbv2);
        traffic.put("servers", Map.of("web1", "i-0aaaaaaaaaaaaaaa1", "web2", "i-0aaaaaaaaaaaaaaa2",
                "web3", "i-0aaaaaaaaaaaaaaa3"));
        traffic.put("drainTimeoutSeconds", 10);
        traffic.put("healthyTimeoutSeconds", 20);
        return traffic;
    }

    @Test
    void shouldTakeOneHostAtATimeOutOfTheTargetGroupAndWaitUntilItIsHealthyAgain() throws Exception {
        DeployResult result = fleet.deploy("r2", r -> {
            r.put("batch", "1");
            r.put("traffic", traffic());
        });

        assertThat(result.hosts()).allSatisfy(h -> assertThat(h.outcome()).isEqualTo(DeployResult.HostOutcome.DEPLOYED));
        for (int i = 1; i <= 3; i++) {
            DeployFixture.assertConsistent(fleet.host(i), "r2");
        }
        assertThat(elb.calls("DeregisterTargets")).extracting(c -> c.get("Targets.member.1.Id"))
                .containsExactly("i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa2", "i-0aaaaaaaaaaaaaaa3");
        assertThat(elb.healthyAtDeregister).as("every other host was healthy in the balancer when one left")
                .containsExactly(3, 3, 3);
        assertThat(elb.members(web)).hasSize(3).allSatisfy(id -> assertThat(elb.state(web, id)).isEqualTo("healthy"));
        assertThat(result.hosts()).allSatisfy(h -> {
            assertThat(h.rotation()).isNotNull();
            assertThat(h.rotation().leftAt()).isPositive();
            assertThat(h.rotation().healthyAt()).isGreaterThanOrEqualTo(h.rotation().rejoinedAt()).isPositive();
            assertThat(h.rotation().drainMillis()).isPositive();
        });
        assertThat(elb.registeredWhileDraining).as("each host drained (unused) before it rejoined").isEmpty();
        assertThat(elb.calls("RegisterTargets")).extracting(c -> c.get("Targets.member.1.Id"))
                .containsSubsequence("i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa2", "i-0aaaaaaaaaaaaaaa3");
        assertThat(fleet.log()).contains("draining (Target.DeregistrationInProgress", "initial (Elb.");
    }

    @Test
    void shouldSwitchAHostBackThatTheBalancerMarksUnhealthyAndRejoinItOnTheOldRelease() throws Exception {
        fleet.deploy("r1", r -> r.put("batch", "1"));

        DeployResult result = fleet.deploy("r2-bad", r -> {
            r.put("batch", "1");
            r.put("traffic", traffic());
        });

        DeployResult.HostReport first = DeployFixture.report(result, "web1");
        assertThat(first.outcome()).isNotEqualTo(DeployResult.HostOutcome.DEPLOYED);
        assertThat(first.message()).contains("the balancer did not report it healthy",
                "Target.ResponseCodeMismatch: Health checks failed with these codes: [502]");
        for (int i = 1; i <= 3; i++) {
            DeployFixture.assertConsistent(fleet.host(i), "r1");
        }
        assertThat(elb.members(web)).hasSize(3).allSatisfy(id -> assertThat(elb.state(web, id)).isEqualTo("healthy"));
        assertThat(elb.calls("DeregisterTargets")).extracting(c -> c.get("Targets.member.1.Id"))
                .as("web1 out, out again when unhealthy; web2 and web3 never touched")
                .containsExactly("i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa1");
    }
}
