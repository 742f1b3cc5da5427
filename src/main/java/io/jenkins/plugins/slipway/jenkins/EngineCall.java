package io.jenkins.plugins.slipway.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.bridge.PlainData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One step's access to the engine, for Pipeline steps and freestyle builders alike: resolve the build's context,
 * run an engine task on the agent (and with it the user's own commands: tests, the app under test), record the
 * outcome on the build. This is the whole Jenkins-facing glue; everything else is plain code.
 */
public final class EngineCall {
    /** Seconds the engine gets to clean up after an abort. */
    static final int GRACE_SECONDS = 30;

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;
    private final EnvVars env;
    /** The Pipeline node the step runs as; null in a freestyle build. */
    private final FlowNode node;
    /** The step's function name. */
    private final String step;
    /** 1 for the first call of the step in the build, n for the n-th ({@link StageAction#claim}). */
    private final int index;

    /** The {@code index}-th call of {@code step} in a freestyle build. */
    public EngineCall(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, EnvVars env,
            String step, int index) {
        this(run, workspace, launcher, listener, env, null, step, index);
    }

    private EngineCall(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, EnvVars env,
            FlowNode node, String step, int index) {
        this.node = node;
        this.step = step;
        this.index = Math.max(1, index);
        this.run = run;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
        this.env = env;
    }

    /** The {@code index}-th call of {@code step} in a Pipeline, as its step context gives it. */
    public static EngineCall of(StepContext context, String step, int index) throws IOException, InterruptedException {
        return new EngineCall(context.get(Run.class), context.get(FilePath.class), context.get(Launcher.class),
                context.get(TaskListener.class), context.get(EnvVars.class), context.get(FlowNode.class), step, index);
    }

    /** The step's function name. */
    public String step() {
        return step;
    }

    /**
     * 1 for the first call of the step in this build, n for the n-th: the number its stage page's URL carries and
     * from which its default file paths are derived ({@link #ownFile}, {@link #ownFolder}).
     */
    public int index() {
        return index;
    }

    /** This call's own place for a file whose first call's default is {@code firstCallPath} ({@link CallPaths#file}). */
    public String ownFile(String firstCallPath) {
        return CallPaths.file(firstCallPath, index);
    }

    /** This call's own folder whose first call's default is {@code firstCallFolder} ({@link CallPaths#folder}). */
    public String ownFolder(String firstCallFolder) {
        return CallPaths.folder(firstCallFolder, index);
    }

    /** Closes this call's line of the Slipway box when it stopped before recording its outcome (an exception). */
    void closeIfRunning(String status, String summary) {
        SlipwayRunAction.closeIfRunning(run, step, index, status, summary);
    }

    /** The Pipeline node of the step, or null in a freestyle build. */
    public FlowNode node() {
        return node;
    }

    public Run<?, ?> run() {
        return run;
    }

    public FilePath workspace() {
        return workspace;
    }

    public Launcher launcher() {
        return launcher;
    }

    public TaskListener listener() {
        return listener;
    }

    public EnvVars env() {
        return env;
    }

    /** A build identifier for the engine (idempotency tokens, release ids): {@code <job>#<number>}. */
    public String buildId() {
        return run.getExternalizableId();
    }

    /**
     * Runs {@code task} in the engine on the workspace's machine and returns its reply. Request and reply cross the
     * agent channel as plain data (maps, lists, strings, numbers, booleans). Secrets travel on the engine's standard
     * input only.
     */
    public EngineReply invoke(String step, String task, Map<String, Object> request, Map<String, String> secrets)
            throws IOException, InterruptedException {
        Map<String, Object> envelope = envelope(step, task, request, secrets);
        String jar = EngineInstaller.ensure(workspace, listener, setting("SLIPWAY_ENGINE_CACHE"));
        Map<String, Object> reply = workspace.act(new EngineCallable(List.of("-jar", jar), jvmOptions(), envelope, env,
                listener, GRACE_SECONDS));
        return EngineReply.of(step, reply);
    }

    /** Runs the prepared work in the engine and waits for its reply ({@link #invoke(String, String, Map, Map)}). */
    public EngineReply invoke(EngineWork work) throws IOException, InterruptedException {
        return invoke(work.step(), work.task(), work.request(), work.secrets());
    }

    /**
     * Starts the prepared work in the engine on the workspace's machine, detached from this JVM and from the agent's
     * connection, with its control files in {@code controlDir} (on that machine); returns once the engine has its
     * request. {@link DurableExecution} follows it from there.
     */
    void launch(EngineWork work, String controlDir) throws IOException, InterruptedException {
        Map<String, Object> envelope = envelope(work.step(), work.task(), work.request(), work.secrets());
        String jar = EngineInstaller.ensure(workspace, listener, setting("SLIPWAY_ENGINE_CACHE"));
        workspace.act(new DetachedCalls.Start(List.of("-jar", jar), jvmOptions(), envelope, env, GRACE_SECONDS,
                controlDir));
    }

    private Map<String, Object> envelope(String step, String task, Map<String, Object> request,
            Map<String, String> secrets) throws IOException, InterruptedException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("task", task);
        try {
            envelope.put("request", PlainData.copyOf(request, "the request of " + step));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        envelope.put("secrets", secrets);
        envelope.put("prefix", "[" + step + "] ");
        envelope.put("debug", "true".equals(env.get("SLIPWAY_DEBUG")));
        workspace.mkdirs();
        return envelope;
    }

    /** A build variable, else the default from the Slipway section of the system configuration. */
    private String setting(String variable) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        SlipwayGlobalConfiguration defaults = SlipwayGlobalConfiguration.getOrNull();
        if (defaults == null) {
            return value;
        }
        return variable.equals("SLIPWAY_ENGINE_CACHE") ? defaults.getCacheDirectory() : defaults.getEngineJvmOptions();
    }

    private List<String> jvmOptions() {
        String opts = setting("SLIPWAY_ENGINE_JAVA_OPTS");
        List<String> list = new ArrayList<>();
        if (opts != null) {
            for (String o : opts.trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    list.add(o);
                }
            }
        }
        return list;
    }

    /**
     * Records the reply on the build and applies its verdict: marks the build UNSTABLE or FAILURE, or stops it with
     * a clean {@link AbortException}. Returns the plain map for the Pipeline script.
     */
    public Map<String, Object> finish(String step, EngineReply reply, long startedNanos, boolean stopOnFailure)
            throws AbortException {
        return finishAfter(step, reply, (System.nanoTime() - startedNanos) / 1_000_000, stopOnFailure);
    }

    /** As {@link #finish}, for the prepared {@code work}: its time counts from when the step prepared it. */
    public Map<String, Object> finish(EngineWork work, EngineReply reply, boolean stopOnFailure) throws AbortException {
        return finishAfter(work.step(), reply, Math.max(0, System.currentTimeMillis() - work.startedMillis()),
                stopOnFailure);
    }

    private Map<String, Object> finishAfter(String step, EngineReply reply, long millis, boolean stopOnFailure)
            throws AbortException {
        String report = StageReports.archive(this, step, reply, index);
        SlipwayRunAction.close(run, step, index, reply.status(), reply.summary(), millis, report);
        // the engine has already printed its result line ("<OUTCOME>: <summary>"); only the build's fate is added
        switch (reply.verdict(stopOnFailure)) {
            case SUCCESS:
                break;
            case UNSTABLE:
                listener.getLogger().println("[" + step + "] build marked UNSTABLE");
                run.setResult(Result.UNSTABLE);
                if (node != null) { // stage views show the stage as unstable, as for the junit and unstable steps
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(reply.summary()));
                }
                break;
            case FAILURE:
                listener.error("[" + step + "] build marked FAILURE");
                run.setResult(Result.FAILURE);
                break;
            default:
                throw new AbortException(reply.message());
        }
        return reply.toStepValue();
    }
}
