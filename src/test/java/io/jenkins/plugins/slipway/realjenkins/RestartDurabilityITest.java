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
        String tests = jenkins.page("job/durable-tests/" + number + "/testReport/api/json?tree=totalCount,failCount");
        assertThat(tests).as("the junit results published once").contains("\"totalCount\":2").contains("\"failCount\":0");
        String box = AgentAndAbortITest.slipwayBox(jenkins, "job/durable-tests/" + number + "/");
        assertThat(count(box, "runTests: <b>PASSED</b>")).as("the outcome recorded once: %s", box).isEqualTo(1);
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
        assertThat(box).contains("browserTest: <b>ABORTED</b>").doesNotContain("RUNNING");
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
        java.security.KeyPair key = LoopbackSshHost.newKey();
        List<LoopbackSshHost> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                hosts.add(LoopbackSshHost.start(tmp.resolve("host" + i), key));
            }
            jenkins.script(Fixtures.sshKeyCredentialScript("durable-key", LoopbackSshHost.USER, key));
            String hostList = String.join(",", hosts.stream().map(h -> "127.0.0.1:" + h.port()).toList());
            String knownHosts = String.join("\\n", hosts.stream().map(LoopbackSshHost::knownHostsLine).toList());
            jenkins.createPipeline("durable-deploy", "node {\n    deleteDir()\n"
                    + "    writeFile file: 'dist/version.txt', text: \"build ${env.BUILD_NUMBER}\"\n"
                    + "    def d = sshDeploy credentialsId: 'durable-key', hostList: '" + hostList + "', knownHosts: '"
                    + knownHosts + "', baseDir: 'srv/app', artifact: 'dist', releaseId: \"r${env.BUILD_NUMBER}\","
                    + " healthCommand: 'sleep 8; test -f version.txt', healthTimeoutSeconds: 30\n"
                    + "    echo \"returned status=${d.status} summary=${d.summary}\"\n}");
            int number = jenkins.startBuild("durable-deploy");
            String release = "r" + number;
            RealJenkins.waitFor("the first host on the new release", Duration.ofMinutes(3),
                    () -> release.equals(RealJenkins.quiet(() -> hosts.get(0).current("srv/app"))) ? Optional.of(true)
                            : Optional.empty());
            assertThat(hosts.get(2).current("srv/app")).as("the last host not yet deployed at the restart").isNull();
            jenkins.restartInPlace(false);
            String result = jenkins.waitForResult("durable-deploy", number, Duration.ofMinutes(4));
            String console = jenkins.console("durable-deploy", number);
            assertThat(result).as("%s", console).isEqualTo("SUCCESS");
            assertThat(console).contains("resumed after a Jenkins restart").contains("returned status=PASSED");
            for (LoopbackSshHost host : hosts) {
                assertThat(host.current("srv/app")).as("host %s on the new release", host.port()).isEqualTo(release);
                assertThat(Files.readAllLines(host.dir().resolve("srv/app/.slipway/history")))
                        .as("the release recorded once on host %s", host.port()).containsOnlyOnce(release);
                assertThat(host.dir().resolve("srv/app/.slipway/lock")).as("no lock left").doesNotExist();
            }
            assertNoLineTwice(console, "[sshDeploy] ");
            String box = AgentAndAbortITest.slipwayBox(jenkins, "job/durable-deploy/" + number + "/");
            assertThat(count(box, "sshDeploy: <b>PASSED</b>")).as("the outcome recorded once: %s", box).isEqualTo(1);
        } finally {
            for (LoopbackSshHost host : hosts) {
                host.close();
            }
        }
    }

    @Test
    @Order(5)
    void shouldFinishRunTestsOnAnInboundAgentOnceWhenTheControllerRestarts(RealJenkins jenkins) throws Exception {
        Path agentDir = Files.createDirectories(jenkins.home().resolveSibling(jenkins.home().getFileName() + "-agent"));
        Path remoteFs = agentDir.resolve("fs");
        var agent = jenkins.get("computer/slipway-agent/api/json?tree=offline");
        if (agent.statusCode() != 200 || !agent.body().contains("\"offline\":false")) {
            AgentAndAbortITest.connectAgent(jenkins, agentDir, remoteFs, agentDir.resolve("engine-cache"));
        }
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
        String tests = jenkins.page("job/durable-agent/" + number + "/testReport/api/json?tree=totalCount");
        assertThat(tests).contains("\"totalCount\":2");
    }

    /** Lines of the step's engine output ({@code prefix}) appear once each: nothing was copied twice. */
    static void assertNoLineTwice(String console, String prefix) {
        List<String> lines = console.lines().filter(l -> l.startsWith(prefix)).toList();
        assertThat(lines).as("the step's log lines").isNotEmpty();
        assertThat(lines).as("no line of the step's log twice:\n%s", console).doesNotHaveDuplicates();
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
