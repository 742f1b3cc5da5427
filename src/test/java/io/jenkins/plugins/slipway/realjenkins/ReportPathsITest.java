package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code sshDeploy} calls in {@code parallel} branches of one build, to two SSH servers on loopback, after an
 * {@code ec2Launch} against the EC2 endpoint faked at the HTTP boundary: each call writes and archives its own report
 * and each stage page links its own; the EC2 launch has a stage page with its hosts.
 */
@ExtendWith(RealJenkinsExtension.class)
class ReportPathsITest {
    static final String JOB = "report-paths";

    @Test
    void shouldGiveEachParallelDeployItsOwnReportAndStagePage(RealJenkins jenkins, @TempDir Path tmp) throws Exception {
        KeyPair userKey = LoopbackSshHost.newKey();
        try (LoopbackSshHost blue = LoopbackSshHost.start(tmp.resolve("blue"), userKey);
                LoopbackSshHost green = LoopbackSshHost.start(tmp.resolve("green"), userKey);
                FakeEc2 ec2 = new FakeEc2()) {
            ec2.hostKeySource = blue::hostKeyBlob;
            jenkins.script(Fixtures.sshKeyCredentialScript("paths-key", LoopbackSshHost.USER, userKey));
            jenkins.script(Fixtures.awsCredentialScript("aws-paths", "AKIASLIPWAYPATHS0001", "paths/secret/abcdefghijklmnopqrstu"));
            jenkins.createPipeline(JOB, "node {\n    deleteDir()\n"
                    + "    writeFile file: 'dist/version.txt', text: \"build ${env.BUILD_NUMBER}\"\n"
                    + "    def fleet = ec2Launch fleet: 'paths-fleet', count: 1, region: 'eu-west-1', credentialsId: 'aws-paths',"
                    + " endpoint: '" + ec2.endpoint() + "', ami: 'ami-0123456789abcdef0', instanceType: 't3.micro',"
                    + " waitStatusOk: false, waitSsh: false\n"
                    // blue is started first and finishes last: the numbers follow the start, not the finish
                    + "    parallel blue: {\n        " + deploy("blue-1", blue, ", beforeSwitch: 'sleep 4'")
                    + "\n    }, green: {\n        " + deploy("green-1", green, "") + "\n    }\n}");
            RealJenkins.Build b = jenkins.build(JOB);
            assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
            assertThat(blue.current("srv/app")).isEqualTo("r1");
            assertThat(green.current("srv/app")).isEqualTo("r1");
            String console = b.console();
            java.util.List<String> switched = console.lines().filter(l -> l.contains("current -> releases/r1")).toList();
            assertThat(switched).as("each host's switch in the log:%n%s", console).hasSize(2);
            assertThat(switched.get(0)).as("green switched first").contains("green-1");

            // each call wrote its own report in the workspace: the first where it always did, the second beside it
            Path workspace = jenkins.home().resolve("workspace/" + JOB);
            assertThat(Files.readString(workspace.resolve("slipway/deploy/index.html"))).contains("blue-1").doesNotContain("green-1");
            assertThat(Files.readString(workspace.resolve("slipway/deploy-2/index.html"))).contains("green-1").doesNotContain("blue-1");

            // and archived it as its own artifact; the calls are numbered in the order the branches start
            assertThat(jenkins.get(b.path() + "artifact/slipway-sshDeploy-1/index.html").body()).contains("blue-1").doesNotContain("green-1");
            assertThat(jenkins.get(b.path() + "artifact/slipway-sshDeploy-2/index.html").body()).contains("green-1").doesNotContain("blue-1");
            assertThat(jenkins.get(b.path() + "artifact/slipway-sshDeploy-2/slipway.css").statusCode()).isEqualTo(200);

            // each stage page shows its own host and links its own report
            String first = jenkins.page(b.path() + "sshDeploy/");
            String second = jenkins.page(b.path() + "sshDeploy-2/");
            assertThat(first).contains("blue-1", b.path() + "artifact/slipway-sshDeploy-1/index.html\"").doesNotContain("green-1");
            assertThat(second).contains("green-1", b.path() + "artifact/slipway-sshDeploy-2/index.html\"").doesNotContain("blue-1");

            // the build page's Slipway box links both pages and both reports, and the EC2 launch's page and report
            String buildHtml = jenkins.page(b.path());
            int box = buildHtml.indexOf("class=\"slipway-stages\"");
            assertThat(box).as("Slipway summary box on the build page").isPositive();
            String stages = buildHtml.substring(box, buildHtml.indexOf("</ul>", box));
            assertThat(stages).contains("href=\"sshDeploy/\"", "href=\"sshDeploy-2/\"", "href=\"ec2Launch/\"",
                    "href=\"artifact/slipway-sshDeploy-1/index.html\"", "href=\"artifact/slipway-sshDeploy-2/index.html\"",
                    "href=\"artifact/slipway-ec2Launch-1/index.html\"").doesNotContain("RUNNING");

            // the EC2 launch's own page: status, what was launched, the host with its address and host key
            String instance = ec2.live().get(0).id;
            String ec2Page = ReportsAndRestartITest.visibleText(jenkins.page(b.path() + "ec2Launch/"));
            assertThat(ec2Page).contains("EC2 fleet paths-fleet", "PASSED", "Launched 1: " + instance, "Kept 0", "Terminated 0",
                    "127.0.0.1:22", "eu-west-1", blue.fingerprint());
            assertThat(jenkins.page(b.path() + "ec2Launch/")).contains(b.path() + "artifact/slipway-ec2Launch-1/index.html\"");
            assertThat(jenkins.get(b.path() + "artifact/slipway-ec2Launch-1/index.html").body()).contains(instance);

            try (StagePageBrowser browser = StagePageBrowser.open(jenkins, 1100)) { // the EC2 page's hosts table too
                if (browser != null) {
                    assertThat(browser.shoot(b.path(), "report-paths-build-page")).contains("sshDeploy", "ec2Launch");
                    assertThat(browser.shoot(b.path() + "sshDeploy/", "report-paths-sshDeploy")).contains("blue-1");
                    assertThat(browser.shoot(b.path() + "sshDeploy-2/", "report-paths-sshDeploy-2")).contains("green-1");
                    assertThat(browser.shoot(b.path() + "ec2Launch/", "report-paths-ec2Launch")).contains(instance);
                    assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                            .as("the hosts table, fingerprints and all, fits a 1280 px window").isEqualTo(true);
                    assertThat(ReportsAndRestartITest.consoleErrors(browser.driver())).isEmpty();
                }
            }
        }
    }

    private static String deploy(String name, LoopbackSshHost host, String more) {
        return "sshDeploy credentialsId: 'paths-key', hosts: [[name: '" + name + "', host: '127.0.0.1', port: " + host.port()
                + "]], knownHosts: '" + host.knownHostsLine() + "', baseDir: 'srv/app', artifact: 'dist',"
                + " releaseId: \"r${env.BUILD_NUMBER}\", healthCommand: 'test -f version.txt'" + more;
    }
}
