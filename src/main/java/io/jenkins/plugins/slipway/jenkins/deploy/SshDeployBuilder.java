package io.jenkins.plugins.slipway.jenkins.deploy;

import hudson.Extension;
import io.jenkins.plugins.slipway.jenkins.SlipwayBuilder;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step of {@code sshDeploy}: runs its {@link SshDeployStep} exactly as a Pipeline does. */
public final class SshDeployBuilder extends SlipwayBuilder {
    private SshDeployStep step;

    @DataBoundConstructor
    public SshDeployBuilder(SshDeployStep step) {
        this.step = step;
    }

    /** A saved configuration without the nested step (hand-written {@code config.xml}, Job DSL) loads with the defaults. */
    protected Object readResolve() {
        if (step == null) {
            step = new SshDeployStep(null, null);
        }
        return this;
    }

    public SshDeployStep getStep() {
        return step;
    }

    @Override
    protected SshDeployStep step() {
        return step;
    }

    /** The builder's descriptor: the form is the step's own. */
    @Extension
    public static final class DescriptorImpl extends SlipwayBuilderDescriptor {
        public DescriptorImpl() {
            super("Slipway: deploy a release over SSH", SshDeployStep.class);
        }
    }
}
