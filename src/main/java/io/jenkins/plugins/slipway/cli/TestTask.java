package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.tests.TestsException;
import io.jenkins.plugins.slipway.engine.tests.TestsRequest;
import io.jenkins.plugins.slipway.engine.tests.TestsResult;
import io.jenkins.plugins.slipway.engine.tests.TestsService;

/** Task {@code test}: run the tests and gate on their reports. */
final class TestTask implements EngineTask<TestsRequest, TestsResult> {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Class<TestsRequest> requestType() {
        return TestsRequest.class;
    }

    @Override
    public TestsResult run(TestsRequest request, TaskContext context) throws TestsException, InterruptedException {
        return new TestsService().run(request, context);
    }
}
