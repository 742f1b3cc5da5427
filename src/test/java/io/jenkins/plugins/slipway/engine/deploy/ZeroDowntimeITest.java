package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.cli.OpenLoopLoad;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-downtime deploys for real: three OpenSSH hosts behind a real HAProxy with health checks, no retries and no
 * redispatch; a service with a 3 s start restarted by afterSwitch; an open-loop load of 200 requests/s through
 * HAProxy during each rolling deploy. With traffic control no request fails; without it, requests fail (which also
 * shows that the load notices a dropped request).
 */
class ZeroDowntimeITest {

    static final int RATE = 200;

    @TempDir
    Path temp;

    @Test
    void shouldDropNoRequestBehindHaproxyWithTrafficControlAndSomeWithout() throws Exception {
        String missing = ZeroDowntimeLab.unavailable();
        assumeTrue(missing == null, missing);
        try (ZeroDowntimeLab lab = new ZeroDowntimeLab(temp.resolve("lab"), 3)) {
            assertThat(lab.deploy(lab.request("1-a", null)).outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            lab.awaitAllUp(20);

            // with traffic control over HAProxy's TCP runtime API
            OpenLoopLoad load = new OpenLoopLoad(lab.frontend(), RATE, Duration.ofSeconds(5));
            DeployResult with = lab.deploy(lab.request("2-b", lab.haproxyOverTcp()));
            OpenLoopLoad.Counts withCounts = load.stop();
            System.out.println("with traffic control:    " + withCounts);
            assertThat(with.outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            assertThat(withCounts.sent()).as("open loop at %d/s during the deploy", RATE).isGreaterThan(RATE * 10L);
            assertThat(withCounts.failed()).as(withCounts + "\n" + lab.log()).isZero();
            for (HostReport h : with.hosts()) {
                assertThat(h.outcome()).isEqualTo(HostOutcome.DEPLOYED);
                DeployResult.Rotation r = h.rotation();
                assertThat(r).as(h.name()).isNotNull();
                assertThat(r.server()).isEqualTo(h.name());
                assertThat(r.leftAt()).isPositive();
                assertThat(r.rejoinedAt()).isGreaterThanOrEqualTo(r.leftAt() + 3000); // the service's 3 s start lies between
                assertThat(r.healthyAt()).isGreaterThanOrEqualTo(r.rejoinedAt());
                assertThat(r.openAtEnd()).isZero();
                assertThat(r.outOfRotation()).isNull();
                assertThat(h.phaseMillis()).containsKeys("drain", "upload", "install", "health", "rejoin");
                assertThat(List.copyOf(h.phaseMillis().keySet()).get(0)).isEqualTo("drain");
            }
            // one host at a time (batch 1): each left rotation only after the one before was healthy again
            for (int i = 1; i < with.hosts().size(); i++) {
                assertThat(with.hosts().get(i).rotation().leftAt()).isGreaterThanOrEqualTo(with.hosts().get(i - 1).rotation().healthyAt());
            }
            assertThat(lab.log()).contains("[web2] out of rotation (HAProxy backend app at 127.0.0.1:" + lab.apiPort + ")",
                    "back in rotation; the balancer reports it healthy");
            String html = Files.readString(lab.root.resolve("reports/2-b.html"));
            assertThat(html).contains("Load balancer", "Left rotation", "p-drain", "p-rejoin");

            // the same deploy without traffic control drops requests
            lab.awaitAllUp(20);
            load = new OpenLoopLoad(lab.frontend(), RATE, Duration.ofSeconds(5));
            DeployResult without = lab.deploy(lab.request("3-c", null));
            OpenLoopLoad.Counts withoutCounts = load.stop();
            System.out.println("without traffic control: " + withoutCounts);
            assertThat(without.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(withoutCounts.failed()).as("requests fail when the service restarts in rotation").isPositive();

            // through the admin socket on web1, over SSH
            lab.awaitAllUp(20);
            load = new OpenLoopLoad(lab.frontend(), RATE, Duration.ofSeconds(5));
            DeployResult overSsh = lab.deploy(lab.request("4-d", lab.haproxyOverSsh()));
            OpenLoopLoad.Counts sshCounts = load.stop();
            System.out.println("admin socket over SSH:   " + sshCounts);
            assertThat(overSsh.outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            assertThat(sshCounts.failed()).as(sshCounts + "\n" + lab.log()).isZero();

            // a release that never starts: web1 is switched back, passes its health check on 4-d, rejoins; nothing dropped
            Map<String, Object> broken = lab.request("5-e", lab.haproxyOverTcp());
            Path artifact = Path.of((String) broken.get("artifact"));
            Files.writeString(artifact.resolve("server.py"), "raise SystemExit('broken release')\n");
            broken.put("healthCheck", Map.of("command", ((Map<?, ?>) broken.get("healthCheck")).get("command"), "retries", 24, "intervalSeconds", 0.25));
            load = new OpenLoopLoad(lab.frontend(), RATE, Duration.ofSeconds(5));
            DeployResult failed = lab.deploy(broken);
            OpenLoopLoad.Counts failedCounts = load.stop();
            System.out.println("failed release:          " + failedCounts);
            assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
            HostReport web1 = failed.hosts().get(0);
            assertThat(web1.outcome()).as(lab.log()).isEqualTo(HostOutcome.ROLLED_BACK);
            assertThat(web1.currentRelease()).isEqualTo("4-d");
            assertThat(web1.rotation().outOfRotation()).as(web1.message()).isNull();
            assertThat(web1.rotation().healthyAt()).isPositive();
            assertThat(failed.hosts().get(1).outcome()).isEqualTo(HostOutcome.SKIPPED);
            assertThat(Files.readString(lab.root.resolve("reports/5-e.html"))).as("failed in health, then rejoined")
                    .contains("class=\"p-health bad\"", "class=\"p-rejoin\"").doesNotContain("p-rejoin bad");
            assertThat(failedCounts.failed()).as(failedCounts + "\n" + lab.log()).isZero();
            lab.awaitAllUp(20);

            // deploy rollback --to 2-b, behind the balancer too
            load = new OpenLoopLoad(lab.frontend(), RATE, Duration.ofSeconds(5));
            DeployResult rolled = lab.rollback("2-b", lab.haproxyOverTcp());
            OpenLoopLoad.Counts rollbackCounts = load.stop();
            System.out.println("rollback --to 2-b:       " + rollbackCounts);
            assertThat(rolled.hosts()).extracting(HostReport::outcome).as(lab.log()).containsOnly(HostOutcome.SWITCHED);
            assertThat(rolled.hosts()).allSatisfy(h -> assertThat(h.rotation().healthyAt()).isPositive());
            assertThat(rollbackCounts.failed()).as(rollbackCounts + "\n" + lab.log()).isZero();
        }
    }

    @Test
    void shouldCheckBeforeTouchingAnyHostAndLeaveAnUnhealthyHostOutWithTheCommandToReturnIt() throws Exception {
        String missing = ZeroDowntimeLab.unavailable();
        assumeTrue(missing == null, missing);
        try (ZeroDowntimeLab lab = new ZeroDowntimeLab(temp.resolve("lab"), 3)) {
            assertThat(lab.deploy(lab.request("1-a", null)).outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            lab.awaitAllUp(20);

            Map<String, Object> wrongBackend = new LinkedHashMap<>(lab.haproxyOverTcp());
            wrongBackend.put("haproxy", Map.of("address", "127.0.0.1:" + lab.apiPort, "backend", "nosuch"));
            assertThatThrownBy(() -> lab.deploy(lab.request("2-b", wrongBackend)))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("traffic.haproxy.backend: HAProxy has no backend 'nosuch'")
                    .hasMessageContaining("its backends: [app]")
                    .hasMessageContaining("nothing was changed");

            Map<String, Object> unknownServer = new LinkedHashMap<>(lab.haproxyOverTcp());
            unknownServer.put("servers", Map.of("web2", "nosuch"));
            assertThatThrownBy(() -> lab.deploy(lab.request("2-b", unknownServer)))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("traffic.servers maps host web2 to server 'nosuch', but backend app has no such server;"
                            + " its servers: [web1, web2, web3]");

            Map<String, Object> unknownHost = new LinkedHashMap<>(lab.haproxyOverTcp());
            unknownHost.put("servers", Map.of("web9", "web1"));
            assertThatThrownBy(() -> lab.deploy(lab.request("2-b", unknownHost)))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("traffic.servers names 'web9', which is not one of the deploy's hosts [web1, web2, web3]");

            Map<String, Object> strict = new LinkedHashMap<>(lab.haproxyOverTcp());
            strict.put("minHealthyPercent", 100);
            assertThatThrownBy(() -> lab.deploy(lab.request("2-b", strict)))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("traffic.minHealthyPercent: taking a batch of 1 healthy host(s) out")
                    .hasMessageContaining("would leave 2 of its 3 targets in service");

            Map<String, Object> closed = new LinkedHashMap<>(lab.haproxyOverTcp());
            closed.put("haproxy", Map.of("address", "127.0.0.1:" + ZeroDowntimeLab.freePort(), "backend", "app"));
            assertThatThrownBy(() -> lab.deploy(lab.request("2-b", closed)))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("the runtime API does not answer");
            for (int i = 1; i <= 3; i++) {
                assertThat(Files.readSymbolicLink(lab.root.resolve("web" + i + "/home/app/current")).toString()).isEqualTo("releases/1-a");
            }
            lab.awaitAllUp(5);

            // every health check fails, also the old release's: web1 is switched back and left out of rotation, said so
            Map<String, Object> sick = lab.request("2-b", lab.haproxyOverTcp());
            sick.put("healthCheck", Map.of("command", "false", "retries", 2, "intervalSeconds", 0.1));
            DeployResult result = lab.deploy(sick);
            HostReport web1 = result.hosts().get(0);
            assertThat(web1.outcome()).isEqualTo(HostOutcome.ROLLED_BACK);
            String out = web1.rotation().outOfRotation();
            assertThat(out).startsWith("out of rotation: the release it runs now (1-a) fails its health check")
                    .contains("; to return it: bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + lab.apiPort + "; echo \"set server app/web1 state ready\"");
            assertThat(web1.message()).contains(out);
            assertThat(result.table()).contains("out of rotation");
            // srv_admin_state 8: drained by the runtime API (FDRAIN)
            assertThat(lab.api("show servers state app")).containsPattern("(?m)^\\d+ app 1 web1 127\\.0\\.0\\.1 \\d+ 8 ");

            // the command given returns it
            String command = out.substring(out.indexOf("to return it: ") + "to return it: ".length());
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            assertThat(p.waitFor()).isZero();
            assertThat(lab.api("show servers state app")).containsPattern("(?m)^\\d+ app 1 web1 127\\.0\\.0\\.1 \\d+ 0 ");
            lab.awaitAllUp(10);
        }
    }
    @Test
    void shouldDrainAndReturnHostsThroughCommandsOnTheHostOrOnTheAgent() throws Exception {
        String missing = ZeroDowntimeLab.unavailable();
        assumeTrue(missing == null, missing);
        try (ZeroDowntimeLab lab = new ZeroDowntimeLab(temp.resolve("lab"), 3)) {
            assertThat(lab.deploy(lab.request("1-a", null)).outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            lab.awaitAllUp(20);
            String api = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + lab.apiPort + "; echo \"set server app/{name} state %s\" >&3; cat <&3'";

            // on the host, over SSH: the commands see the host's environment
            Map<String, Object> onHost = Map.of("hooks", Map.of(
                    "drainCommand", "echo \"drain $SLIPWAY_TRAFFIC_NAME {host}\" >> \"$HOME/traffic.log\" && " + api.formatted("drain"),
                    "readyCommand", "echo \"ready $SLIPWAY_TRAFFIC_NAME\" >> \"$HOME/traffic.log\" && " + api.formatted("ready"),
                    "drainWaitSeconds", 1, "readyWaitSeconds", 2));
            OpenLoopLoad load = new OpenLoopLoad(lab.frontend(), RATE, Duration.ofSeconds(5));
            DeployResult result = lab.deploy(lab.request("2-b", onHost));
            OpenLoopLoad.Counts counts = load.stop();
            System.out.println("hooks on the host:       " + counts);
            assertThat(result.outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            assertThat(counts.failed()).as(counts + "\n" + lab.log()).isZero();
            assertThat(Files.readString(lab.root.resolve("web2/home/traffic.log"))).isEqualTo("drain web2 127.0.0.1\nready web2\n");
            HostReport web3 = result.hosts().get(2);
            assertThat(web3.rotation().drainMillis()).isGreaterThanOrEqualTo(1000);
            assertThat(web3.rotation().openAtStart()).isEqualTo(-1);
            assertThat(web3.rotation().healthyAt() - web3.rotation().rejoinedAt()).isGreaterThanOrEqualTo(2000);

            // on the agent
            lab.awaitAllUp(20);
            Map<String, Object> onAgent = Map.of("hooks", Map.of("drainCommand", api.formatted("drain"), "readyCommand", api.formatted("ready"),
                    "on", "agent", "drainWaitSeconds", 1, "readyWaitSeconds", 2));
            load = new OpenLoopLoad(lab.frontend(), RATE, Duration.ofSeconds(5));
            result = lab.deploy(lab.request("3-c", onAgent));
            counts = load.stop();
            System.out.println("hooks on the agent:      " + counts);
            assertThat(result.outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            assertThat(counts.failed()).as(counts + "\n" + lab.log()).isZero();

            // a failing drain command: the host is not touched, and said so
            Map<String, Object> failing = Map.of("hooks", Map.of("drainCommand", "echo no balancer here; exit 7", "readyCommand", "true",
                    "on", "agent", "drainWaitSeconds", 0));
            result = lab.deploy(lab.request("4-d", failing));
            assertThat(result.hosts().get(0).outcome()).isEqualTo(HostOutcome.FAILED);
            assertThat(result.hosts().get(0).message()).contains("not deployed: cannot take it out of rotation: traffic.hooks.drainCommand"
                    + " 'echo no balancer here; exit 7' for host web1 exited 7: no balancer here");
            assertThat(Files.readSymbolicLink(lab.root.resolve("web1/home/app/current")).toString()).isEqualTo("releases/3-c");
        }
    }
}
