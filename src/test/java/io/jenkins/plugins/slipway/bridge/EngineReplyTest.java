package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineReplyTest {

    private static EngineReply reply(String json) {
        return EngineReply.of("runTests", EngineReply.transportable(new EngineProcess.Outcome(0, json, List.of())));
    }

    @Test
    void shouldMapOutcomesToVerdicts() {
        String passed = "{\"task\":\"test\",\"outcome\":\"PASSED\",\"summary\":\"12 tests\",\"result\":{\"total\":12}}";
        String unstable = passed.replace("PASSED", "UNSTABLE");
        String failed = passed.replace("PASSED", "FAILED");

        assertThat(reply(passed).verdict(true)).isEqualTo(EngineReply.Verdict.SUCCESS);
        assertThat(reply(unstable).verdict(true)).isEqualTo(EngineReply.Verdict.UNSTABLE);
        assertThat(reply(failed).verdict(false)).isEqualTo(EngineReply.Verdict.FAILURE);
        assertThat(reply(failed).verdict(true)).isEqualTo(EngineReply.Verdict.ABORT);
    }

    @Test
    void shouldGivePipelineScriptsAPlainMapWithStatusFirst() {
        EngineReply reply = reply("{\"outcome\":\"PASSED\",\"summary\":\"ok\",\"result\":{\"total\":3,"
                + "\"status\":\"ignored\",\"suites\":[{\"name\":\"a\"}]}}");

        assertThat(reply.toStepValue()).containsExactly(
                java.util.Map.entry("status", "PASSED"),
                java.util.Map.entry("summary", "ok"),
                java.util.Map.entry("total", 3),
                java.util.Map.entry("suites", List.of(java.util.Map.of("name", "a"))));
    }

    @Test
    void shouldExplainEngineErrors() {
        EngineReply bad = reply("{\"task\":\"test\",\"error\":{\"kind\":\"BAD_INPUT\",\"message\":\"no reports match 'x/*.xml'\"}}");
        assertThat(bad.isError()).isTrue();
        assertThat(bad.verdict(false)).isEqualTo(EngineReply.Verdict.ABORT);
        assertThat(bad.message()).isEqualTo("runTests failed (wrong input): no reports match 'x/*.xml'");
        assertThat(bad.toStepValue()).containsEntry("status", "ERROR");
    }

    @Test
    void shouldExplainAnEngineThatDiedWithoutAResult() {
        EngineReply died = EngineReply.of("runTests",
                new EngineProcess.Outcome(137, null, List.of("Exception in thread main", "java.lang.OutOfMemoryError")));
        assertThat(died.message()).contains("exit code 137").contains("OutOfMemoryError");

        EngineReply garbage = reply("{not json");
        assertThat(garbage.message()).contains("unreadable result");
    }
}
