package io.jenkins.plugins.slipway.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The one parameter class of a Slipway capability. A Pipeline runs it as a step (one shared {@link Execution} off
 * the CPS thread); a freestyle job runs it inside its {@link SlipwayBuilder}. Both call {@link #run(EngineCall)}:
 * the same code path, returning the plain Map the Pipeline script sees.
 */
public abstract class SlipwayStep extends Step {

    /** Runs the step against the build's context and returns its plain value (Map/List/String/numbers). */
    public abstract Map<String, Object> run(EngineCall call) throws Exception;

    /**
     * Runs the step at the edge to Jenkins: a parameter the user got wrong ({@link IllegalArgumentException} naming
     * it) stops the build with a clean message instead of a stack trace.
     */
    final Map<String, Object> runChecked(EngineCall call) throws Exception {
        try {
            return run(call);
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
        return new Execution(context, this, name, StageAction.claim(context.get(Run.class), name));
    }

    /**
     * Runs off the CPS thread. The step is not kept in the program state (it is transient): a Slipway step does not
     * survive a controller restart in the middle, it fails and says so.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient SlipwayStep step;
        private final String name;
        private final int index;

        Execution(StepContext context, SlipwayStep step, String name, int index) {
            super(context);
            this.step = step;
            this.name = name;
            this.index = index;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return step.runChecked(EngineCall.of(getContext(), name, index));
        }
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

        @Override
        public final Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        }
    }
}
