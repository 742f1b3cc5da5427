package io.jenkins.plugins.slipway.jenkins.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.bridge.MiniJson;
import io.jenkins.plugins.slipway.jenkins.EngineBinding;
import io.jenkins.plugins.slipway.request.metrics.GateSeverity;
import io.jenkins.plugins.slipway.request.metrics.MetricsGates;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeMetricsStepTest {

    @Test
    void shouldBindEveryFieldOfTheStepIntoTheEnginesRecord() throws Exception {
        CodeMetricsStep step = new CodeMetricsStep();
        step.setSourceRoots("src, lib\nweb");
        step.setIncludes("**/*.java");
        step.setExcludes("**/generated/**");
        step.setJavaRuleSets("rulesets/java/quickstart.xml, category/java/bestpractices.xml");
        step.setJavascriptRuleSets("none");
        step.setAuxClasspath("target/classes:lib/a.jar");
        step.setAnalysers("PMD, pylint");
        step.setReports("reports/*.sarif");
        step.setTrustRepositoryConfig(true);
        step.setCacheFile("/var/cache/pmd.cache");
        step.setCpdMinimumTokens(75);
        step.setCoverageReports("**/jacoco.xml");
        step.setCoverageClassDirs("target/classes");
        step.setOutputDir("out/metrics");
        step.setMaxViolations("1=0, total=200");
        step.setMaxDuplicatedLinesPercent(3.5);
        step.setMinLineCoverage(80.0);
        step.setMaxViolationsPer1000Lines(4.5);
        step.setNoNewHighPriorityViolations(true);
        step.setMaxCoverageDrop(0.5);
        step.setGateSeverity("newHighPriority=failed, coverage=Unstable");

        MetricsRequest parsed = EngineBinding.bind("metrics", step.request(null, "/ws@tmp/slipway-metrics/baseline.json"),
                MetricsRequest.class);

        assertThat(parsed).isEqualTo(new MetricsRequest(List.of("src", "lib", "web"), List.of("**/*.java"),
                List.of("**/generated/**"), List.of("rulesets/java/quickstart.xml", "category/java/bestpractices.xml"),
                List.of(), "target/classes:lib/a.jar", 75, "/var/cache/pmd.cache", "/ws@tmp/slipway-metrics/baseline.json",
                List.of("**/jacoco.xml"), List.of("target/classes"),
                new MetricsGates(Map.of("1", 0, "total", 200), 3.5, 80.0, 4.5, true, 0.5,
                        Map.of("newHighPriority", GateSeverity.FAILED, "coverage", GateSeverity.UNSTABLE)),
                "out/metrics", List.of("pmd", "pylint"), List.of("reports/*.sarif"), true));
        assertThat(parsed.gates().severityOf("density")).isEqualTo(GateSeverity.UNSTABLE);
    }

    @Test
    void shouldLeaveUnsetFieldsToTheRecordsDefaults() throws Exception {
        CodeMetricsStep step = new CodeMetricsStep();
        step.setCacheFile("none");

        MetricsRequest parsed = EngineBinding.bind("metrics", step.request(null, null), MetricsRequest.class);

        assertThat(parsed).isEqualTo(MetricsRequest.defaults());
        assertThat(parsed.analysers()).as("null: PMD and every Python analyser installed").isNull();
    }

    @Test
    void shouldRefuseMalformedPairs() throws Exception {
        CodeMetricsStep step = new CodeMetricsStep();
        step.setCacheFile("none");
        step.setMaxViolations("1:0");
        assertThatThrownBy(() -> step.request(null, null)).hasMessageContaining("maxViolations")
                .hasMessageContaining("'1:0'");
        step.setMaxViolations("1=zero");
        assertThatThrownBy(() -> step.request(null, null)).hasMessageStartingWith("codeMetrics: ")
                .hasMessageContaining("whole number");
        step.setMaxViolations(null);
        step.setGateSeverity("density=passed");
        assertThatThrownBy(() -> step.request(null, null)).hasMessageContaining("gates.severity.density")
                .hasMessageContaining("UNSTABLE or FAILED");
    }

    @Test
    void shouldTurnAnEngineResultIntoTheBuildActionsFigures() {
        Map<String, Object> result = MiniJson.parseObject("{\"outcome\":\"UNSTABLE\",\"summary\":\"s\","
                + "\"size\":{\"files\":3,\"codeLines\":1200},"
                + "\"violations\":{\"total\":9,\"byPriority\":{\"1\":1,\"2\":2,\"3\":6}},"
                + "\"duplication\":{\"duplicatedLinesPercent\":4.25},\"coverage\":{\"linePercent\":81.5},"
                + "\"gates\":[{\"passed\":false,\"message\":\"m1\"}],"
                + "\"skippedFiles\":[{\"file\":\"B.java\",\"tool\":\"pmd\",\"reason\":\"parse\"}]}");

        CodeMetricsAction action = CodeMetricsAction.fromResult(io.jenkins.plugins.slipway.bridge.PlainData.toRecord(result,
                io.jenkins.plugins.slipway.request.metrics.MetricsReply.class, "the result"), "slipway-metrics/index.html");

        assertThat(action.getStatus()).isEqualTo("UNSTABLE");
        assertThat(action.getFiles()).isEqualTo(3);
        assertThat(action.getViolations()).isEqualTo(9);
        assertThat(action.getHighPriorityViolations()).isEqualTo(3);
        assertThat(action.getGateMessages()).containsExactly("MISSED: m1");
        assertThat(action.getSkippedFiles()).containsExactly("B.java (pmd): parse");
        assertThat(action.trendPoint("#7").getCoveragePercent()).isEqualTo(81.5);
        assertThat(action.trendPoint("#7").getDuplicationPercent()).isEqualTo(4.25);
        assertThat(action.trendPoint("#7").getLinesOfCode()).isEqualTo(1200.0);
        assertThat(action.getReportUrl()).isEqualTo("../artifact/slipway-metrics/index.html");
        assertThat(CodeMetricsAction.fromResult(io.jenkins.plugins.slipway.bridge.PlainData.toRecord(Map.of(),
                io.jenkins.plugins.slipway.request.metrics.MetricsReply.class, "the result"), null).trendPoint("#1").getCoveragePercent()).isNull();
    }

    @Test
    void shouldGiveALaterCallItsOwnOutputFolderAndCacheUnlessTheyAreGiven() throws Exception {
        CodeMetricsStep step = new CodeMetricsStep();
        step.setCacheFile("none");
        MetricsRequest first = EngineBinding.bind("metrics", step.request(null, null, 1), MetricsRequest.class);
        assertThat(first.outputDir()).as("the first call keeps the engine's default").isEqualTo(CodeMetricsStep.OUTPUT_DIR);
        MetricsRequest second = EngineBinding.bind("metrics", step.request(null, null, 2), MetricsRequest.class);
        assertThat(second.outputDir()).isEqualTo("slipway/metrics-2");
        step.setOutputDir("metrics-out");
        assertThat(step.request(null, null, 2).outputDir()).isEqualTo("metrics-out");
    }
}
