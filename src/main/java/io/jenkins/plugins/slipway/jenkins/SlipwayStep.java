package io.jenkins.plugins.slipway.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The one parameter class of a Slipway capability. Its work has three parts: {@link #prepare} on the controller
 * (parameters, credentials, the engine request), the engine task on the agent, {@link #complete} on the controller
 * with the engine's reply (reports, actions, the build's result, the plain Map the Pipeline script sees). A
 * Pipeline runs it durably ({@link DurableExecution}: the engine outlives a controller restart, and the step picks up
 * its log and reply afterwards); a freestyle job runs the three parts one after the other in its
 * {@link SlipwayBuilder} ({@link #run(EngineCall)}). The step is kept in the Pipeline's program state while its
 * engine runs: it holds configuration only (credential ids, never secrets).
 */
public abstract class SlipwayStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Prepares the engine task of this call on the controller: its request and the secrets for its stdin. */
    protected abstract EngineWork prepare(EngineCall call) throws Exception;

    /**
     * Records the engine's result on the build (its Action, reports, published results); called only when the engine
     * gave a result, not an error. Nothing by default.
     */
    protected void record(EngineCall call, EngineWork work, EngineReply reply) throws Exception {
        // a step with nothing to record
    }

    /** Whether a failed or unstable outcome stops the build ({@code true}) or only marks it. */
    protected boolean stopsOnFailure() {
        return true;
    }

    /**
     * The second half of every step, the same for all: {@link #record} the reply, close the call's line of the
     * Slipway box, set the build's result ({@link #stopsOnFailure}), and return the step's plain value
     * (Map/List/String/numbers, {@link EngineReply#toStepValue}).
     */
    protected final Map<String, Object> complete(EngineCall call, EngineWork work, EngineReply reply)
            throws Exception {
        if (!reply.isError()) {
            record(call, work, reply);
        }
        return call.finish(work, reply, stopsOnFailure());
    }

    /**
     * What the step can tell when its engine died before it finished (its machine or JVM went down, or it was
     * killed), from the engine's own log of the run: null when there is nothing beyond the engine's last lines.
     */
    protected String afterEngineDied(EngineWork work, String engineLog) {
        return null;
    }

    /** Runs the step in one go (a freestyle build): prepare, run the engine and wait for it, complete. */
    public final Map<String, Object> run(EngineCall call) throws Exception {
        EngineWork work = prepare(call);
        return complete(call, work, call.invoke(work));
    }

    /** A part of a step's work, run at the edge to Jenkins by {@link #checked}. */
    @FunctionalInterface
    interface Part<T> {
        T run() throws Exception;
    }

    /**
     * Runs the step at the edge to Jenkins: a parameter the user got wrong ({@link IllegalArgumentException} naming
     * it) stops the build with a clean message instead of a stack trace.
     */
    final Map<String, Object> runChecked(EngineCall call) throws Exception {
        return checked(call, () -> run(call));
    }

    /** Runs {@code part}; on an exception closes the call's line of the Slipway box (ERROR or ABORTED) first. */
    static <T> T checked(EngineCall call, Part<T> part) throws Exception {
        try {
            return part.run();
        } catch (IllegalArgumentException e) {
            call.closeIfRunning("ERROR", e.getMessage());
            throw new AbortException(e.getMessage());
        } catch (InterruptedException e) {
            call.closeIfRunning("ABORTED", "aborted");
            throw e;
        } catch (Exception | Error e) {
            call.closeIfRunning("ERROR", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    /**
     * Claims the call's number on the CPS thread, as the script reaches the step: calls in {@code parallel} branches
     * get their numbers (stage URLs, report paths) in the order the script starts them.
     */
    @Override
    public final StepExecution start(StepContext context) throws Exception {
        String name = getDescriptor().getFunctionName();
        return new DurableExecution(context, this, name, StageAction.claim(context.get(Run.class), name));
    }

    /** The descriptor base of every Slipway step: function name, display name, the one required context. */
    public abstract static class SlipwayStepDescriptor extends StepDescriptor {
        private final String functionName;
        private final String displayName;

        protected SlipwayStepDescriptor(String functionName, String displayName) {
            this.functionName = functionName;
            this.displayName = displayName;
        }

        @Override
        public final String getFunctionName() {
            return functionName;
        }

        @Override
        public final String getDisplayName() {
            return displayName;
        }

        /**
         * A form check's answer from the problem its request's check found ({@link
         * io.jenkins.plugins.slipway.request.Checks#problem}): OK for null, else the check's message as an error.
         */
        protected static FormValidation form(String problem) {
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @Override
        public final Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        }
    }
}
