package io.jenkins.plugins.slipway.jenkins.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.jenkins.EngineBinding;
import io.jenkins.plugins.slipway.request.Capability;
import io.jenkins.plugins.slipway.request.tests.TestsRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTestsStepTest {

    /** The step's request as the engine binds it (plain data by the record's components, the bridge's JSON). */
    private static TestsRequest engine(TestsRequest request) throws Exception {
        return EngineBinding.bind(Capability.TEST.task(), request, TestsRequest.class);
    }

    @Test
    void shouldDetectAndRunTheProjectsTestsWithNeitherCommandNorReportsAsTheCommandLineDoes() throws Exception {
        RunTestsStep bare = new RunTestsStep();
        assertThat(bare.analysesEarlierReports()).as("runTests(): the engine detects the command").isFalse();
        // what run() sends then: no commandExitCode, so the engine detects and runs the command (PytestRunTest)
        TestsRequest parsed = engine(bare.request(1, true));
        assertThat(parsed.commandExitCode()).isNull();
        assertThat(parsed.commands()).isEmpty();

        RunTestsStep earlier = new RunTestsStep();
        earlier.setReports("build/test-results/**/*.xml");
        assertThat(earlier.analysesEarlierReports()).as("reports of an earlier step, nothing run").isTrue();
        RunTestsStep given = new RunTestsStep();
        given.setCommand("mvn -B verify");
        given.setReports("**/surefire-reports/*.xml");
        assertThat(given.analysesEarlierReports()).isFalse();
        assertThat(engine(given.request(1, true, List.of("set -e\nmvn -B verify"), null)).commands())
                .containsExactly("set -e\nmvn -B verify");
        assertThatThrownBy(() -> given.request(1, true, List.of("mvn -B verify"), 0))
                .as("the record's check, on the controller").isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("runTests: commandExitCode is for analysing").hasMessageContaining("either commands or commandExitCode");
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
        TestsRequest parsed = engine(step.request(1, true, null, 1));

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
        TestsRequest parsed = engine(new RunTestsStep().request(1, true, null, 0));
        TestsRequest defaults = new TestsRequest(null, 0, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        assertThat(parsed).isEqualTo(defaults);
        assertThat(new RunTestsStep().isPublishJUnit()).isTrue();
        assertThat(new RunTestsStep().isStopOnFailure()).isFalse();
    }

    @Test
    void shouldGiveALaterCallItsOwnFilesUnlessTheUserNamedThem() throws Exception {
        TestsRequest engineFirst = engine(new RunTestsStep().request(1, true));
        assertThat(engineFirst.html()).as("the first call keeps the engine's default").isEqualTo(RunTestsStep.HTML);
        assertThat(engineFirst.normalisedJUnitXml()).isEqualTo(RunTestsStep.PUBLISHED_JUNIT_XML);

        TestsRequest engineSecond = engine(new RunTestsStep().request(2, true));
        assertThat(engineSecond.html()).isEqualTo("slipway/tests-2/index.html");
        assertThat(engineSecond.normalisedJUnitXml()).isEqualTo("slipway/tests-2/junit.xml");

        RunTestsStep named = new RunTestsStep();
        named.setHtml("out/tests.html");
        named.setNormalisedJUnitXml("out/junit.xml");
        assertThat(named.request(3, true).html()).isEqualTo("out/tests.html");
        assertThat(named.request(3, true).normalisedJUnitXml()).isEqualTo("out/junit.xml");
    }

    @Test
    void shouldWriteNoNormalisedCopyWhenNothingIsPublished() throws Exception {
        TestsRequest parsed = engine(new RunTestsStep().request(1, false, null, 0));
        assertThat(parsed.normalisedJUnitXml()).as("publishJUnit: false, or no junit plugin").isEmpty();
        assertThat(engine(new RunTestsStep().request(2, false)).normalisedJUnitXml()).isEmpty();

        RunTestsStep named = new RunTestsStep();
        named.setPublishJUnit(false);
        named.setNormalisedJUnitXml("out/junit.xml");
        assertThat(named.request(1).normalisedJUnitXml()).as("a path the user gave is written all the same")
                .isEqualTo("out/junit.xml");
        RunTestsStep off = new RunTestsStep();
        off.setPublishJUnit(false);
        assertThat(off.request(1).normalisedJUnitXml()).isEmpty();
    }
}
