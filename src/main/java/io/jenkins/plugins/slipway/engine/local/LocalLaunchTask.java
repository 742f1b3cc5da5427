package io.jenkins.plugins.slipway.engine.local;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;

/**
 * {@code local-launch}: starts simulated hosts in this JVM. They live as long as the run that started them
 * ({@code slipway run} closes them at its end), so the task is meant for pipelines, not for a single step.
 */
public final class LocalLaunchTask implements EngineTask<LocalLaunchRequest, LocalLaunchResult> {
    @Override
    public String name() {
        return "local-launch";
    }

    @Override
    public Class<LocalLaunchRequest> requestType() {
        return LocalLaunchRequest.class;
    }

    @Override
    public LocalLaunchResult run(LocalLaunchRequest request, TaskContext context) throws SlipwayException {
        return new LocalLaunchService().launch(request, context);
    }
}
