package io.jenkins.plugins.slipway.jenkins.metrics;

import hudson.Extension;
import io.jenkins.plugins.slipway.jenkins.SlipwayBuilder;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step of {@code codeMetrics}: runs its {@link CodeMetricsStep} exactly as a Pipeline does. */
public final class CodeMetricsBuilder extends SlipwayBuilder {
    private CodeMetricsStep step;

    @DataBoundConstructor
    public CodeMetricsBuilder(CodeMetricsStep step) {
        this.step = step;
    }

    /** A saved configuration without the nested step (hand-written {@code config.xml}, Job DSL) loads with the defaults. */
    protected Object readResolve() {
        if (step == null) {
            step = new CodeMetricsStep();
        }
        return this;
    }

    public CodeMetricsStep getStep() {
        return step;
    }

    @Override
    protected CodeMetricsStep step() {
        return step;
    }

    /** The builder's descriptor: the form is the step's own. */
    @Extension
    public static final class DescriptorImpl extends SlipwayBuilderDescriptor {
        public DescriptorImpl() {
            super("Slipway: code metrics (PMD, duplication, size, coverage) with a quality gate", CodeMetricsStep.class);
        }
    }
}
