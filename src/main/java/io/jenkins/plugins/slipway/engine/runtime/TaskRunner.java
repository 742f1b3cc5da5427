package io.jenkins.plugins.slipway.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.QuietWatch;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.core.Timeline;
import io.jenkins.plugins.slipway.engine.git.CommitInfo;
import io.jenkins.plugins.slipway.engine.git.GitService;
import io.jenkins.plugins.slipway.request.Capability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs one task and writes its result envelope ({@link ResultEnvelope}): {@code {"schemaVersion", "command",
 * "outcome", "summary", "result", "commit"}}, with {@code "error": {"kind", "message"}} and outcome ERROR on an error;
 * {@code "task"} (the envelope's name for the command before) stays for one release. The same code serves the CLI and
 * the bridge; for the bridge the commit is always an object ({@code found} false outside a repository).
 */
public final class TaskRunner {

    private TaskRunner() {
    }

    /** Runs the task; returns the exit code (0 passed, 1 failed or unstable, 2 bad input, 3 environment). */
    public static int run(String taskName, JsonNode request, TaskContext context, Path resultFile)
            throws InterruptedException {
        return run(taskName, c -> runTask(taskName, request, c), context, resultFile, false);
    }

    /**
     * {@link #run(String, JsonNode, TaskContext, Path)} for a request given as plain values (the bridge's envelope,
     * read without Jackson): a short task with nothing to bind never sets Jackson up.
     */
    public static int run(String taskName, Map<String, Object> request, TaskContext context, Path resultFile)
            throws InterruptedException {
        return run(taskName, c -> runTask(taskName, request, c), context, resultFile, false);
    }

    /**
     * {@link #run(String, Map, TaskContext, Path)} for the bridge: the envelope's commit is an object even outside a
     * repository ({@code found} false, with the reason), as the steps return it.
     */
    public static int runForBridge(String taskName, Map<String, Object> request, TaskContext context, Path resultFile)
            throws InterruptedException {
        return run(taskName, c -> runTask(taskName, request, c), context, resultFile, true);
    }

    private static final java.util.Set<String> WARMING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Starts the task's warm-up ({@link EngineTask#warmUp}) on its own thread, once per JVM; {@link #run} does it
     * before binding the request, and a caller that binds the request itself (the CLI) calls it before that.
     */
    public static void warmUp(String taskName, TaskContext context) {
        if (WARMING.add(taskName)) {
            EngineTasks.byName(taskName).ifPresent(task -> task.startWarmUp(context));
        }
    }

    /** One task run against a context. */
    private interface Run {
        StageResult in(TaskContext context) throws SlipwayException, InterruptedException;
    }

    private static int run(String taskName, Run task, TaskContext context, Path resultFile, boolean bridge)
            throws InterruptedException {
        Map<String, Object> envelope = ResultEnvelope.start(ResultEnvelope.commandOfTask(taskName));
        FutureTask<CommitInfo> commitInfo = readCommitMeanwhile(context.workDir());
        int exit;
        try (QuietWatch watch = QuietWatch.start(context.log(), taskName, QuietWatch.QUIET)) {
            EngineTask<?, ?> engineTask = task(taskName);
            TaskContext watched = new TaskContext(watch.log(), context.secrets(), context.workDir());
            warmUp(taskName, watched);
            StageResult result = task.in(watched);
            Timeline.mark("task-done");
            envelope.put("outcome", result.outcome().name());
            envelope.put("summary", result.summary());
            envelope.put("result", result);
            CommitInfo commit = commitOf(commitInfo, context.workDir());
            Timeline.mark("commit-read");
            envelope.put("commit", bridge ? commit : ResultEnvelope.commit(commit));
            if (engineTask.epilogue() != EngineTask.NO_EPILOGUE) {
                // only tasks that add fields pay for Jackson's tree of the commit
                envelope.putAll(epilogue(engineTask, result, Json.MAPPER.valueToTree(commit), watched));
            }
            exit = result.exitCode();
            // a task that judges nothing (version) has no outcome to print, only what it found
            context.log().info(Capability.VERSION.task().equals(taskName) ? result.summary()
                    : result.outcome() + ": " + result.summary());
        } catch (SlipwayException e) {
            String message = context.secrets().redact(e.getMessage());
            CommitInfo commit = commitOf(commitInfo, context.workDir());
            envelope.putAll(ResultEnvelope.error(ResultEnvelope.commandOfTask(taskName), e.kind(), message,
                    bridge ? null : commit));
            if (bridge) {
                envelope.put("commit", commit);
            }
            context.log().error(e.getMessage());
            context.log().debug(stackTrace(e));
            exit = e.kind().exitCode();
        }
        envelope.put("task", taskName); // the envelope's name for the command before schemaVersion 1
        if (resultFile != null) {
            try {
                ResultEnvelope.write(resultFile, envelope);
                Timeline.mark("result-written");
            } catch (IOException | RuntimeException e) {
                context.log().error("Cannot write the result to " + resultFile + ": " + e.getMessage());
                return 3;
            }
        }
        return exit;
    }

    /** The task's own envelope fields ({@link EngineTask#epilogue()}) for its result. */
    @SuppressWarnings("unchecked")
    private static Map<String, JsonNode> epilogue(EngineTask<?, ?> task, StageResult result, JsonNode commit,
            TaskContext context) {
        return ((EngineTask.Epilogue<StageResult>) task.epilogue()).fields(result, commit, context);
    }

    /**
     * Reads the workspace's commit (for the result envelope) on its own thread while the task runs: JGit's start-up
     * then overlaps the task's instead of adding to it. The status scan is left out, as before: it costs a walk of
     * the whole working tree.
     */
    private static FutureTask<CommitInfo> readCommitMeanwhile(Path workDir) {
        FutureTask<CommitInfo> read = new FutureTask<>(() -> new GitService().commitInfo(workDir, false));
        Thread reader = new Thread(read, "slipway-commit");
        reader.setDaemon(true);
        reader.start();
        return read;
    }

    private static CommitInfo commitOf(FutureTask<CommitInfo> read, Path workDir) throws InterruptedException {
        try {
            return read.get();
        } catch (ExecutionException e) {
            // commitInfo catches what JGit throws; an Error in it must still not cost the task's result
            return CommitInfo.notFound("cannot read the git repository at or above " + workDir + ": " + e.getCause());
        }
    }

    /** Runs a task by name and returns its typed result (for the pipeline and the CLI commands). */
    public static StageResult runTask(String taskName, JsonNode request, TaskContext context)
            throws SlipwayException, InterruptedException {
        return invoke(task(taskName), request == null || request.isNull() ? Json.MAPPER.createObjectNode() : request,
                context);
    }

    private static EngineTask<?, ?> task(String taskName) throws SlipwayException {
        return EngineTasks.byName(taskName).orElseThrow(() -> new SlipwayException(
                SlipwayException.Kind.BAD_INPUT, "Unknown task '" + taskName + "'. Known tasks: "
                + EngineTasks.all().stream().map(EngineTask::name).toList()
                + ". Is the engine on the agent older than the plugin?"));
    }

    /** {@link #runTask(String, JsonNode, TaskContext)} for a request given as plain values. */
    public static StageResult runTask(String taskName, Map<String, Object> request, TaskContext context)
            throws SlipwayException, InterruptedException {
        return invoke(task(taskName), request, context);
    }

    private static <Q, R extends StageResult> R invoke(EngineTask<Q, R> task, Map<String, Object> request,
            TaskContext context) throws SlipwayException, InterruptedException {
        Q typed = Json.read(Json.MAPPER.valueToTree(request == null ? Map.of() : request), task.requestType(),
                "Parameters of '" + task.name() + "'");
        Timeline.mark("request-bound");
        return task.run(typed, context);
    }

    private static <Q, R extends StageResult> R invoke(EngineTask<Q, R> task, JsonNode request, TaskContext context)
            throws SlipwayException, InterruptedException {
        // every problem of the request at once, not one per run
        Q typed = RequestProblems.read(request, task.requestType(), "Parameters of '" + task.name() + "'");
        Timeline.mark("request-bound");
        return task.run(typed, context);
    }

    static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

}
