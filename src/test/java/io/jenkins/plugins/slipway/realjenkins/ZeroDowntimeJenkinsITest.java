package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.cli.OpenLoopLoad;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.ZeroDowntimeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pipeline in the real Jenkins deploys to three OpenSSH hosts behind a real HAProxy with traffic control while an
 * open-loop load of 200 requests/s runs through HAProxy: the build ends SUCCESS, no request fails, and the deploy
 * page shows when each host left rotation, drained, rejoined and was reported healthy (screenshot in
 * {@code target/real-jenkins/screenshots/sshDeploy-zero-downtime.png}).
 */
@ExtendWith(RealJenkinsExtension.class)
class ZeroDowntimeJenkinsITest {

    @Test
    void shouldDeployBehindHaproxyWithoutAFailedRequest(RealJenkins jenkins, @TempDir Path tmp) throws Exception {
        String missing = ZeroDowntimeLab.unavailable();
        assumeTrue(missing == null, missing);
        try (ZeroDowntimeLab lab = new ZeroDowntimeLab(tmp.resolve("lab"), 3)) {
            assertThat(lab.deploy(lab.request("1-a", null)).outcome()).as(lab.log()).isEqualTo(Outcome.PASSED);
            lab.awaitAllUp(30);
            jenkins.script(Fixtures.sshKeyCredentialScript("zdt-key", System.getProperty("user.name"), ZeroDowntimeLab.userKey()));
            Path artifact = lab.artifact("2-b");
            jenkins.createPipeline("zero-downtime", "node {\n"
                    + "    def d = sshDeploy credentialsId: 'zdt-key', hosts: " + lab.groovyHosts() + ", baseDir: '~/app',\n"
                    + "        artifact: '" + artifact + "', releaseId: '2-b',\n"
                    + "        afterSwitch: 'sh \"$HOME/app/current/restart.sh\"', healthCommand: 'sh health.sh', healthRetries: 40,"
                    + " healthIntervalSeconds: 0.25,\n"
                    + "        haproxyAddress: '127.0.0.1:" + lab.apiPort + "', haproxyBackend: 'app', drainTimeoutSeconds: 10\n"
                    + "    echo \"deploy=${d.status} rotation=${d.hosts.collect { it.rotation?.server }}\"\n}");
            OpenLoopLoad load = new OpenLoopLoad(lab.frontend(), 200, Duration.ofSeconds(5));
            RealJenkins.Build b = jenkins.build("zero-downtime");
            OpenLoopLoad.Counts counts = load.stop();
            System.out.println("real Jenkins, sshDeploy with HAProxy traffic control: " + counts);
            assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
            assertThat(b.console()).contains("deploy=PASSED rotation=[web1, web2, web3]", "[web2] out of rotation (HAProxy backend app",
                    "back in rotation; the balancer reports it healthy");
            assertThat(counts.sent()).isGreaterThan(1000);
            assertThat(counts.failed()).as(counts + "\n" + b.console()).isZero();
            for (int i = 1; i <= 3; i++) {
                assertThat(Files.readSymbolicLink(lab.root.resolve("web" + i + "/home/app/current")).toString()).isEqualTo("releases/2-b");
            }
            String html = jenkins.page(b.path() + "sshDeploy/");
            java.util.regex.Matcher report = java.util.regex.Pattern.compile("href=\"[^\"]*/(" + java.util.regex.Pattern.quote(b.path())
                    + "artifact/[^\"]+\\.html)\"").matcher(html);
            assertThat(report.find()).as(html).isTrue();
            String page = ReportsAndRestartITest.visibleText(html);
            assertThat(page).contains("Load balancer", "Left rotation", "Healthy in balancer", "in rotation");
            try (StagePageBrowser browser = StagePageBrowser.open(jenkins, 1100)) {
                if (browser != null) {
                    assertThat(browser.shoot(b.path() + "sshDeploy/", "sshDeploy-zero-downtime"))
                            .contains("Load balancer", "web1", "web3", "in rotation");
                    assertThat(browser.shoot(report.group(1), "sshDeploy-zero-downtime-report"))
                            .contains("Load balancer", "drain", "rejoin");
                }
            }
        }
    }
}
