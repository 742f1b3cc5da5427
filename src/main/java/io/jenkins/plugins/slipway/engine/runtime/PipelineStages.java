package io.jenkins.plugins.slipway.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.git.GitService;
import io.jenkins.plugins.slipway.engine.pipeline.SourceInfo;
import io.jenkins.plugins.slipway.engine.pipeline.StageRunner;
import java.nio.file.Path;

/** The pipeline's view of the engine: every task of {@link EngineTasks}, and git for the commits. */
public final class PipelineStages implements StageRunner, SourceInfo {
    private final GitService git = new GitService();

    @Override
    public boolean has(String task) {
        return EngineTasks.byName(task).isPresent();
    }

    @Override
    public StageResult run(String task, JsonNode request, TaskContext context) throws SlipwayException, InterruptedException {
        return TaskRunner.runTask(task, request, context);
    }

    @Override
    public JsonNode commit(Path dir) {
        return Json.MAPPER.valueToTree(git.commitInfo(dir));
    }

    @Override
    public JsonNode commitsBetween(Path dir, String from, String to) {
        try {
            return Json.MAPPER.valueToTree(git.commitsBetween(dir, from, to, 50));
        } catch (SlipwayException e) {
            ArrayNode none = Json.MAPPER.createArrayNode();
            return none; // the report then shows no list of changes; the deploy itself is unaffected
        }
    }
}
