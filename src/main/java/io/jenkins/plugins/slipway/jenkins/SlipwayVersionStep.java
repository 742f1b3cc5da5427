package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code def engine = slipwayVersion()}: runs the engine on the agent and returns its version, Java and host.
 * The smallest complete path: step → bridge → engine JVM on the agent → result → build Action → plain Map.
 */
public final class SlipwayVersionStep extends Step {

    @DataBoundConstructor
    public SlipwayVersionStep() {
        // no parameters
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context);
    }

    /** Runs off the CPS thread; nothing of it is persisted but the context. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        Execution(StepContext context) {
            super(context);
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            long start = System.nanoTime();
            EngineCall call = EngineCall.of(getContext());
            EngineReply reply = call.invoke(DescriptorImpl.NAME, "version", Map.of(), Map.of());
            return call.finish(DescriptorImpl.NAME, reply, start, true);
        }
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = "slipwayVersion";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: show the engine's version on this agent";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        }
    }
}
