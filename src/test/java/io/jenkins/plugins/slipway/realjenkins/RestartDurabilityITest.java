package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Slipway step survives a controller restart the way {@code sh} does: Jenkins is restarted as an admin restarts it
 * ({@code POST /restart}, {@code /safeRestart}) while the step's engine runs, and the step goes on where it was. Each
 * test checks the build's result, the step's returned map, the log (every line of the engine's output once, in
 * order) and that the work ran once.
 */
@ExtendWith(RealJenkinsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartDurabilityITest {
    private static final Pattern TICK = Pattern.compile("(?m)tick (\\d+)$");

    /** A test command printing a line a second for {@code seconds}, then a JUnit report of two passing tests. */
    static String testCommand(int seconds) {
        return "echo run >> runs.txt; for i in $(seq 1 " + seconds + "); do echo \"tick $i\"; sleep 1; done; "
                + "echo done >> marker; mkdir -p reports; printf '<testsuite name=\"s\" tests=\"2\" failures=\"0\">"
                + "<testcase classname=\"app.T\" name=\"one\"/><testcase classname=\"app.T\" name=\"two\"/>"
                + "</testsuite>' > reports/junit.xml";
    }

    static String runTestsPipeline(int seconds, String agent) {
        return "node" + (agent == null ? "" : "('" + agent + "')") + " {\n    deleteDir()\n"
                + "    def t = runTests command: '''" + testCommand(seconds) + "''', reports: 'reports/*.xml'\n"
                + "    echo \"returned status=${t.status} tests=${t.totals.tests} passed=${t.totals.passed} failed=${t.totals.failed}\"\n}";
    }

    @Test
    @Order(1)
    void shouldFinishRunTestsOnceWhenTheControllerRestartsMidStep(RealJenkins jenkins) throws Exception {
        jenkins.createPipeline("durable-tests", runTestsPipeline(45, null));
        int number = jenkins.startBuild("durable-tests");
        waitForTick(jenkins, "durable-tests", number, 8);
        jenkins.restartInPlace(false);
        String result = jenkins.waitForResult("durable-tests", number, Duration.ofMinutes(4));
        String console = jenkins.console("durable-tests", number);
        assertThat(result).as("%s", console).isEqualTo("SUCCESS");
        assertResumedOnce(console, 45);
        assertThat(console).contains("returned status=PASSED tests=2 passed=2 failed=0");
        Path ws = jenkins.home().resolve("workspace/durable-tests");
        assertThat(Files.readString(ws.resolve("runs.txt"))).as("the command ran once").isEqualTo("run\n");
        assertThat(Files.readString(ws.resolve("marker"))).as("the marker written once").isEqualTo("done\n");
        String tests = jenkins.page("job/durable-tests/" + number + "/testReport/api/json?tree=passCount,failCount");
        assertThat(tests).as("the junit results published once").contains("\"passCount\":2").contains("\"failCount\":0");
        String box = AgentAndAbortITest.slipwayBox(jenkins, "job/durable-tests/" + number + "/");
        assertThat(count(box, "runTests</a>: <b>PASSED</b>")).as("the outcome recorded once: %s", box).isEqualTo(1);
        assertThat(box).doesNotContain("RUNNING").doesNotContain("DID NOT FINISH");
        assertThat(Files.list(jenkins.home().resolve("workspace/durable-tests@tmp")).map(Path::toString)
                .filter(p -> p.contains("slipway-")).toList()).as("the control directory removed").isEmpty();
    }

    @Test
    @Order(2)
    void shouldStopTheEngineAndTheAppWhenABuildIsAbortedAfterARestart(RealJenkins jenkins) throws Exception {
        String marker = "64" + (System.nanoTime() % 1000);
        jenkins.createPipeline("durable-abort", "node {\n    deleteDir()\n"
                + "    writeFile file: 'ui.json', text: '{\"scenarios\": [{\"name\": \"home\", \"steps\": [{\"open\": \"/\"}]}]}'\n"
                + "    browserTest appCommand: 'sleep " + marker + "', readyTimeoutSeconds: 600, scenarios: 'ui.json'\n}");
        int number = jenkins.startBuild("durable-abort");
        RealJenkins.waitFor("the app to be started by the engine", Duration.ofMinutes(3),
                () -> AgentAndAbortITest.processes("sleep " + marker).isEmpty() ? Optional.empty() : Optional.of(true));
        jenkins.restartInPlace(false);
        RealJenkins.waitFor("the step to follow its engine again", Duration.ofMinutes(2),
                () -> RealJenkins.quiet(() -> jenkins.console("durable-abort", number))
                        .contains("resumed after a Jenkins restart") ? Optional.of(true) : Optional.empty());
        assertThat(AgentAndAbortITest.processes("sleep " + marker)).as("the app kept running over the restart").isNotEmpty();
        Instant stop = Instant.now();
        jenkins.post("job/durable-abort/" + number + "/stop", "application/x-www-form-urlencoded", "");
        assertThat(jenkins.waitForResult("durable-abort", number, Duration.ofSeconds(90))).isEqualTo("ABORTED");
        assertThat(Duration.between(stop, Instant.now())).isLessThan(Duration.ofSeconds(60));
        RealJenkins.waitFor("the engine and the app to be gone", Duration.ofSeconds(30),
                () -> AgentAndAbortITest.processes("sleep " + marker).isEmpty()
                        && AgentAndAbortITest.processes("slipway-engine").isEmpty() ? Optional.of(true) : Optional.empty());
        String box = AgentAndAbortITest.slipwayBox(jenkins, "job/durable-abort/" + number + "/");
        assertThat(box).containsPattern("browserTest(</a>)?: <b>ABORTED</b>").doesNotContain("RUNNING");
    }

    @Test
    @Order(6)
    void shouldFinishALongStepOnceOverASafeRestart(RealJenkins jenkins) throws Exception {
        jenkins.createPipeline("durable-safe", runTestsPipeline(25, null));
        int number = jenkins.startBuild("durable-safe");
        waitForTick(jenkins, "durable-safe", number, 5);
        Instant asked = Instant.now();
        jenkins.restartInPlace(true);
        assertThat(Duration.between(asked, Instant.now())).as("the safe restart did not wait for the step")
                .isLessThan(Duration.ofSeconds(120));
        String result = jenkins.waitForResult("durable-safe", number, Duration.ofMinutes(4));
        String console = jenkins.console("durable-safe", number);
        assertThat(result).as("%s", console).isEqualTo("SUCCESS");
        assertResumedOnce(console, 25);
        assertThat(console).contains("returned status=PASSED tests=2 passed=2 failed=0");
        assertThat(Files.readString(jenkins.home().resolve("workspace/durable-safe/runs.txt"))).isEqualTo("run\n");
    }

    @Test
    @Order(4)
    void shouldFinishARollingDeployOnceWhenTheControllerRestartsMidDeploy(RealJenkins jenkins,
            @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        deployAcrossARestart(jenkins, tmp, null);
    }

    @Test
    @Order(8)
    void shouldFinishARollingDeployFromAnInboundAgentOnceWhenTheControllerRestarts(RealJenkins jenkins,
            @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        ensureAgent(jenkins);
        deployAcrossARestart(jenkins, tmp, "slipway-agent");
    }

    /** Connects the suite's inbound WebSocket agent unless it is online; returns its remote root. */
    static Path ensureAgent(RealJenkins jenkins) throws Exception {
        Path agentDir = Files.createDirectories(jenkins.home().resolveSibling(jenkins.home().getFileName() + "-agent"));
        Path remoteFs = agentDir.resolve("fs");
        AgentAndAbortITest.connectAgent(jenkins, agentDir, remoteFs, agentDir.resolve("engine-cache"));
        return remoteFs;
    }

    private static void deployAcrossARestart(RealJenkins jenkins, Path tmp, String agent) throws Exception {
        String job = agent == null ? "durable-deploy" : "durable-deploy-agent";
        java.security.KeyPair key = LoopbackSshHost.newKey();
        List<LoopbackSshHost> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                hosts.add(LoopbackSshHost.start(tmp.resolve("host" + i), key));
            }
            jenkins.script(Fixtures.sshKeyCredentialScript("durable-key", LoopbackSshHost.USER, key));
            String hostList = String.join(",", hosts.stream().map(h -> "127.0.0.1:" + h.port()).toList());
            String knownHosts = String.join("\\n", hosts.stream().map(LoopbackSshHost::knownHostsLine).toList());
            jenkins.createPipeline(job, "node" + (agent == null ? "" : "('" + agent + "')") + " {\n    deleteDir()\n"
                    + "    writeFile file: 'dist/version.txt', text: \"build ${env.BUILD_NUMBER}\"\n"
                    + "    def d = sshDeploy credentialsId: 'durable-key', hostList: '" + hostList + "', knownHosts: '"
                    + knownHosts + "', baseDir: 'srv/app', artifact: 'dist', releaseId: \"r${env.BUILD_NUMBER}\","
                    + " healthCommand: 'sleep 8; test -f version.txt', healthTimeoutSeconds: 30\n"
                    + "    echo \"returned status=${d.status} summary=${d.summary}\"\n}");
            int number = jenkins.startBuild(job);
            String release = "r" + number;
            RealJenkins.waitFor("the first host on the new release", Duration.ofMinutes(3),
                    () -> release.equals(RealJenkins.quiet(() -> hosts.get(0).current("srv/app"))) ? Optional.of(true)
                            : Optional.empty());
            assertThat(hosts.get(2).current("srv/app")).as("the last host not yet deployed at the restart").isNull();
            jenkins.restartInPlace(false);
            String result = jenkins.waitForResult(job, number, Duration.ofMinutes(4));
            String console = jenkins.console(job, number);
            assertThat(result).as("%s", console).isEqualTo("SUCCESS");
            assertThat(console).contains("resumed after a Jenkins restart").contains("returned status=PASSED");
            for (LoopbackSshHost host : hosts) {
                assertThat(host.current("srv/app")).as("host %s on the new release", host.port()).isEqualTo(release);
                assertThat(Files.readAllLines(host.dir().resolve("srv/app/.slipway/history")))
                        .as("the release recorded once on host %s", host.port()).containsOnlyOnce(release);
                assertThat(host.dir().resolve("srv/app/.slipway/lock")).as("no lock left").doesNotExist();
            }
            assertNoLineTwice(console, "[sshDeploy] ");
            if (agent != null) {
                assertThat(console).contains("Running on " + agent);
            }
            String box = AgentAndAbortITest.slipwayBox(jenkins, "job/" + job + "/" + number + "/");
            assertThat(count(box, "sshDeploy</a>: <b>PASSED</b>")).as("the outcome recorded once: %s", box).isEqualTo(1);
        } finally {
            for (LoopbackSshHost host : hosts) {
                host.close();
            }
        }
    }

    @Test
    @Order(5)
    void shouldFinishRunTestsOnAnInboundAgentOnceWhenTheControllerRestarts(RealJenkins jenkins) throws Exception {
        Path remoteFs = ensureAgent(jenkins);
        jenkins.createPipeline("durable-agent", runTestsPipeline(30, "slipway-agent"));
        int number = jenkins.startBuild("durable-agent");
        waitForTick(jenkins, "durable-agent", number, 6);
        jenkins.restartInPlace(false);
        String result = jenkins.waitForResult("durable-agent", number, Duration.ofMinutes(4));
        String console = jenkins.console("durable-agent", number);
        assertThat(result).as("%s", console).isEqualTo("SUCCESS");
        assertThat(console).contains("Running on slipway-agent");
        assertResumedOnce(console, 30);
        assertThat(console).contains("returned status=PASSED tests=2 passed=2 failed=0");
        Path ws = remoteFs.resolve("workspace/durable-agent");
        assertThat(Files.readString(ws.resolve("runs.txt"))).as("the command ran once").isEqualTo("run\n");
        assertThat(Files.readString(ws.resolve("marker"))).isEqualTo("done\n");
        String tests = jenkins.page("job/durable-agent/" + number + "/testReport/api/json?tree=passCount,failCount");
        assertThat(tests).as("the junit results published once").contains("\"passCount\":2").contains("\"failCount\":0");
    }

    /** Lines of the step's engine output ({@code prefix}) appear once each: nothing was copied twice. */
    static void assertNoLineTwice(String console, String prefix) {
        List<String> lines = console.lines().filter(l -> l.startsWith(prefix)).toList();
        assertThat(lines).as("the step's log lines").isNotEmpty();
        assertThat(lines).as("no line of the step's log twice:\n%s", console).doesNotHaveDuplicates();
    }

    /** A page that takes a second to answer (its health check answers at once); every page request is logged. */
    static final String SLOW_APP = String.join("\n",
            "import http.server, sys, time",
            "class H(http.server.BaseHTTPRequestHandler):",
            "    def do_GET(self):",
            "        if self.path != '/health':",
            "            with open('hits.log', 'a') as f: print(self.path, file=f)",
            "            time.sleep(1)",
            "        body = b'<html><head><title>slow</title></head><body><p id=\"p\">slow page</p></body></html>'",
            "        self.send_response(200)",
            "        self.send_header('Content-Type', 'text/html')",
            "        self.send_header('Content-Length', str(len(body)))",
            "        self.end_headers()",
            "        self.wfile.write(body)",
            "    def log_message(self, *args):",
            "        pass",
            "http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()", "");

    @Test
    @Order(3)
    void shouldFinishALongBrowserScenarioOnceWhenTheControllerRestarts(RealJenkins jenkins) throws Exception {
        StringBuilder scenarios = new StringBuilder("{\"scenarios\": [");
        for (int s = 1; s <= 3; s++) {
            scenarios.append(s > 1 ? ", " : "").append("{\"name\": \"slow ").append(s).append("\", \"steps\": [");
            for (int i = 0; i < 8; i++) {
                scenarios.append(i > 0 ? ", " : "").append("{\"open\": \"/page").append(s).append("-").append(i)
                        .append("\"}, {\"assertText\": \"slow page\"}");
            }
            scenarios.append("]}");
        }
        scenarios.append("]}");
        jenkins.createPipeline("durable-browser", "node {\n    deleteDir()\n"
                + "    writeFile file: 'slow.py', text: '''" + SLOW_APP + "'''\n"
                + "    writeFile file: 'ui.json', text: '''" + scenarios + "'''\n"
                + "    def b = browserTest appCommand: 'python3 slow.py {port}', readyPath: '/health', scenarios: 'ui.json'\n"
                + "    echo \"returned status=${b.status} tests=${b.tests} failures=${b.failures}\"\n}");
        int number = jenkins.startBuild("durable-browser");
        Path hits = jenkins.home().resolve("workspace/durable-browser/hits.log");
        RealJenkins.waitFor("the scenarios to be under way", Duration.ofMinutes(3),
                () -> Files.exists(hits) && RealJenkins.quiet(() -> Files.readAllLines(hits)).size() >= 4
                        ? Optional.of(true) : Optional.empty());
        jenkins.restartInPlace(false);
        String result = jenkins.waitForResult("durable-browser", number, Duration.ofMinutes(4));
        String console = jenkins.console("durable-browser", number);
        assertThat(result).as("%s", console).isEqualTo("SUCCESS");
        assertThat(console).contains("resumed after a Jenkins restart").contains("returned status=PASSED tests=3 failures=0");
        List<String> pages = Files.readAllLines(hits);
        assertThat(pages).as("each page opened once: the scenarios were not run again").hasSize(24).doesNotHaveDuplicates();
        assertNoLineTwice(console, "[browserTest] ");
        String box = AgentAndAbortITest.slipwayBox(jenkins, "job/durable-browser/" + number + "/");
        assertThat(count(box, "browserTest</a>: <b>PASSED</b>")).as("the outcome recorded once: %s", box).isEqualTo(1);
        assertThat(AgentAndAbortITest.processes("slow.py")).as("the app stopped").isEmpty();
    }

    @Test
    @Order(7)
    void shouldLaunchOnceWhenTheControllerRestartsWhileInstancesArePending(RealJenkins jenkins) throws Exception {
        try (io.jenkins.plugins.slipway.engine.ec2.FakeEc2 ec2 = new io.jenkins.plugins.slipway.engine.ec2.FakeEc2()) {
            ec2.pendingPolls(6); // about 40 s in `pending` at the engine's back-off
            jenkins.script(Fixtures.awsCredentialScript("aws-durable", "AKIASLIPWAYIT0000002", "durable/secret/abcdefghijklmnop"));
            jenkins.createPipeline("durable-ec2", "node {\n    deleteDir()\n"
                    + "    def f = ec2Launch fleet: 'durable-fleet', count: 2, region: 'eu-west-1', credentialsId: 'aws-durable',"
                    + " endpoint: '" + ec2.endpoint() + "', ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', waitStatusOk: false, waitSsh: false\n"
                    + "    echo \"returned status=${f.status} launched=${f.launched.size()} hosts=${f.hosts.size()}\"\n}");
            int number = jenkins.startBuild("durable-ec2");
            RealJenkins.waitFor("RunInstances", Duration.ofMinutes(3), () -> runInstances(ec2) > 0 ? Optional.of(true)
                    : Optional.empty());
            assertThat(ec2.live()).as("instances still pending at the restart").allMatch(i -> i.state.equals("pending"));
            jenkins.restartInPlace(false);
            String result = jenkins.waitForResult("durable-ec2", number, Duration.ofMinutes(4));
            String console = jenkins.console("durable-ec2", number);
            assertThat(result).as("%s", console).isEqualTo("SUCCESS");
            assertThat(console).contains("resumed after a Jenkins restart").contains("returned status=PASSED launched=2 hosts=2");
            assertThat(runInstances(ec2)).as("RunInstances called once").isEqualTo(1);
            assertThat(ec2.live()).hasSize(2);
            assertNoLineTwice(console, "[ec2Launch] ");
            assertThat(console).doesNotContain("durable/secret/abcdefghijklmnop");
        }
    }

    private static long runInstances(io.jenkins.plugins.slipway.engine.ec2.FakeEc2 ec2) {
        synchronized (ec2.calls) {
            return ec2.calls.stream().filter(c -> "RunInstances".equals(c.get("Action"))).count();
        }
    }

    static void waitForTick(RealJenkins jenkins, String job, int number, int tick) throws InterruptedException {
        RealJenkins.waitFor("tick " + tick + " of the test command in the log", Duration.ofMinutes(3),
                () -> RealJenkins.quiet(() -> jenkins.console(job, number)).contains("tick " + tick + "\n")
                        ? Optional.of(true) : Optional.empty());
    }

    /** The build resumed after a restart, and the command's output is in the log once, every line, in order. */
    static void assertResumedOnce(String console, int ticks) {
        assertThat(console).contains("resumed after a Jenkins restart");
        List<Integer> seen = new ArrayList<>();
        Matcher m = TICK.matcher(console);
        while (m.find()) {
            seen.add(Integer.parseInt(m.group(1)));
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= ticks; i++) {
            expected.add(i);
        }
        assertThat(seen).as("the command's output lines, each once and in order:\n%s", console).isEqualTo(expected);
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
