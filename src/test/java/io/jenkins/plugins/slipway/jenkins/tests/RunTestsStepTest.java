package io.jenkins.plugins.slipway.jenkins.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.request.tests.TestsRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunTestsStepTest {

    @Test
    void shouldDetectAndRunTheProjectsTestsWithNeitherCommandNorReportsAsTheCommandLineDoes() throws Exception {
        RunTestsStep bare = new RunTestsStep();
        assertThat(bare.analysesEarlierReports()).as("runTests(): the engine detects the command").isFalse();
        // what run() sends then: no commandExitCode, so the engine detects and runs the command (PytestRunTest)
        TestsRequest parsed = Json.read(Json.MAPPER.valueToTree(bare.request(1, true)), TestsRequest.class, "runTests");
        assertThat(parsed.commandExitCode()).isNull();
        assertThat(parsed.commands()).isEmpty();

        RunTestsStep earlier = new RunTestsStep();
        earlier.setReports("build/test-results/**/*.xml");
        assertThat(earlier.analysesEarlierReports()).as("reports of an earlier step, nothing run").isTrue();
        RunTestsStep given = new RunTestsStep();
        given.setCommand("mvn -B verify");
        given.setReports("**/surefire-reports/*.xml");
        assertThat(given.analysesEarlierReports()).isFalse();
    }

    @Test
    void shouldBuildARequestTheRealEngineAccepts() throws Exception {
        RunTestsStep step = new RunTestsStep();
        step.setEnv("CI=true\n\n  MAVEN_OPTS=-Xmx1g -Dx=y \n");
        step.setWorkdir(" app ");
        step.setReports("**/surefire-reports/TEST-*.xml,\n**/failsafe-reports/TEST-*.xml");
        step.setMinLineCoverage(80.0);
        step.setMaxFlaky(2);
        step.setHtml("");
        Map<String, Object> request = step.request();
        request.put("commandExitCode", 1);
        request.put("startedAtEpochMillis", 1_700_000_000_000L);

        TestsRequest parsed = Json.read(Json.MAPPER.valueToTree(request), TestsRequest.class, "runTests");

        assertThat(parsed.env()).containsEntry("CI", "true").containsEntry("MAVEN_OPTS", "-Xmx1g -Dx=y");
        assertThat(parsed.workdir()).isEqualTo("app");
        assertThat(parsed.reports()).containsExactly("**/surefire-reports/TEST-*.xml", "**/failsafe-reports/TEST-*.xml");
        assertThat(parsed.minLineCoverage()).isEqualTo(80.0);
        assertThat(parsed.minBranchCoverage()).isNull();
        assertThat(parsed.maxFlaky()).isEqualTo(2);
        assertThat(parsed.html()).isEmpty();
        assertThat(parsed.analysisOnly()).isTrue();
    }

    @Test
    void shouldKeepTheEngineDefaultsWhenNothingIsSet() throws Exception {
        Map<String, Object> request = new RunTestsStep().request(1, true);
        request.put("commandExitCode", 0);

        TestsRequest parsed = Json.read(Json.MAPPER.valueToTree(request), TestsRequest.class, "runTests");
        TestsRequest defaults = new TestsRequest(null, 0, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        assertThat(parsed).isEqualTo(defaults);
        assertThat(new RunTestsStep().isPublishJUnit()).isTrue();
        assertThat(new RunTestsStep().isStopOnFailure()).isFalse();
    }

    @Test
    void shouldGiveALaterCallItsOwnFilesUnlessTheUserNamedThem() throws Exception {
        Map<String, Object> first = new RunTestsStep().request(1, true);
        first.put("commandExitCode", 0);
        TestsRequest engineFirst = Json.read(Json.MAPPER.valueToTree(first), TestsRequest.class, "runTests");
        assertThat(engineFirst.html()).as("the first call keeps the engine's default").isEqualTo(RunTestsStep.HTML);
        assertThat(engineFirst.normalisedJUnitXml()).isEqualTo(RunTestsStep.PUBLISHED_JUNIT_XML);

        Map<String, Object> second = new RunTestsStep().request(2, true);
        second.put("commandExitCode", 0);
        TestsRequest engineSecond = Json.read(Json.MAPPER.valueToTree(second), TestsRequest.class, "runTests");
        assertThat(engineSecond.html()).isEqualTo("slipway/tests-2/index.html");
        assertThat(engineSecond.normalisedJUnitXml()).isEqualTo("slipway/tests-2/junit.xml");

        RunTestsStep named = new RunTestsStep();
        named.setHtml("out/tests.html");
        named.setNormalisedJUnitXml("out/junit.xml");
        assertThat(named.request(3, true)).containsEntry("html", "out/tests.html")
                .containsEntry("normalisedJUnitXml", "out/junit.xml");
    }

    @Test
    void shouldWriteNoNormalisedCopyWhenNothingIsPublished() throws Exception {
        Map<String, Object> request = new RunTestsStep().request(1, false);
        request.put("commandExitCode", 0);
        TestsRequest parsed = Json.read(Json.MAPPER.valueToTree(request), TestsRequest.class, "runTests");
        assertThat(parsed.normalisedJUnitXml()).as("publishJUnit: false, or no junit plugin").isEmpty();
        assertThat(new RunTestsStep().request(2, false)).containsEntry("normalisedJUnitXml", "");

        RunTestsStep named = new RunTestsStep();
        named.setPublishJUnit(false);
        named.setNormalisedJUnitXml("out/junit.xml");
        assertThat(named.request(1)).as("a path the user gave is written all the same")
                .containsEntry("normalisedJUnitXml", "out/junit.xml");
        RunTestsStep off = new RunTestsStep();
        off.setPublishJUnit(false);
        assertThat(off.request(1)).containsEntry("normalisedJUnitXml", "");
    }
}
