package io.jenkins.plugins.slipway.jenkins;

import io.jenkins.plugins.slipway.bridge.MiniJson;
import io.jenkins.plugins.slipway.bridge.PlainData;
import io.jenkins.plugins.slipway.engine.runtime.EngineTasks;
import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.util.Map;

/**
 * A step's request bound as the engine binds it: plain data (as {@link EngineWork} keeps it), the bridge's JSON on
 * the engine's standard input, the task's request record ({@code TaskRunner}'s binding: unknown keys are errors).
 */
public final class EngineBinding {
    private EngineBinding() {
    }

    /** As below, for a step's typed request: the bridge carries it as plain data by its components. */
    public static <Q> Q bind(String task, Record request, Class<Q> type) throws SlipwayException {
        return bind(task, PlainData.copyOf(request, "the request of " + task), type);
    }

    /** The record the engine's {@code task} makes of {@code request}; a misspelt key or a refused value throws. */
    public static <Q> Q bind(String task, Map<String, Object> request, Class<Q> type) throws SlipwayException {
        EngineTask<?, ?> engineTask = EngineTasks.byName(task).orElseThrow(() -> new AssertionError("no task " + task));
        if (engineTask.requestType() != type) {
            throw new AssertionError("task " + task + " takes " + engineTask.requestType().getName() + ", not " + type.getName());
        }
        Map<String, Object> wire = MiniJson.parseObject(MiniJson.write(PlainData.copyOf(request, "the request of " + task)));
        return Json.read(Json.MAPPER.valueToTree(wire), type, "Parameters of '" + task + "'");
    }
}
