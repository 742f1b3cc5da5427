package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.metrics.MetricsException;
import io.jenkins.plugins.slipway.engine.metrics.MetricsRequest;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult;
import io.jenkins.plugins.slipway.engine.metrics.MetricsService;

/** Task {@code metrics}: static analysis, duplication, size and coverage, with a quality gate. */
final class MetricsTask implements EngineTask<MetricsRequest, MetricsResult> {

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public Class<MetricsRequest> requestType() {
        return MetricsRequest.class;
    }

    @Override
    public MetricsResult run(MetricsRequest request, TaskContext context) throws MetricsException,
            InterruptedException {
        return new MetricsService().run(request, context);
    }
}
