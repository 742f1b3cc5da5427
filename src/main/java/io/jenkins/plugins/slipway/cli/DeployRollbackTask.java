package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult;
import io.jenkins.plugins.slipway.engine.deploy.DeployRollbackRequest;
import io.jenkins.plugins.slipway.engine.deploy.DeployService;

/** Task {@code deploy-rollback}: every host back to a named release. */
final class DeployRollbackTask implements EngineTask<DeployRollbackRequest, DeployResult> {
    @Override
    public String name() {
        return "deploy-rollback";
    }

    @Override
    public Class<DeployRollbackRequest> requestType() {
        return DeployRollbackRequest.class;
    }

    @Override
    public DeployResult run(DeployRollbackRequest request, TaskContext context) throws SlipwayException, InterruptedException {
        return new DeployService().rollback(request, context);
    }
}
