package io.jenkins.plugins.slipway.jenkins.tests;

import hudson.Extension;
import io.jenkins.plugins.slipway.jenkins.SlipwayBuilder;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step of {@code runTests}: runs its {@link RunTestsStep} exactly as a Pipeline does. */
public final class RunTestsBuilder extends SlipwayBuilder {
    private RunTestsStep step;

    @DataBoundConstructor
    public RunTestsBuilder(RunTestsStep step) {
        this.step = step;
    }

    /** A saved configuration without the nested step (hand-written {@code config.xml}, Job DSL) loads with the defaults. */
    protected Object readResolve() {
        if (step == null) {
            step = new RunTestsStep();
        }
        return this;
    }

    public RunTestsStep getStep() {
        return step;
    }

    @Override
    protected RunTestsStep step() {
        return step;
    }

    /** The builder's descriptor: the form is the step's own. */
    @Extension
    public static final class DescriptorImpl extends SlipwayBuilderDescriptor {
        public DescriptorImpl() {
            super("Slipway: run the tests and gate on their reports", RunTestsStep.class);
        }
    }
}
