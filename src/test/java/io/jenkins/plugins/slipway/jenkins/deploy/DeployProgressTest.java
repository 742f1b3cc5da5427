package io.jenkins.plugins.slipway.jenkins.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report of a deploy whose engine died, from the lines the engine logged (their shapes as the engine writes
 * them; the real-Jenkins EngineLostITest checks them against a real deploy killed half-way).
 */
class DeployProgressTest {

    private static Map<String, Object> request(List<Object> hosts, String baseDir) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("hosts", hosts);
        request.put("user", "deploy");
        request.put("baseDir", baseDir);
        return request;
    }

    @Test
    void shouldReadTheHostsAndBaseDirOfTheRequestTheStepSendsNow() throws Exception {
        SshDeployStep step = new SshDeployStep("deploy-key", "/srv/shop");
        step.setHostList("ops@10.0.0.7:2222\nweb8");
        step.setUser("deploy");
        step.setArtifact("app.tar.gz");
        Map<String, Object> sent = new io.jenkins.plugins.slipway.jenkins.EngineWork("sshDeploy", "deploy",
                step.request("b#1", Map.of(), SshDeployStep.REPORT, null, false), Map.of()).request();
        String log = String.join("\n",
                "[sshDeploy] deploying release r9 (app.tar.gz, 1.2 MB) to 2 host(s) in 2 batch(es), 1 at once; no failures allowed",
                "[sshDeploy] batch 1/2: [10.0.0.7]",
                "[sshDeploy] [10.0.0.7] deploying r9 (was on r8)");

        String report = DeployProgress.report(sent, log, "[sshDeploy] ");

        assertThat(report).contains("\n  web8      not touched (still on the release it had)")
                .endsWith("\n  ssh -p 2222 ops@10.0.0.7 'grep -qF \" release=r9 token=\" /srv/shop/.slipway/lock/owner"
                        + " && rm -rf /srv/shop/.slipway/lock'");
    }

    @Test
    void shouldSayWhereEachHostIsAndGiveTheCommandForTheLocksOfTheLastBatchOnly() {
        String log = String.join("\n",
                "[sshDeploy] deploying release r7 (app.tar.gz, 1.2 MB) to 4 host(s) in 4 batch(es), 1 at once; no failures allowed",
                "[sshDeploy] batch 1/4: [web1]",
                "[sshDeploy] [web1] checksum verified (sha256 0123456789ab...)",
                "[sshDeploy] [web1] deploying r7 (was on r6)",
                "[sshDeploy] [web1] current -> releases/r7",
                "[sshDeploy] [web1] health check passed (attempt 1/3)",
                "[sshDeploy] batch 2/4: [web2]",
                "[sshDeploy] [web2] already on release r7; nothing to do",
                "[sshDeploy] batch 3/4: [10.0.0.3:2222, web4]",
                "[sshDeploy] [10.0.0.3:2222] deploying r7 (was on r6)",
                "[sshDeploy] WARNING: [web4] health check attempt 1/3: exit 1",
                "[sshDeploy] [web4] deploying r7 (was on no release)",
                "[sshDeploy] [web4] current -> releases/r7");
        Map<String, Object> request = request(List.of("web1", Map.of("host", "web2", "port", 2200, "user", "ops"),
                "10.0.0.3:2222", "root@10.0.0.3:2223", Map.of("name", "web4", "host", "10.0.0.4")), "/srv/my app");
        String report = DeployProgress.report(request, log, "[sshDeploy] ");
        assertThat(report).startsWith("Where the deploy of release r7 stopped (batch 3 of 4 had begun)");
        assertThat(report).contains("\n  web1           on r7 (was on r6), finished\n")
                .contains("\n  web2           on r7, finished\n")
                .contains("\n  10.0.0.3:2222  on r6 unless the switch to r7 had just happened (check where /srv/my app/current "
                        + "points); may still hold the deploy lock\n")
                .contains("\n  web4           on r7 (was on no release), its health check had not passed; may still hold"
                        + " the deploy lock\n")
                .contains("\n  10.0.0.3:2223  not touched (still on the release it had)\n");
        assertThat(report).contains("may be left on 10.0.0.3:2222, web4. The next deploy to those hosts stops at it")
                .contains("\n  ssh -p 2222 deploy@10.0.0.3 'grep -qF \" release=r7 token=\" \"/srv/my app/.slipway/lock/owner\""
                        + " && rm -rf \"/srv/my app/.slipway/lock\"'")
                .endsWith("\n  ssh deploy@10.0.0.4 'grep -qF \" release=r7 token=\" \"/srv/my app/.slipway/lock/owner\""
                        + " && rm -rf \"/srv/my app/.slipway/lock\"'");
        assertThat(report).doesNotContain("ssh -p 2200").doesNotContain("web1 '").doesNotContain("ops@");
    }

    @Test
    void shouldSayAHostOfTheLastBatchWithoutALineWasBeingPreparedAndStillMayHoldTheLock() {
        String log = "[sshDeploy] deploying release r2 (dist, 0.0 MB) to 1 host(s) in 1 batch(es), 1 at once; x\n"
                + "[sshDeploy] batch 1/1: [app]\n";
        String report = DeployProgress.report(request(List.of("app"), "srv/app"), log, "[sshDeploy] ");
        assertThat(report).contains("\n  app  being prepared (lock, upload): still on the release it had; may still hold the deploy lock\n")
                .endsWith("\n  ssh deploy@app 'grep -qF \" release=r2 token=\" srv/app/.slipway/lock/owner && rm -rf srv/app/.slipway/lock'");
    }

    @Test
    void shouldSayNothingWhenTheDeployHadNotBegun() {
        assertThat(DeployProgress.report(request(List.of("app"), "srv/app"), "[sshDeploy] connecting\n", "[sshDeploy] ")).isNull();
    }

    @Test
    void shouldNameHostsAsTheEngineDoes() {
        Map<String, DeployProgress.Address> named = DeployProgress.addresses(request(List.of("a@h:1", "h:2", "[::1]:3",
                Map.of("name", "db", "host", "h", "port", "4")), "x"));
        assertThat(named).containsOnlyKeys("h:1", "h:2", "::1", "db");
        assertThat(named.get("h:1").ssh()).isEqualTo("ssh -p 1 a@h");
        assertThat(named.get("::1").ssh()).isEqualTo("ssh -p 3 deploy@::1");
    }
}
