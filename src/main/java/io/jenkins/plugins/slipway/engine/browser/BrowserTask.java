package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;

/** The engine task {@code browser}. */
public final class BrowserTask implements EngineTask<BrowserRequest, BrowserResult> {

    @Override
    public String name() {
        return "browser";
    }

    @Override
    public Class<BrowserRequest> requestType() {
        return BrowserRequest.class;
    }

    @Override
    public BrowserResult run(BrowserRequest request, TaskContext context) throws SlipwayException, InterruptedException {
        return new BrowserService().run(request, context);
    }
}
