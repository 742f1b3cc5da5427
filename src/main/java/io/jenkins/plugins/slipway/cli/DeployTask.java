package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.deploy.DeployRequest;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult;
import io.jenkins.plugins.slipway.engine.deploy.DeployService;

/** Task {@code deploy}: a release over SSH to every host. */
final class DeployTask implements EngineTask<DeployRequest, DeployResult> {
    @Override
    public String name() {
        return "deploy";
    }

    @Override
    public Class<DeployRequest> requestType() {
        return DeployRequest.class;
    }

    @Override
    public DeployResult run(DeployRequest request, TaskContext context) throws SlipwayException, InterruptedException {
        return new DeployService().deploy(request, context);
    }
}
