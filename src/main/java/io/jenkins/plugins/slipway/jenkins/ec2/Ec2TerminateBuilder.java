package io.jenkins.plugins.slipway.jenkins.ec2;

import hudson.Extension;
import io.jenkins.plugins.slipway.jenkins.SlipwayBuilder;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step of {@code ec2Terminate}: runs its {@link Ec2TerminateStep} exactly as a Pipeline does. */
public final class Ec2TerminateBuilder extends SlipwayBuilder {
    private Ec2TerminateStep step;

    @DataBoundConstructor
    public Ec2TerminateBuilder(Ec2TerminateStep step) {
        this.step = step;
    }

    /** A saved configuration without the nested step (hand-written {@code config.xml}, Job DSL) loads with the defaults. */
    protected Object readResolve() {
        if (step == null) {
            step = new Ec2TerminateStep();
        }
        return this;
    }

    public Ec2TerminateStep getStep() {
        return step;
    }

    @Override
    protected Ec2TerminateStep step() {
        return step;
    }

    /** The builder's descriptor: the form is the step's own. */
    @Extension
    public static final class DescriptorImpl extends SlipwayBuilderDescriptor {
        public DescriptorImpl() {
            super("Slipway: terminate an EC2 fleet", Ec2TerminateStep.class);
        }
    }
}
