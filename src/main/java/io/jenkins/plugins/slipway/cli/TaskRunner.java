package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.QuietWatch;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.git.CommitInfo;
import io.jenkins.plugins.slipway.engine.git.GitService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs one task and writes its result envelope: {@code {"task", "outcome", "summary", "result"}} on success,
 * {@code {"task", "error": {"kind", "message"}}} on an error. The same code serves the CLI and the bridge.
 */
public final class TaskRunner {

    private TaskRunner() {
    }

    /** Runs the task; returns the exit code (0 passed, 1 failed or unstable, 2 bad input, 3 environment). */
    public static int run(String taskName, JsonNode request, TaskContext context, Path resultFile)
            throws InterruptedException {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("task", taskName);
        FutureTask<CommitInfo> commitInfo = readCommitMeanwhile(context.workDir());
        int exit;
        try (QuietWatch watch = QuietWatch.start(context.log(), taskName, QuietWatch.QUIET)) {
            StageResult result = runInto(envelope, task(taskName), request,
                    new TaskContext(watch.log(), context.secrets(), context.workDir()), commitInfo);
            exit = result.exitCode();
            context.log().info(result.outcome() + ": " + result.summary());
        } catch (SlipwayException e) {
            ObjectNode error = envelope.putObject("error");
            error.put("kind", e.kind().name());
            error.put("message", context.secrets().redact(e.getMessage()));
            context.log().error(e.getMessage());
            context.log().debug(stackTrace(e));
            exit = e.kind().exitCode();
        }
        if (resultFile != null) {
            try {
                Json.writeFile(resultFile, envelope);
            } catch (IOException e) {
                context.log().error("Cannot write the result to " + resultFile + ": " + e.getMessage());
                return 3;
            }
        }
        return exit;
    }

    /** Runs the task and fills the envelope: outcome, summary, result, commit and the task's own fields. */
    private static <Q, R extends StageResult> R runInto(ObjectNode envelope, EngineTask<Q, R> task, JsonNode request,
            TaskContext context, FutureTask<CommitInfo> commitInfo) throws SlipwayException, InterruptedException {
        R result = invoke(task, request, context);
        envelope.put("outcome", result.outcome().name());
        envelope.put("summary", result.summary());
        envelope.set("result", Json.MAPPER.valueToTree(result));
        JsonNode commit = Json.MAPPER.valueToTree(commitOf(commitInfo, context.workDir()));
        envelope.set("commit", commit);
        task.epilogue().fields(result, commit, context).forEach(envelope::set);
        return result;
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
        return invoke(task(taskName), request, context);
    }

    private static EngineTask<?, ?> task(String taskName) throws SlipwayException {
        return EngineTasks.byName(taskName).orElseThrow(() -> new SlipwayException(
                SlipwayException.Kind.BAD_INPUT, "Unknown task '" + taskName + "'. Known tasks: "
                + EngineTasks.all().stream().map(EngineTask::name).toList()
                + ". Is the engine on the agent older than the plugin?"));
    }

    /** Reads the request as the task's type (a missing request is an empty one) and runs the task. */
    private static <Q, R extends StageResult> R invoke(EngineTask<Q, R> task, JsonNode request, TaskContext context)
            throws SlipwayException, InterruptedException {
        Q typed = Json.read(request == null || request.isNull() ? Json.MAPPER.createObjectNode() : request,
                task.requestType(), "Parameters of '" + task.name() + "'");
        return task.run(typed, context);
    }

    static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /** A log for a CLI command that also prints results. */
    static Log log(CommonOptions options, String prefix) {
        return options.log(prefix, io.jenkins.plugins.slipway.engine.core.Secrets.none());
    }
}
