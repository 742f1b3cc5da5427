package io.jenkins.plugins.slipway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import java.util.List;

/**
 * A whole run: every stage's record, the commit, and where the JSON result and the HTML report were written.
 */
public record PipelineResult(String name, Outcome outcome, String summary, String startedAt, long durationMillis,
        String build, JsonNode commit, List<StageRecord> stages, String resultFile, String reportFile) implements StageResult {
}
