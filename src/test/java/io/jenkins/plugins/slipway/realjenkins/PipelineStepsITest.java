package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each Slipway step in a Pipeline on the built-in node of a real Jenkins, with real parts: pytest and Maven projects,
 * PMD/CPD, HtmlUnit and headless Chromium, an SSH server on loopback with a key credential, EC2 faked at the HTTP
 * boundary. Result, console lines and the build page's Slipway links are checked.
 */
@ExtendWith(RealJenkinsExtension.class)
class PipelineStepsITest {

    static String copyInto(Path fixture) {
        return "deleteDir()\n    sh \"cp -R '" + fixture + "/.' .\"\n";
    }

    @Test
    void shouldReportItsVersion(RealJenkins jenkins) throws Exception {
        jenkins.createPipeline("version", "node { def v = slipwayVersion()\n echo \"engine=${v.version} java=${v.javaVersion}\" }");
        RealJenkins.Build b = jenkins.build("version");
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        assertThat(b.console()).containsPattern("engine=\\d+\\.\\d+\\S* java=\\d+");
    }

    @Test
    void shouldRunPytestWithCoverageAndPublishToTheJUnitPlugin(RealJenkins jenkins) throws Exception {
        Path project = Fixtures.copy("python", Fixtures.TEST_RESOURCES + "tests/python-formapp/project");
        String py = Fixtures.python();
        assumeTrue(new ProcessBuilder(py, "-c", "import pytest, pytest_cov").start().waitFor() == 0, py + " has no pytest/pytest-cov");
        jenkins.createPipeline("tests-python", "node {\n    " + copyInto(project)
                + "    def r = runTests command: '" + py + " -m pytest --junitxml=reports/pytest.xml --cov=formapp --cov-report=xml:coverage.xml',"
                + " reports: 'reports/*.xml', coverageReports: 'coverage.xml', minLineCoverage: 10, maxFailed: 1\n"
                + "    echo \"tests=${r.totals.tests} status=${r.status}\"\n}");
        RealJenkins.Build b = jenkins.build("tests-python");
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("status=PASSED").containsPattern("tests=[1-9]");
        assertSlipwayLinks(jenkins, b, "runTests");
        // the junit plugin's Test Result page of this build, tied to the step
        String testReport = jenkins.page(b.path() + "testReport/api/json?tree=passCount,failCount");
        assertThat(testReport).as("published once").contains("\"passCount\":7").contains("\"failCount\":1");
        assertThat(count(b.console(), "PASSED")).as("result line printed once:\n%s", b.console()).isEqualTo(1);
    }

    @Test
    void shouldMarkItsOwnStageUnstableAndTieTheTestResultsToItsNode(RealJenkins jenkins) throws Exception {
        jenkins.createPipeline("unstable-stage", "node {\n    deleteDir()\n    stage('Unit') {\n"
                + "        writeFile file: 'reports/TEST-calc.xml', text: '<testsuite name=\"calc\" tests=\"3\" failures=\"1\">"
                + "<testcase classname=\"calc.AddTest\" name=\"adds\"/><testcase classname=\"calc.AddTest\" name=\"carries\"/>"
                + "<testcase classname=\"calc.AddTest\" name=\"overflows\"><failure message=\"expected 0\">boom</failure></testcase>"
                + "</testsuite>'\n"
                + "        runTests command: 'true', reports: 'reports/*.xml'\n    }\n    stage('After') { echo 'still running' }\n}");
        RealJenkins.Build b = jenkins.build("unstable-stage");
        assertThat(b.result()).as("%s", b).isEqualTo("UNSTABLE");
        assertThat(b.console()).contains("still running").contains("[runTests] build marked UNSTABLE");
        // the junit plugin's view of the run: 3 tests, once, tied to the runTests node inside stage 'Unit'
        assertThat(jenkins.page(b.path() + "testReport/api/json?tree=passCount,failCount,skipCount"))
                .contains("\"failCount\":1").contains("\"passCount\":2");
        String graph = jenkins.script("""
                import org.jenkinsci.plugins.workflow.actions.WarningAction
                import org.jenkinsci.plugins.workflow.graph.FlowGraphWalker
                import hudson.tasks.junit.TestResultAction
                def run = jenkins.model.Jenkins.get().getItemByFullName('unstable-stage').getBuildByNumber(%d)
                for (n in new FlowGraphWalker(run.execution)) {
                  def w = n.getPersistentAction(WarningAction)
                  if (w) println "warning node=${n.id} step=${n.displayFunctionName} result=${w.result} message=${w.message}"
                }
                def suites = run.getAction(TestResultAction).result.suites
                suites.each { println "suite ${it.name} node=${it.nodeId} blocks=${it.enclosingBlockNames}" }
                return null
                """.formatted(b.number()));
        Matcher warning = Pattern.compile("warning node=(\\S+) step=runTests result=UNSTABLE message=3 tests").matcher(graph);
        assertThat(warning.find()).as("WarningAction on the runTests node:\n%s", graph).isTrue();
        assertThat(graph).as("suite tied to the runTests node and stage Unit")
                .contains("suite calc node=" + warning.group(1) + " blocks=[Unit]");
    }

    @Test
    void shouldRunMavenWithJaCoCo(RealJenkins jenkins) throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on the PATH");
        Path project = Fixtures.copy("maven-calc", Fixtures.TEST_RESOURCES + "tests/maven-calc/project");
        Path agent = Fixtures.jacocoAgent();
        jenkins.createPipeline("tests-java", "node {\n    " + copyInto(project)
                + "    def r = runTests command: 'mvn -B -q test -Dagent=" + agent + "', reports: 'target/surefire-reports/*.xml',"
                + " coverageReports: 'target/jacoco.exec', coverageClassDirs: 'target/classes', maxFlaky: 5, maxFailed: 5\n"
                + "    echo \"tests=${r.totals.tests} covered=${r.coverage?.lines?.covered}\"\n}");
        RealJenkins.Build b = jenkins.build("tests-java");
        assertThat(b.result()).as("%s", b).isIn("SUCCESS", "UNSTABLE");
        assertThat(b.console()).containsPattern("tests=[1-9]\\d* covered=[1-9]");
        assertSlipwayLinks(jenkins, b, "runTests");
    }

    @Test
    void shouldMeasureTwiceAndDrawTheTrendOnTheJobPage(RealJenkins jenkins) throws Exception {
        Path project = Fixtures.copy("metrics", Fixtures.TEST_RESOURCES + "metrics/sample");
        jenkins.createPipeline("metrics", "node {\n    " + copyInto(project)
                + "    def m = codeMetrics maxViolations: 'total=1000', noNewHighPriorityViolations: true\n"
                + "    echo \"violations=${m.violations?.total} status=${m.status}\"\n"
                + "    codeMetrics noNewHighPriorityViolations: true\n}");
        RealJenkins.Build first = jenkins.build("metrics");
        assertThat(first.result()).as("%s", first).isEqualTo("SUCCESS");
        assertThat(first.console()).contains("No earlier successful build: no baseline");
        RealJenkins.Build second = jenkins.build("metrics");
        assertThat(second.result()).as("%s", second).isEqualTo("SUCCESS");
        assertThat(second.console()).as("each call measures against the same call of the build before")
                .contains("Baseline: metrics #1 (slipway-metrics.json)", "Baseline: metrics #1 (slipway-metrics-2.json)");
        assertSlipwayLinks(jenkins, second, "codeMetrics");
        String report = jenkins.page(second.path() + "codeMetrics/");
        assertThat(report).contains("Code metrics");
        String job = jenkins.page("job/metrics/");
        assertThat(job).as("trend chart on the job page").containsPattern("slipway-metrics-trend[\\s\\S]*?<svg");
        assertThat(jenkins.page("job/metrics/codeMetricsTrend/")).contains("<svg");
    }

    @Test
    void shouldDriveTheAppInHtmlUnitAndChromium(RealJenkins jenkins) throws Exception {
        Path demo = Fixtures.copy("formapp", "src/demo");
        boolean chrome = onPath("chromedriver") && (onPath("chromium") || onPath("google-chrome"));
        String script = "node {\n    " + copyInto(demo)
                + "    sh 'mkdir -p build/classes && javac -d build/classes formapp/src/main/java/example/*.java'\n"
                + "    def h = browserTest appCommand: 'java -cp build/classes example.FormApp --port {port}', readyPath: '/health',"
                + " scenarios: 'browser-scenario.json', outputDir: 'out-htmlunit'\n"
                + "    echo \"htmlunit=${h.status} tests=${h.tests}\"\n"
                + (chrome ? "    def c = browserTest appCommand: 'java -cp build/classes example.FormApp --port {port}', readyPath: '/health',"
                        + " scenarios: 'browser-scenario.json', browser: 'chrome', outputDir: 'out-chrome'\n"
                        + "    echo \"chrome=${c.status} tests=${c.tests}\"\n" : "")
                + "}";
        jenkins.createPipeline("browser", script);
        RealJenkins.Build b = jenkins.build("browser");
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("htmlunit=PASSED tests=1");
        if (chrome) {
            assertThat(b.console()).contains("chrome=PASSED tests=1");
        }
        assertSlipwayLinks(jenkins, b, "browserTest");
    }

    @Test
    void shouldDeployOverSshAndRollBackAFailedHealthCheck(RealJenkins jenkins, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        KeyPair userKey = LoopbackSshHost.newKey();
        try (LoopbackSshHost host = LoopbackSshHost.start(tmp.resolve("host"), userKey)) {
            jenkins.script(Fixtures.sshKeyCredentialScript("deploy-key", LoopbackSshHost.USER, userKey));
            String common = "sshDeploy credentialsId: 'deploy-key', hostList: '127.0.0.1:" + host.port() + "',"
                    + " knownHosts: '" + host.knownHostsLine() + "', baseDir: 'srv/app', artifact: 'dist'";
            jenkins.createPipeline("deploy", "node {\n    deleteDir()\n"
                    + "    writeFile file: 'dist/version.txt', text: \"build ${env.BUILD_NUMBER}\"\n"
                    + "    def d = " + common + ", releaseId: \"r${env.BUILD_NUMBER}\","
                    + " healthRetries: 2, healthIntervalSeconds: 1, healthCommand: (env.BUILD_NUMBER == '1' ? 'test -f version.txt' : 'exit 3')\n"
                    + "    echo \"deploy=${d.status} summary=${d.summary}\"\n}");
            RealJenkins.Build first = jenkins.build("deploy");
            assertThat(first.result()).as("%s", first).isEqualTo("SUCCESS");
            assertThat(host.current("srv/app")).isEqualTo("r1");
            assertThat(Files.readString(host.dir().resolve("srv/app/current/version.txt"))).isEqualTo("build 1");
            assertSlipwayLinks(jenkins, first, "sshDeploy");

            RealJenkins.Build second = jenkins.build("deploy");
            assertThat(second.result()).as("%s", second).isIn("FAILURE", "UNSTABLE");
            assertThat(second.console()).containsIgnoringCase("roll");
            assertThat(host.current("srv/app")).as("rolled back to the release before").isEqualTo("r1");
            assertThat(second.console()).doesNotContain("BEGIN OPENSSH PRIVATE KEY");
        }
    }

    @Test
    void shouldLaunchAndTerminateAgainstTheEc2EndpointWithAnAwsCredential(RealJenkins jenkins) throws Exception {
        String secret = "it/secret/" + Long.toHexString(System.nanoTime()) + "abcdefghijklmnop";
        try (FakeEc2 ec2 = new FakeEc2()) {
            jenkins.script(Fixtures.awsCredentialScript("aws-it", "AKIASLIPWAYIT0000001", secret));
            jenkins.createPipeline("ec2", "node {\n    deleteDir()\n"
                    + "    def f = ec2Launch fleet: 'it-fleet', count: 2, region: 'eu-west-1', credentialsId: 'aws-it',"
                    + " endpoint: '" + ec2.endpoint() + "', ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', waitStatusOk: false, waitSsh: false\n"
                    + "    echo \"launched=${f.launched.size()} hosts=${f.hosts.size()}\"\n"
                    + "    def t = ec2Terminate fleet: 'it-fleet', region: 'eu-west-1', credentialsId: 'aws-it', endpoint: '" + ec2.endpoint() + "'\n"
                    + "    echo \"terminated=${t.terminated.size()}\"\n}");
            RealJenkins.Build b = jenkins.build("ec2");
            assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
            assertThat(b.console()).contains("launched=2 hosts=2").contains("terminated=2");
            // each EC2 call has its own stage page: status, summary, the instances and the hosts as the engine gave them
            assertSlipwayLinks(jenkins, b, "ec2Launch", "ec2Terminate");
            String launched = ReportsAndRestartITest.visibleText(jenkins.page(b.path() + "ec2Launch/"));
            String terminated = ReportsAndRestartITest.visibleText(jenkins.page(b.path() + "ec2Terminate/"));
            assertThat(launched).contains("EC2 fleet it-fleet", "PASSED", "Launched 2: ", "Kept 0", "Hosts", "127.0.0.1:22");
            assertThat(terminated).contains("EC2 terminate it-fleet", "Terminated 2: ");
            for (String id : ec2.instances.keySet()) {
                assertThat(launched).contains(id);
                assertThat(terminated).contains(id);
            }
            assertThat(jenkins.page(b.path() + "ec2Launch/")).contains(b.path() + "artifact/slipway-ec2Launch-1/index.html\"");
            try (StagePageBrowser browser = StagePageBrowser.open(jenkins)) {
                if (browser != null) {
                    assertThat(browser.shoot(b.path() + "ec2Launch/", "ec2Launch-page")).contains("Hosts");
                    assertThat(browser.shoot(b.path() + "ec2Terminate/", "ec2Terminate-page")).contains("Terminated");
                }
            }
            assertThat(b.console()).doesNotContain(secret);
            Path buildDir = jenkins.home().resolve("jobs/ec2/builds/" + b.number());
            try (var files = Files.walk(buildDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as("%s", f).doesNotContain(secret);
                }
            }
            Path workspace = jenkins.home().resolve("workspace/ec2");
            if (Files.isDirectory(workspace)) {
                try (var files = Files.walk(workspace)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as("%s", f).doesNotContain(secret);
                    }
                }
            }
        }
    }

    /** The build page links to each of Slipway's pages, and each answers 200. */
    static void assertSlipwayLinks(RealJenkins jenkins, RealJenkins.Build b, String... urlNames) throws Exception {
        String page = jenkins.page(b.path());
        for (String url : urlNames) {
            assertThat(page).as("build page of %s links %s", b.job(), url).contains(b.path().replace("job/", "/job/") + url);
            assertThat(jenkins.get(b.path() + url + "/").statusCode()).as("%s/%s", b.path(), url).isEqualTo(200);
        }
    }

    static int count(String text, String word) {
        Matcher m = Pattern.compile("\\[[a-zA-Z]+\\] (\\S+: )?" + word).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
