package io.jenkins.plugins.slipway.jenkins.pipeline;

import hudson.Extension;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.SlipwayStep;
import io.jenkins.plugins.slipway.request.Capability;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code def engine = slipwayVersion()}: runs the engine on the agent and returns its version, Java and host.
 * The smallest complete path: step → bridge → engine JVM on the agent → result → build Action → plain Map.
 */
public final class SlipwayVersionStep extends SlipwayStep {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = -2285682195139738792L;
    static final String STEP = Capability.VERSION.step();

    @DataBoundConstructor
    public SlipwayVersionStep() {
        // no parameters
    }

    @Override
    protected EngineWork prepare(EngineCall call) {
        return new EngineWork(STEP, Capability.VERSION.task(), Map.of(), Map.of());
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: show the engine's version on this agent");
        }
    }
}
