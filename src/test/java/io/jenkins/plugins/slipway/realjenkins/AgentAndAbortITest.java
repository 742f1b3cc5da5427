package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slipway on a real agent connected over Remoting (an inbound agent from the controller's own agent.jar, WebSocket,
 * loopback), and a running step stopped through the build's stop link.
 */
@ExtendWith(RealJenkinsExtension.class)
class AgentAndAbortITest {
    private static final String AGENT = "slipway-agent";

    @Test
    void shouldShipTheEngineToAnAgentAndRunStepsThere(RealJenkins jenkins) throws Exception {
        Path agentDir = Files.createDirectories(jenkins.home().resolveSibling(jenkins.home().getFileName() + "-agent"));
        Path cache = agentDir.resolve("engine-cache");
        Path remoteFs = agentDir.resolve("fs");
        connectAgent(jenkins, agentDir, remoteFs, cache);
        boolean shippedBefore = Files.isDirectory(cache) && jars(cache) > 0; // by another test class of the suite

        Path project = Fixtures.copy("agent-metrics", Fixtures.TEST_RESOURCES + "metrics/sample");
        jenkins.createPipeline("on-agent", "node('" + AGENT + "') {\n    " + PipelineStepsITest.copyInto(project)
                + "    def v = slipwayVersion()\n    echo \"engine host=${v.host} workDir=${v.workDir}\"\n"
                + "    def m = codeMetrics maxViolations: 'total=1000', outputDir: 'metrics-out'\n"
                + "    echo \"metrics=${m.status}\"\n}");
        RealJenkins.Build b = jenkins.build("on-agent");
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        assertThat(b.console()).contains("Running on " + AGENT).contains("metrics=PASSED");
        if (!shippedBefore) {
            assertThat(b.console()).contains("shipping the Slipway engine");
        }
        assertThat(b.console()).contains("workDir=" + remoteFs.resolve("workspace/on-agent"));
        // the engine jar went to the agent's own cache, the reports stayed in the agent's workspace
        try (Stream<Path> jars = Files.walk(cache)) {
            assertThat(jars.filter(p -> p.toString().endsWith(".jar")).toList()).isNotEmpty();
        }
        assertThat(remoteFs.resolve("workspace/on-agent/metrics-out/index.html")).exists();
        PipelineStepsITest.assertSlipwayLinks(jenkins, b, "codeMetrics");
        List<String> rejected = jenkins.warningRecords().stream()
                // a class-filter rejection names the class; other tests' own script-console classes are not Slipway's
                .filter(r -> r.toLowerCase(Locale.ROOT).contains("slipway"))
                .toList();
        assertThat(rejected).as("class filter rejections or warnings about Slipway").isEmpty();
        assertThat(Files.readString(agentDir.resolve("agent.log"))).doesNotContain("SEVERE").doesNotContain("Rejected");
    }

    @Test
    void shouldAbortARunningStepAndLeaveNoProcessBehind(RealJenkins jenkins) throws Exception {
        String marker = "61" + (System.nanoTime() % 1000);
        jenkins.createPipeline("abort", "node {\n    deleteDir()\n"
                + "    writeFile file: 'ui.json', text: '{\"scenarios\": [{\"name\": \"home\", \"steps\": [{\"open\": \"/\"}]}]}'\n"
                + "    browserTest appCommand: 'sleep " + marker + "', appStartedBy: 'engine', readyTimeoutSeconds: 600,"
                + " scenarios: 'ui.json'\n}");
        int number = jenkins.startBuild("abort");
        RealJenkins.waitFor("the app to be started by the engine", Duration.ofMinutes(3),
                () -> processes("sleep " + marker).isEmpty() ? Optional.empty() : Optional.of(true));
        assertThat(engines(jenkins)).as("engine JVM running under Jenkins").isNotEmpty();
        Instant stop = Instant.now();
        jenkins.post("job/abort/" + number + "/stop", "application/x-www-form-urlencoded", "");
        String result = jenkins.waitForResult("abort", number, Duration.ofSeconds(60));
        assertThat(result).isEqualTo("ABORTED");
        assertThat(Duration.between(stop, Instant.now())).isLessThan(Duration.ofSeconds(40));
        RealJenkins.waitFor("the engine and the app to be gone", Duration.ofSeconds(30),
                () -> processes("sleep " + marker).isEmpty() && engines(jenkins).isEmpty()
                        ? Optional.of(true) : Optional.empty());
    }

    /**
     * A build that ends while a Slipway step's call is still RUNNING (here a hard kill, which ends the build without
     * waiting for the step) never shows that line as RUNNING once the build has ended: "did not finish" until the
     * step records how it ended, if it still does.
     */
    @Test
    void shouldShowACallThatNeverRecordedItsOutcomeAsDidNotFinish(RealJenkins jenkins) throws Exception {
        String marker = "62" + (System.nanoTime() % 1000);
        jenkins.createPipeline("killed", "node {\n    deleteDir()\n"
                + "    runTests command: 'sleep " + marker + "', reports: 'reports/*.xml'\n}");
        int number = jenkins.startBuild("killed");
        String path = "job/killed/" + number + "/";
        try {
            RealJenkins.waitFor("the test command to run", Duration.ofMinutes(3),
                    () -> processes("sleep " + marker).isEmpty() ? Optional.empty() : Optional.of(true));
            assertThat(slipwayBox(jenkins, path)).as("the box while the build runs").contains("runTests: <b>RUNNING</b>");

            jenkins.post(path + "kill", "application/x-www-form-urlencoded", "");
            assertThat(jenkins.waitForResult("killed", number, Duration.ofSeconds(60))).isEqualTo("ABORTED");

            // The hard kill ends the build without waiting for the step. Its command is then stopped by Jenkins
            // (SIGTERM, SIGKILL seconds later), and the step's worker may still record how it ended (FAILED, exit
            // 143 or 137) after the build has ended. Until it does, the line shows DID NOT FINISH; at no time does an
            // ended build show RUNNING. (A restart mid-step, where nothing is left to record, is in
            // ReportsAndRestartITest.)
            String box = slipwayBox(jenkins, path);
            assertThat(box).as("the box of an ended build").doesNotContain("RUNNING")
                    .containsPattern("runTests(</a>)?: <b>(DID NOT FINISH|FAILED|ABORTED)</b>");
            if (box.contains("DID NOT FINISH")) {
                assertThat(box).contains("runTests: <b>DID NOT FINISH</b> — the step never recorded its outcome")
                        .as("a grey status symbol").contains("data-status=\"DID NOT FINISH\"",
                                "var(--text-color-secondary)");
            }
            assertThat(ReportsAndRestartITest.visibleText(jenkins.page(path + "slipway/"))).doesNotContain("RUNNING")
                    .containsPattern("runTests (DID NOT FINISH|FAILED|ABORTED)");
            try (StagePageBrowser browser = StagePageBrowser.open(jenkins)) {
                if (browser != null) {
                    assertThat(browser.shoot(path, "did-not-finish-build-page")).doesNotContain("RUNNING");
                    assertThat(browser.shoot(path + "slipway/", "did-not-finish-slipway-page"))
                            .doesNotContain("RUNNING");
                }
            }
        } finally {
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains("sleep " + marker))
                    .forEach(ProcessHandle::destroy);
        }
    }

    private static long jars(Path cache) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(p -> p.toString().endsWith(".jar")).count();
        }
    }

    /** The build page's Slipway box, as HTML. */
    static String slipwayBox(RealJenkins jenkins, String buildPath) throws Exception {
        String html = jenkins.page(buildPath);
        int box = html.indexOf("class=\"slipway-stages\"");
        assertThat(box).as("Slipway box on %s", buildPath).isPositive();
        return html.substring(box, html.indexOf("</ul>", box));
    }

    static List<String> engines(RealJenkins jenkins) {
        return jenkins.descendants().stream().filter(c -> c.contains("slipway-engine")).toList();
    }

    /** Command lines of live processes containing {@code text} (this test's JVM excluded). */
    static List<String> processes(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(text))
                .toList();
    }

    static void connectAgent(RealJenkins jenkins, Path agentDir, Path remoteFs, Path cache) throws Exception {
        jenkins.connectAgent(AGENT, 1, agentDir, remoteFs, Map.of("SLIPWAY_ENGINE_CACHE", cache.toString()));
    }
}
