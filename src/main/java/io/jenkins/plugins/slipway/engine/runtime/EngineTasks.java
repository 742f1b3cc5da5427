package io.jenkins.plugins.slipway.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.request.browser.BrowserRequest;
import io.jenkins.plugins.slipway.engine.browser.BrowserService;
import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import io.jenkins.plugins.slipway.engine.deploy.DeployService;
import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;
import io.jenkins.plugins.slipway.request.ec2.Ec2ListRequest;
import io.jenkins.plugins.slipway.engine.ec2.Ec2Service;
import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;
import io.jenkins.plugins.slipway.engine.git.GitService;
import io.jenkins.plugins.slipway.engine.git.GitTagRequest;
import io.jenkins.plugins.slipway.engine.local.LocalLaunchRequest;
import io.jenkins.plugins.slipway.engine.local.LocalLaunchService;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import io.jenkins.plugins.slipway.engine.metrics.MetricsService;
import io.jenkins.plugins.slipway.engine.pipeline.PipelineService;
import io.jenkins.plugins.slipway.request.tests.TestsRequest;
import io.jenkins.plugins.slipway.engine.tests.TestsService;
import io.jenkins.plugins.slipway.request.Capability;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every task the bridge, the CLI and the pipeline can run: the one table of capability → request type → service
 * call ({@link Capability} names each task once, with its JVM profile, command and step). A capability adds its task
 * here, as one line; what is particular to a task (a deploy's list of changes since the
 * release it replaced) is declared on its line, not decided by name elsewhere.
 */
public final class EngineTasks {

    private static final List<EngineTask<?, ?>> ALL = List.of(
            task(Capability.VERSION, VersionTask.Request.class, VersionTask::run),
            task(Capability.PROBE, ProbeTask.Request.class, ProbeTask::run),
            task(Capability.EC2_LAUNCH, Ec2LaunchRequest.class, (q, c) -> new Ec2Service().launch(q, c)),
            task(Capability.EC2_TERMINATE, Ec2TerminateRequest.class, (q, c) -> new Ec2Service().terminate(q, c)),
            task(Capability.EC2_LIST, Ec2ListRequest.class, (q, c) -> new Ec2Service().list(q, c)),
            task(Capability.DEPLOY, DeployRequest.class, (q, c) -> new DeployService().deploy(q, c))
                    .withEpilogue(EngineTasks::releaseChanges).withWarmUp(DeployService::warmUp),
            task(Capability.DEPLOY_ROLLBACK, DeployRollbackRequest.class, (q, c) -> new DeployService().rollback(q, c))
                    .withEpilogue(EngineTasks::releaseChanges).withWarmUp(DeployService::warmUp),
            task(Capability.TEST, TestsRequest.class, (q, c) -> new TestsService().run(q, c)),
            task(Capability.METRICS, MetricsRequest.class, (q, c) -> new MetricsService().run(q, c)),
            task(Capability.BROWSER, BrowserRequest.class, (q, c) -> new BrowserService().run(q, c)),
            task(Capability.LOCAL_LAUNCH, LocalLaunchRequest.class, (q, c) -> new LocalLaunchService().launch(q, c)),
            task(Capability.GIT_TAG, GitTagRequest.class, (q, c) -> new GitService().tag(q, c)));

    private EngineTasks() {
    }

    private static <Q, R extends io.jenkins.plugins.slipway.engine.core.StageResult> EngineTask<Q, R> task(
            Capability capability, Class<Q> requestType, EngineTask.Action<Q, R> action) {
        return EngineTask.of(capability.task(), requestType, action);
    }

    public static List<EngineTask<?, ?>> all() {
        return ALL;
    }

    public static Optional<EngineTask<?, ?>> byName(String name) {
        for (EngineTask<?, ?> task : ALL) {
            if (task.name().equals(name)) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }

    /**
     * A deploy's envelope also says which commits it brings, counted from the release the hosts were on: the
     * build page and the release report show them.
     */
    static Map<String, JsonNode> releaseChanges(DeployResult result, JsonNode commit, TaskContext context) {
        JsonNode changes = PipelineService.releaseChanges(Json.MAPPER.valueToTree(result), commit, context.workDir(),
                new PipelineStages());
        if (changes == null) {
            return Map.of();
        }
        context.log().info("changes since " + changes.path("from").asText() + ": " + changes.path("commits").size()
                + " commit(s)");
        return Map.of("changes", changes);
    }
}
