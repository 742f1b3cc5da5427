package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.request.tests.TestsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.coverage.Counter;
import io.jenkins.plugins.slipway.engine.junit.JUnitXmlParser;
import io.jenkins.plugins.slipway.engine.junit.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestsServiceTest {
    @TempDir
    Path ws;

    private final TaskContext context() {
        return new TaskContext(Log.silent(), Secrets.none(), ws);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static TestsRequest request(Integer exitCode, Long startedAt, List<String> commands, Integer maxFailed,
            Double minLine, Integer maxFlaky) {
        return request(exitCode, startedAt, commands, maxFailed, minLine, maxFlaky, null);
    }

    private static TestsRequest request(Integer exitCode, Long startedAt, List<String> commands, Integer maxFailed,
            Double minLine, Integer maxFlaky, String normalisedJUnitXml) {
        return new TestsRequest(commands, exitCode, startedAt, null, null, null, null, null, null, null, null,
                maxFailed, minLine, null, maxFlaky, normalisedJUnitXml, null);
    }

    private void mavenWorkspace() throws Exception {
        copyTree(TestData.resource("maven-calc/project"), ws);
        copyTree(TestData.resource("maven-calc/reports/surefire-reports"), ws.resolve("target/surefire-reports"));
        Files.createDirectories(ws.resolve("target/site/jacoco"));
        Files.copy(TestData.resource("maven-calc/reports/jacoco.xml"), ws.resolve("target/site/jacoco/jacoco.xml"));
    }

    @Test
    void shouldAnalyseARealMavenRunAndStateEveryReasonOfTheGate() throws Exception {
        mavenWorkspace();

        TestsResult result = new TestsService().run(request(1, null, null, null, 80.0, 0), context());

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.totals()).isEqualTo(new TestsResult.Totals(7, 4, 1, 1, 1, 1, result.totals().seconds()));
        assertThat(result.reasons()).containsExactly(
                "2 test(s) failed (1 failures, 1 errors); at most 0 allowed (maxFailed).",
                "1 flaky test(s) passed only on a rerun; at most 0 allowed (maxFlaky).",
                "Line coverage is 42.86%, below the minimum of 80.00% (minLineCoverage).");
        assertThat(result.summary()).startsWith("7 tests: 4 passed, 1 failed, 1 errors, 1 skipped, 1 flaky; line "
                + "coverage 42.86%, branch 25.0%");
        assertThat(result.failures()).extracting(TestsResult.Failure::name)
                .containsExactlyInAnyOrder("shouldFailOnPurpose", "shouldErrorOnPurpose");
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.trace()).isNotEmpty().hasSizeLessThanOrEqualTo(15));
        assertThat(result.flaky()).singleElement().extracting(TestsResult.Flaky::name).isEqualTo("shouldPassOnSecondRun");
        assertThat(result.coverage().files()).singleElement().satisfies(f ->
                assertThat(f.path()).isEqualTo("src/main/java/com/example/calc/Calculator.java"));
        String missed = result.coverage().files().get(0).missedLines();
        assertThat(missed).isNotBlank();
        assertThat(java.nio.file.Files.readString(ws.resolve("slipway/tests/index.html")))
                .contains("Per file, worst first", "Calculator.java", missed);
        assertThat(result.command().analysisOnly()).isTrue();
        assertThat(result.slowest()).hasSizeLessThanOrEqualTo(10).isNotEmpty();
    }

    @Test
    void shouldTellNewFailuresFromStillFailingAndFixedOnesAgainstAPreviousResult() throws Exception {
        mavenWorkspace();
        String calc = "com.example.calc.CalculatorTest";
        Files.writeString(ws.resolve("previous.json"), "{\"result\": {\"failures\": ["
                + "{\"classname\": \"" + calc + "\", \"name\": \"shouldFailOnPurpose\"},"
                + "{\"classname\": \"" + calc + "\", \"name\": \"shouldDivide\"}]}}");

        TestsResult result = new TestsService().run(new TestsRequest(null, 1, null, null, null, null, null, null, null, null,
                null, 5, null, null, null, null, null, "previous.json"), context());

        TestsResult.Comparison cmp = result.comparison();
        assertThat(cmp.note()).isNull();
        assertThat(cmp.newFailures()).containsExactly(calc + ".shouldErrorOnPurpose");
        assertThat(cmp.stillFailing()).containsExactly(calc + ".shouldFailOnPurpose");
        assertThat(cmp.fixed()).containsExactly(calc + ".shouldDivide");
        String html = Files.readString(ws.resolve(result.outputs().html()));
        assertThat(html).contains("1 new failure(s)</span>, 1 still failing", "<span class=\"tag warn\">new</span> <b>shouldErrorOnPurpose",
                "<span class=\"tag\">still failing</span> <b>shouldFailOnPurpose", "Fixed since the previous run", calc + ".shouldDivide");

        TestsResult none = new TestsService().run(new TestsRequest(null, 1, null, null, null, null, null, null, null, null,
                null, 5, null, null, null, null, null, "nowhere.json"), context());
        assertThat(none.comparison().note()).contains("nowhere.json", "no such file", "not compared");
        assertThat(none.comparison().newFailures()).isEmpty();
        assertThat(none.outcome()).as("a missing previous result is a note, not a failure").isEqualTo(Outcome.PASSED);
    }

    @Test
    void shouldWriteANormalisedJUnitXmlThatReadsBackToTheSameTotalsAndAStaticHtmlPage() throws Exception {
        mavenWorkspace();

        TestsResult result = new TestsService().run(request(1, null, null, 5, null, null, "out/junit.xml"), context());

        assertThat(result.outcome()).as("failures within maxFailed").isEqualTo(Outcome.PASSED);
        assertThat(result.outputs().normalisedJUnitXml()).isEqualTo("out/junit.xml");
        Path junit = ws.resolve(result.outputs().normalisedJUnitXml());
        List<TestCase> again = new ArrayList<>();
        assertThat(new JUnitXmlParser().parse(junit, "junit.xml", again::add)).isNull();
        assertThat(again).hasSize(7);
        assertThat(again).filteredOn(c -> c.flakyRuns() == 1).hasSize(1);
        assertThat(Files.readString(junit)).contains("<testsuites name=\"slipway\" tests=\"7\" failures=\"1\" "
                + "errors=\"1\" skipped=\"1\"");
        String html = Files.readString(ws.resolve(result.outputs().html()));
        assertThat(html).contains("shouldFailOnPurpose", "<svg", "Calculator.java").doesNotContain("<script");
        // failures first, each with its message and trace folded in a <details>, then flaky, slowest and suites
        assertThat(html).contains("<h2 id=\"failures\">", "<details open><summary>", "<pre>", "<h2 id=\"flaky\">")
                .doesNotContain("<style", "style=").contains("<link rel=\"stylesheet\" href=\"slipway.css\">");
        assertThat(html.indexOf("id=\"failures\"")).isLessThan(html.indexOf("id=\"flaky\""));
        assertThat(html.indexOf("id=\"flaky\"")).isLessThan(html.indexOf("id=\"slowest\""));
        assertThat(html.indexOf("id=\"slowest\"")).isLessThan(html.indexOf("id=\"suites\""));
        assertThat(ws.resolve(result.outputs().html()).resolveSibling("slipway.css"))
                .hasContent(io.jenkins.plugins.slipway.engine.core.HtmlPage.css());

        TestsResult second = new TestsService().run(request(1, null, null, 5, null, null, "out/junit.xml"), context());
        assertThat(second.totals().tests()).as("its own output is never read back as a report").isEqualTo(7);
    }

    @Test
    void shouldNotRewriteTheReportsWhenAskedForNoCopy() throws Exception {
        mavenWorkspace();

        TestsResult result = new TestsService().run(request(1, null, null, 5, null, null, ""), context());

        assertThat(result.totals().tests()).isEqualTo(7);
        assertThat(result.outputs().normalisedJUnitXml()).isNull();
        assertThat(ws.resolve("slipway/tests/junit.xml")).doesNotExist();
        try (var files = Files.walk(ws)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void shouldIgnoreReportsOlderThanTheCommandStart() throws Exception {
        mavenWorkspace();
        Path old = ws.resolve("target/surefire-reports/TEST-com.example.calc.CalculatorTest.xml");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        TestsResult result = new TestsService().run(request(0, System.currentTimeMillis(), null, null, null, null),
                context());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reports().stale()).contains("target/surefire-reports/TEST-com.example.calc.CalculatorTest.xml");
        assertThat(result.reasons().get(0)).startsWith("No test report matched").contains("ignored as stale");
    }

    @Test
    void shouldTakeTheCallersStartForTheCommandItRunsSoReportsWrittenJustBeforeStayFresh() throws Exception {
        mavenWorkspace();
        Path report = ws.resolve("target/surefire-reports/TEST-com.example.calc.CalculatorTest.xml");
        long callerStart = System.currentTimeMillis() - 60_000;
        Files.setLastModifiedTime(report, FileTime.fromMillis(callerStart + 1000)); // after the caller started

        TestsResult result = new TestsService().run(request(null, callerStart, List.of("true"), 5, null, null),
                context());

        assertThat(result.reports().stale()).isEmpty();
        assertThat(result.totals().tests()).isEqualTo(7);
        Files.setLastModifiedTime(report, FileTime.fromMillis(callerStart - 60_000)); // before it: stale
        TestsResult stale = new TestsService().run(request(null, callerStart, List.of("true"), 5, null, null), context());
        assertThat(stale.reports().stale()).contains("target/surefire-reports/TEST-com.example.calc.CalculatorTest.xml");
    }

    @Test
    void shouldFailSayingSoWhenTheCommandFailsWithoutReports() throws Exception {
        TestsResult result = new TestsService().run(request(null, null,
                List.of("echo compiling; echo 'error: cannot find symbol' >&2; exit 3"), null, null, null), context());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.command().exitCode()).isEqualTo(3);
        assertThat(result.reasons()).singleElement().asString()
                .startsWith("The test command 'echo compiling; echo 'error: cannot find symbol' >&2; exit 3' failed "
                        + "(exit code 3) and wrote no test report matching")
                .contains("the build probably failed before the tests ran");
    }

    @Test
    void shouldRunARealCommandWithItsEnvironmentAndReadTheReportItWrites() throws Exception {
        List<String> lines = new ArrayList<>();
        Log log = new Log() {
            public void info(String m) { lines.add(m); }
            public void warn(String m) { lines.add(m); }
            public void error(String m) { lines.add(m); }
            public void debug(String m) { }
        };
        String script = "mkdir -p out && printf '<testsuite name=\"%s\"><testcase name=\"a\"/><testcase name=\"b\">"
                + "<skipped/></testcase></testsuite>' \"$SUITE\" > out/TEST-x.xml && echo wrote it";

        TestsResult result = new TestsService().run(new TestsRequest(List.of(script), null, null, 30,
                Map.of("SUITE", "from-env"), null, null, null, null, null, null, null, null, null, null, "", ""),
                new TaskContext(log, Secrets.none(), ws));

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.suites()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("from-env");
            assertThat(s.tests()).isEqualTo(2);
            assertThat(s.skipped()).isEqualTo(1);
        });
        assertThat(lines).contains("wrote it");
        assertThat(result.outputs().html()).isNull();
        assertThat(ws.resolve("slipway")).doesNotExist();
    }

    @Test
    void shouldStopAHangingCommandAtTheTimeout() throws Exception {
        TestsResult result = new TestsService().run(new TestsRequest(List.of("sleep 30"), null, null, 1, null, null,
                null, null, null, null, null, null, null, null, null, "", ""), context());

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.command().timedOut()).isTrue();
        assertThat(result.reasons().get(0)).contains("timed out after 1 s");
    }

    @Test
    void shouldReportABrokenFileWithoutHidingTheOthers() throws Exception {
        Files.createDirectories(ws.resolve("r"));
        Files.writeString(ws.resolve("r/TEST-good.xml"), "<testsuite name=\"g\"><testcase name=\"ok\"/></testsuite>");
        Files.writeString(ws.resolve("r/TEST-bad.xml"), "<testsuite name=\"b\">\n<testcase name=\"x\">");
        Files.writeString(ws.resolve("r/TEST-empty.xml"), "");

        TestsResult result = new TestsService().run(request(0, null, null, null, null, null), context());

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.totals().tests()).isEqualTo(1);
        assertThat(result.reports().problems()).containsExactly(
                "r/TEST-bad.xml line 2: is truncated (XML document structures must start and end within the same "
                        + "entity.); the test run was probably killed while writing it",
                "r/TEST-empty.xml: is empty (0 bytes); the test run was probably interrupted");
        assertThat(result.reasons()).singleElement().asString().startsWith("2 report file(s) could not be read");
    }

    @Test
    void shouldPassWithinThresholdsAndFailCoverageGateWithoutAReport() throws Exception {
        Files.writeString(ws.resolve("junit.xml"), "<testsuites><testsuite name=\"s\"><testcase name=\"t\"/>"
                + "</testsuite></testsuites>");

        TestsResult result = new TestsService().run(request(0, null, null, null, 50.0, null), context());

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.reasons()).singleElement().asString().startsWith("minLineCoverage is 50.0% but no coverage "
                + "report matched");
    }

    @Test
    void shouldDetectTheUsualTestCommands() throws Exception {
        assertThatThrownBy(() -> Detector.detect(ws)).isInstanceOf(TestsException.class)
                .hasMessageContaining("Give the command");
        Files.createDirectories(ws.resolve("tests"));
        Files.writeString(ws.resolve("tests/test_app.py"), "");
        assertThat(Detector.detect(ws)).isEqualTo("python3 -m pytest --junitxml=slipway/tests/pytest-junit.xml");
        Files.writeString(ws.resolve("package.json"), "{\"scripts\": {\"test\": \"jest\"}}");
        assertThat(Detector.detect(ws)).isEqualTo("npm test");
        Files.writeString(ws.resolve("build.gradle"), "");
        assertThat(Detector.detect(ws)).isEqualTo("gradle test --continue");
        Files.writeString(ws.resolve("pom.xml"), "<project/>");
        assertThat(Detector.detect(ws)).isEqualTo("mvn -B test");
    }

    @Test
    void shouldValidateTheRequestNamingTheParameter() {
        assertThatThrownBy(() -> new TestsRequest(List.of("make test"), 0, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null)).hasMessageContaining("commandExitCode");
        assertThatThrownBy(() -> request(null, null, null, null, 120.0, null)).hasMessageContaining("minLineCoverage");
        assertThatThrownBy(() -> new TestsRequest(null, null, null, null, null, "../elsewhere", null, null, null,
                null, null, null, null, null, null, null, null)).hasMessageContaining("workdir");
        assertThatThrownBy(() -> request(null, null, null, -1, null, null)).hasMessageContaining("maxFailed");
    }

    @Test
    void shouldMatchAntGlobs() {
        assertThat(AntGlob.toRegex("**/TEST-*.xml").matcher("TEST-a.xml").matches()).isTrue();
        assertThat(AntGlob.toRegex("**/TEST-*.xml").matcher("m/target/surefire-reports/TEST-a.xml").matches()).isTrue();
        assertThat(AntGlob.toRegex("target/*.xml").matcher("target/x/a.xml").matches()).isFalse();
        assertThat(AntGlob.toRegex("build/**").matcher("build/a/b.xml").matches()).isTrue();
        assertThat(AntGlob.toRegex("a?.xml").matcher("ab.xml").matches()).isTrue();
    }

    @Test
    void shouldCountCoverageOfExecutionData() throws Exception {
        mavenWorkspace();
        Files.copy(TestData.resource("maven-calc/reports/jacoco.exec"), ws.resolve("target/jacoco.exec"));
        Files.copy(TestData.resource("maven-calc/reports/calc-classes.jar"), ws.resolve("target/classes.jar"));

        TestsResult result = new TestsService().run(new TestsRequest(null, 1, null, null, null, null, null,
                List.of("target/*.exec"), List.of("target/classes.jar"), null, null, 2, null, 20.0, null, "", ""),
                context());

        assertThat(result.coverage().lines()).isEqualTo(new Counter(6, 8));
        assertThat(result.coverage().branches()).isEqualTo(new Counter(2, 6));
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    }
}
