package io.jenkins.plugins.slipway.jenkins.browser;

import hudson.Extension;
import io.jenkins.plugins.slipway.jenkins.SlipwayBuilder;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step of {@code browserTest}: runs its {@link BrowserTestStep} exactly as a Pipeline does. */
public final class BrowserTestBuilder extends SlipwayBuilder {
    private BrowserTestStep step;

    @DataBoundConstructor
    public BrowserTestBuilder(BrowserTestStep step) {
        this.step = step;
    }

    /** A saved configuration without the nested step (hand-written {@code config.xml}, Job DSL) loads with the defaults. */
    protected Object readResolve() {
        if (step == null) {
            step = new BrowserTestStep();
        }
        return this;
    }

    public BrowserTestStep getStep() {
        return step;
    }

    @Override
    protected BrowserTestStep step() {
        return step;
    }

    /** The builder's descriptor: the form is the step's own. */
    @Extension
    public static final class DescriptorImpl extends SlipwayBuilderDescriptor {
        public DescriptorImpl() {
            super("Slipway: browser tests", BrowserTestStep.class);
        }
    }
}
