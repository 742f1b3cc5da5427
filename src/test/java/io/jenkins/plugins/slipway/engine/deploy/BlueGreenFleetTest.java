package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.aws.AwsSession;
import io.jenkins.plugins.slipway.engine.aws.FakeElb;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.ec2.Ec2Exception;
import io.jenkins.plugins.slipway.engine.ec2.Ec2Host;
import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;
import io.jenkins.plugins.slipway.engine.ec2.Ec2Result;
import io.jenkins.plugins.slipway.engine.ec2.Ec2Service;
import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;
import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue/green for fleets, as docs/zero-downtime.md and docs/examples/blue-green.Jenkinsfile do it, with the engine's
 * own services: EC2 and Elastic Load Balancing faked at the HTTP boundary (one endpoint, the real SDK), each fleet's
 * instance an SSH host on loopback. The fake balancer's health check asks which release the instance's host runs.
 *
 * <p>Launch green outside the balancer, deploy and health-check it there, switch ({@code ec2Launch ... replaces:
 * blue}: green registered and healthy before blue is deregistered and drained), keep blue for a rollback (the same
 * switch backwards), then terminate it.
 */
class BlueGreenFleetTest {
    @TempDir
    Path root;
    FakeEc2 ec2;
    FakeElb elb;
    FakeElb.Group web;
    TestSshHost blueHost;
    TestSshHost greenHost;
    final Map<String, TestSshHost> hostOf = new ConcurrentHashMap<>();
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT,
            AwsSession.ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE", AwsSession.SECRET_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEX"));

    @BeforeEach
    void start() throws IOException {
        ec2 = new FakeEc2();
        ec2.pendingPolls = 0;
        elb = new FakeElb();
        ec2.elb = elb::answer;
        elb.millisPerSecond = 10;
        elb.instanceRunning = id -> {
            FakeEc2.Inst i = ec2.instance(id);
            return i != null && (i.state.equals("running") || i.state.equals("pending"));
        };
        // the balancer's health check: a service is deployed on the instance's host and it is not a broken release
        elb.passes = id -> {
            try {
                TestSshHost host = hostOf.get(id);
                String current = host == null ? null : host.current();
                return current != null && !current.endsWith("-bad");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        web = elb.group("shop-web", "instance", "HTTP", 8080);
        web.intervalSeconds = 5;
        web.healthyThreshold = 2;
        web.unhealthyThreshold = 2;
        web.deregistrationDelay = 10;
        blueHost = TestSshHost.start("blue", root.resolve("blue"), TestSshHost.newKey(),
                DeployFixture.USER_KEY.getPublic(), "pw");
        greenHost = TestSshHost.start("green", root.resolve("green"), TestSshHost.newKey(),
                DeployFixture.USER_KEY.getPublic(), "pw");
    }

    @AfterEach
    void stop() throws IOException {
        ec2.close();
        elb.close();
        blueHost.close();
        greenHost.close();
    }

    TaskContext context() {
        return new TaskContext(Log.console(new PrintStream(logged, true, StandardCharsets.UTF_8), "", true, secrets),
                secrets, root);
    }

    ObjectNode aws() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("region", "us-east-1");
        json.put("endpoint", ec2.endpoint());
        json.put("credentials", "KEYS");
        return json;
    }

    /** {@code ec2Launch fleet: FLEET, count: 1, ...} whose instance is {@code host}. */
    Ec2Result launch(String fleet, TestSshHost host, Object... more) throws Exception {
        ObjectNode json = aws();
        json.put("fleet", fleet);
        json.put("count", 1);
        json.put("ami", "ami-0123456789abcdef0");
        json.put("sshPort", host.port());
        json.put("hostKeys", "SKIP");
        json.put("timeoutSeconds", 30);
        json.put("buildId", "shop/main#7");
        for (int i = 0; i < more.length; i += 2) {
            json.set((String) more[i], Json.MAPPER.valueToTree(more[i + 1]));
        }
        Ec2Result result = new Ec2Service().launch(Json.read(json, Ec2LaunchRequest.class, "ec2-launch"), context());
        result.hosts().forEach(h -> hostOf.put(h.instanceId(), host));
        return result;
    }

    /** {@code sshDeploy hosts: fleet.hosts, ...} with a health check, outside the balancer. */
    DeployResult deploy(Ec2Result fleet, TestSshHost host, String release) throws Exception {
        Path artifact = root.resolve("artifacts").resolve(release);
        Files.createDirectories(artifact);
        Files.writeString(artifact.resolve("version.txt"), release + "\n");
        ObjectNode json = Json.MAPPER.createObjectNode();
        for (Ec2Host h : fleet.hosts()) {
            ObjectNode m = json.withArray("hosts").addObject();
            m.put("name", h.instanceId());
            m.put("host", h.host());
            m.put("port", h.port());
            m.put("user", TestSshHost.USER);
            m.putArray("hostKeyFingerprints").add(host.fingerprint());
        }
        json.put("baseDir", "app");
        json.put("artifact", artifact.toString());
        json.put("releaseId", release);
        json.put("commit", "abc1234");
        json.put("deployedBy", "tester");
        json.set("healthCheck", Json.MAPPER.valueToTree(Map.of("command", "grep -q " + release + " version.txt",
                "retries", 2, "intervalSeconds", 0)));
        return new DeployService().deploy(Json.read(json, DeployRequest.class, "deploy"), context());
    }

    String id(Ec2Result fleet) {
        return fleet.hosts().get(0).instanceId();
    }

    @Test
    void shouldSwitchToANewFleetRollBackAndTerminateTheOldOneAfterTheWindow() throws Exception {
        // blue serves r1
        Ec2Result blue = launch("shop-blue", blueHost);
        assertThat(deploy(blue, blueHost, "r1").hosts()).allSatisfy(h -> assertThat(h.outcome())
                .isEqualTo(DeployResult.HostOutcome.DEPLOYED));
        launch("shop-blue", blueHost, "targetGroups", List.of("shop-web"), "waitHealthy", true);
        assertThat(elb.members(web)).containsExactly(id(blue));

        // green: launched, deployed and health-checked outside the balancer
        Ec2Result green = launch("shop-green", greenHost);
        assertThat(elb.members(web)).containsExactly(id(blue));
        DeployResult deployed = deploy(green, greenHost, "r2");
        assertThat(deployed.hosts()).allSatisfy(h -> assertThat(h.outcome()).isEqualTo(DeployResult.HostOutcome.DEPLOYED));
        assertThat(greenHost.current()).isEqualTo("r2");
        assertThat(elb.calls("RegisterTargets")).hasSize(1);

        // switch: green healthy in the balancer before blue leaves it
        Ec2Result switched = launch("shop-green", greenHost, "targetGroups", List.of("shop-web"), "replaces",
                "shop-blue");
        assertThat(switched.launched()).isEmpty();
        assertThat(switched.plan()).anyMatch(l -> l.startsWith("then deregister fleet shop-blue"));
        assertThat(switched.phaseMillis()).containsKeys("register", "healthy", "replaced-deregister",
                "replaced-drained");
        assertThat(elb.healthyAtDeregister).as("blue and green both healthy when blue left").containsExactly(2);
        assertThat(elb.members(web)).containsExactly(id(green));
        assertThat(elb.state(web, id(green))).isEqualTo("healthy");
        assertThat(ec2.instance(id(blue)).state).as("blue is kept for a rollback").isEqualTo("running");

        // rollback: the same switch backwards, nothing launched
        Ec2Result rolledBack = launch("shop-blue", blueHost, "targetGroups", List.of("shop-web"), "replaces",
                "shop-green");
        assertThat(rolledBack.launched()).isEmpty();
        assertThat(elb.members(web)).containsExactly(id(blue));
        assertThat(elb.state(web, id(blue))).isEqualTo("healthy");
        assertThat(elb.healthyAtDeregister).containsExactly(2, 2);

        // forward again; after the rollback window blue is terminated (it is already out of the balancer)
        launch("shop-green", greenHost, "targetGroups", List.of("shop-web"), "replaces", "shop-blue");
        ObjectNode terminate = aws();
        terminate.put("fleet", "shop-blue");
        terminate.putArray("targetGroups").add("shop-web");
        Ec2Result terminated = new Ec2Service().terminate(Json.read(terminate, Ec2TerminateRequest.class,
                "ec2-terminate"), context());
        assertThat(terminated.terminated()).containsExactly(id(blue));
        assertThat(terminated.plan()).contains("target group shop-web: none of the instances is registered");
        assertThat(elb.members(web)).containsExactly(id(green));
        assertThat(elb.state(web, id(green))).isEqualTo("healthy");
        assertThat(ec2.instance(id(green)).state).isEqualTo("running");
        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("fleet shop-green replaced fleet shop-blue in target group(s) [shop-web]",
                "fleet shop-blue replaced fleet shop-green");
    }

    @Test
    void shouldKeepTheOldFleetInServiceWhenTheNewOneNeverBecomesHealthyInTheBalancer() throws Exception {
        Ec2Result blue = launch("shop-blue", blueHost);
        deploy(blue, blueHost, "r1");
        launch("shop-blue", blueHost, "targetGroups", List.of("shop-web"), "waitHealthy", true);

        Ec2Result green = launch("shop-green", greenHost);
        // passes the deploy's own check, fails the balancer's (e.g. the health check path differs)
        deploy(green, greenHost, "r2-bad");
        assertThatThrownBy(() -> launch("shop-green", greenHost, "targetGroups", List.of("shop-web"), "replaces",
                "shop-blue", "timeoutSeconds", 2))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.getMessage()).contains(
                        "to be healthy: target " + id(green) + " in target group shop-web",
                        "is unhealthy (Target.ResponseCodeMismatch"));

        assertThat(elb.state(web, id(blue))).isEqualTo("healthy");
        assertThat(elb.state(web, id(green))).as("taken out again").isIn("draining", "unused");
        assertThat(elb.healthyAtDeregister).as("only green was deregistered, never blue").containsExactly(1);
        assertThat(ec2.instance(id(green)).state).as("reused, so not terminated").isEqualTo("running");
    }
}
