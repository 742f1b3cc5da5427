package io.jenkins.plugins.slipway.jenkins.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.bridge.MiniJson;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.metrics.MetricsRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeMetricsStepTest {

    @Test
    void shouldBuildARequestTheEngineAccepts() throws Exception {
        CodeMetricsStep step = new CodeMetricsStep();
        step.setSourceRoots("src, lib\nweb");
        step.setExcludes("**/generated/**");
        step.setJavascriptRuleSets("none");
        step.setCacheFile("/var/cache/pmd.cache");
        step.setCpdMinimumTokens(75);
        step.setMaxViolations("1=0, total=200");
        step.setMaxViolationsPer1000Lines(4.5);
        step.setNoNewHighPriorityViolations(true);
        step.setMaxCoverageDrop(0.5);
        step.setGateSeverity("newHighPriority=failed");

        Map<String, Object> request = step.request(null, "/ws@tmp/slipway-metrics/baseline.json");
        MetricsRequest parsed = Json.MAPPER.readValue(MiniJson.write(request), MetricsRequest.class);

        assertThat(parsed.sourceRoots()).containsExactly("src", "lib", "web");
        assertThat(parsed.javascriptRuleSets()).isEmpty();
        assertThat(parsed.javaRuleSets()).isEqualTo(MetricsRequest.DEFAULT_JAVA_RULES);
        assertThat(parsed.cacheFile()).isEqualTo("/var/cache/pmd.cache");
        assertThat(parsed.cpdMinimumTokens()).isEqualTo(75);
        assertThat(parsed.baseline()).isEqualTo("/ws@tmp/slipway-metrics/baseline.json");
        assertThat(parsed.gates().maxViolations()).isEqualTo(Map.of("1", 0, "total", 200));
        assertThat(parsed.gates().maxViolationsPer1000Lines()).isEqualTo(4.5);
        assertThat(parsed.gates().noNewHighPriorityViolations()).isTrue();
        assertThat(parsed.gates().severityOf("newHighPriority")).isEqualTo(Outcome.FAILED);
        assertThat(parsed.gates().severityOf("density")).isEqualTo(Outcome.UNSTABLE);
    }

    @Test
    void shouldRefuseMalformedPairs() throws Exception {
        CodeMetricsStep step = new CodeMetricsStep();
        step.setCacheFile("none");
        step.setMaxViolations("1:0");
        assertThatThrownBy(() -> step.request(null, null)).hasMessageContaining("maxViolations")
                .hasMessageContaining("'1:0'");
        step.setMaxViolations("1=zero");
        assertThatThrownBy(() -> step.request(null, null)).hasMessageContaining("whole number");
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
        MetricsRequest first = Json.MAPPER.readValue(MiniJson.write(step.request(null, null, 1)), MetricsRequest.class);
        assertThat(first.outputDir()).as("the first call keeps the engine's default").isEqualTo(CodeMetricsStep.OUTPUT_DIR);
        MetricsRequest second = Json.MAPPER.readValue(MiniJson.write(step.request(null, null, 2)), MetricsRequest.class);
        assertThat(second.outputDir()).isEqualTo("slipway/metrics-2");
        step.setOutputDir("metrics-out");
        assertThat(step.request(null, null, 2)).containsEntry("outputDir", "metrics-out");
    }
}
