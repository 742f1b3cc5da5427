package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many Slipway steps at once on one agent: a Pipeline of 6 parallel branches on an agent with 7 executors (an
 * inbound agent over WebSocket, loopback), each running {@code runTests} (pytest + coverage on the small Python
 * example) and then {@code codeMetrics} in its own workspace, built twice (the first build makes the tasks'
 * class-data archives on the agent). Every branch of both builds must give the example's own result; each engine
 * JVM's peak RSS in the second build is read from outside ({@link EngineSampler}) and printed, with a generous bound
 * only (the targets, 256 MB per engine for this example, are for the figures in docs/architecture.md).
 */
@ExtendWith(RealJenkinsExtension.class)
class ParallelBranchesITest {
    private static final String AGENT = "wide-agent";
    private static final int BRANCHES = 6;
    /** Far above the 256 MB target: an engine with the JDK's default heap held 560 MB here. */
    private static final double BOUND_MB = 400;
    private static final Pattern LINE = Pattern.compile("branch=(\\d+) ws=(\\S+) tests=(\\S+) passed=(\\d+) failed=(\\d+) "
            + "skipped=(\\d+) lines=(\\d+)/(\\d+) percent=(\\S+) metrics=(\\S+) files=(\\d+) code=(\\d+) findings=(\\d+)");

    @Test
    void shouldGiveEveryBranchItsRightResultWithBoundedEngines(RealJenkins jenkins, TestReporter report) throws Exception {
        String py = Fixtures.python();
        assumeTrue(new ProcessBuilder(py, "-c", "import pytest, pytest_cov").start().waitFor() == 0, py + " has no pytest/pytest-cov");
        Path agentDir = Files.createDirectories(jenkins.home().resolveSibling(jenkins.home().getFileName() + "-wide"));
        jenkins.connectAgent(AGENT, 7, agentDir, agentDir.resolve("fs"), Map.of());
        Path project = Fixtures.copy("parallel-python", Fixtures.TEST_RESOURCES + "tests/python-formapp/project");
        jenkins.createPipeline("parallel-branches", """
                def branches = [:]
                for (int i = 1; i <= %d; i++) {
                  def n = i
                  branches["b${n}"] = {
                    node('%s') {
                      deleteDir()
                      sh "cp -R '%s/.' ."
                      def r = runTests command: '%s -m pytest -p no:cacheprovider --junitxml=reports/pytest.xml --cov=formapp --cov-report=xml:coverage.xml',
                          reports: 'reports/*.xml', coverageReports: 'coverage.xml', maxFailed: 1
                      def m = codeMetrics outputDir: 'metrics-out'
                      echo "branch=${n} ws=${pwd()} tests=${r.status} passed=${r.totals.passed} failed=${r.totals.failed} skipped=${r.totals.skipped} lines=${r.coverage.lines.covered}/${r.coverage.lines.covered + r.coverage.lines.missed} percent=${r.coverage.lines.percent} metrics=${m.status} files=${m.size.files} code=${m.size.codeLines} findings=${m.violations.total}"
                    }
                  }
                }
                parallel branches
                """.formatted(BRANCHES, AGENT, project, py));

        // the first build makes each task's class-data archive on this agent (a larger, one-off footprint); the second
        // runs as every later build does: both must be right, the second one's engines are measured
        RealJenkins.Build first = jenkins.build("parallel-branches", Duration.ofMinutes(20));
        assertThat(first.result()).as("%s", first).isEqualTo("SUCCESS");
        checkBranches(first);
        RealJenkins.Build b;
        List<EngineSampler.Engine> engines;
        try (EngineSampler sampler = EngineSampler.start(50, agentDir)) {
            b = jenkins.build("parallel-branches", Duration.ofMinutes(20));
            engines = sampler.engines();
        }
        assertThat(b.result()).as("%s", b).isEqualTo("SUCCESS");
        Map<String, String> byWorkspace = checkBranches(b);

        // each branch's two engines (runTests, then codeMetrics), their peak RSS
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%d parallel branches on %s (7 executors); load average %s"
                + "workspace                    step         -Xmx   peak RSS (MB)   life%n", BRANCHES, AGENT, Files.readString(Path.of("/proc/loadavg"))));
        List<String> problems = new ArrayList<>();
        for (String ws : byWorkspace.keySet()) {
            List<EngineSampler.Engine> mine = engines.stream().filter(e -> e.workDir.equals(Path.of(ws))).toList();
            // the runTests engine (-Xmx512m) first, then the codeMetrics engine (-Xmx1g, the longest-lived of them);
            // any other engine JVM seen in the workspace is listed too
            EngineSampler.Engine tests = mine.stream().filter(e -> e.maxHeap().equals("512m")).findFirst().orElse(null);
            EngineSampler.Engine metrics = mine.stream().filter(e -> e.maxHeap().equals("1g"))
                    .max(java.util.Comparator.comparingLong(EngineSampler.Engine::lifeMillis)).orElse(null);
            if (tests == null || metrics == null) {
                problems.add(ws + ": expected the engines of runTests (-Xmx512m) and codeMetrics (-Xmx1g), saw " + mine);
                continue;
            }
            for (EngineSampler.Engine e : mine) {
                String step = e == tests ? "runTests" : e == metrics ? "codeMetrics" : "other JVM";
                table.append(String.format(Locale.ROOT, "%-28s %-12s %5s   %6.0f   %6.1f s%s%n", Path.of(ws).getFileName(), step, e.maxHeap(),
                        e.peakMb(), e.lifeMillis() / 1000.0, e == tests || e == metrics ? "" : "  " + e.commandLine));
                if (e.peakMb() > BOUND_MB) {
                    problems.add(step + " in " + ws + ": " + e);
                }
            }
        }
        System.out.print(table);
        report.publishEntry("engines", table.toString());
        assertThat(problems).as("engines above %s MB or not seen:%n%s", BOUND_MB, table).isEmpty();
    }

    /** Each branch's line: the example's own result, each branch in its own workspace; workspace → branch. */
    private static Map<String, String> checkBranches(RealJenkins.Build b) {
        // the example's own result, in every branch: 7 passed, 1 failed, 1 skipped, 22 of 28 lines (78.57%); 3 Python
        // files, 64 lines of code; the same findings everywhere
        Map<String, String> byWorkspace = new LinkedHashMap<>();
        Matcher m = LINE.matcher(b.console());
        while (m.find()) {
            assertThat(m.group(3)).as("runTests status, branch %s", m.group(1)).isEqualTo("PASSED");
            assertThat(List.of(m.group(4), m.group(5), m.group(6))).as("passed/failed/skipped, branch %s", m.group(1))
                    .containsExactly("7", "1", "1");
            assertThat(m.group(7) + "/" + m.group(8) + " " + m.group(9)).as("line coverage, branch %s", m.group(1))
                    .isEqualTo("22/28 78.57");
            assertThat(m.group(10)).as("codeMetrics status, branch %s", m.group(1)).isEqualTo("PASSED");
            assertThat(m.group(11) + " files, " + m.group(12) + " lines").as("size, branch %s", m.group(1)).isEqualTo("3 files, 64 lines");
            assertThat(Integer.parseInt(m.group(13))).as("findings, branch %s", m.group(1)).isPositive();
            byWorkspace.put(m.group(2), m.group(1));
        }
        assertThat(byWorkspace).as("one line per branch, each in its own workspace:\n%s", b.console()).hasSize(BRANCHES);
        assertThat(Pattern.compile("findings=(\\d+)").matcher(b.console()).results().map(r -> r.group(1)).distinct().toList())
                .as("the same findings in every branch").hasSize(1);
        return byWorkspace;
    }
}
