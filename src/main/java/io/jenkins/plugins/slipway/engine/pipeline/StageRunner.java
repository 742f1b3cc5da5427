package io.jenkins.plugins.slipway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;

/** Runs one engine task by name (the CLI implements it over every task the engine has). */
public interface StageRunner {

    /** Whether this engine build has the task. */
    boolean has(String task);

    StageResult run(String task, JsonNode request, TaskContext context) throws SlipwayException, InterruptedException;
}
