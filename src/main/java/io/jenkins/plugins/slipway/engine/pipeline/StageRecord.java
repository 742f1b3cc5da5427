package io.jenkins.plugins.slipway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one stage of a run went.
 *
 * @param status PASSED, UNSTABLE, FAILED, ERROR (the task could not run), SKIPPED (an earlier stage failed) or
 *     NOT_AVAILABLE (this engine build has no such task)
 * @param expected whether the status is the one the stage expected ({@code expect})
 * @param offsetMillis start, counted from the start of the run
 * @param commit the commit the stage's result was made from
 * @param result the task's result as JSON
 * @param error {@code {kind, message}} when the task could not run
 * @param changes for a deploy: the commits between the release that was on the hosts and the one deployed
 */
public record StageRecord(String name, String task, String status, boolean expected, String summary, long offsetMillis,
        long durationMillis, JsonNode commit, JsonNode result, JsonNode error, JsonNode changes) {
}
