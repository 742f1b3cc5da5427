package io.jenkins.plugins.slipway.jenkins;

import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step whose outcome judges the build (tests, metrics, a browser run, a deploy): {@code stopOnFailure}, declared
 * once here, chooses between marking the build (UNSTABLE or FAILURE) and stopping it. A step that always stops on a
 * failure (EC2, version) has no such parameter and extends {@link SlipwayStep} directly.
 */
public abstract class GatedStep extends SlipwayStep {
    private static final long serialVersionUID = 1L;

    /** Null = the step's default ({@link #stopsOnFailureByDefault}). */
    private Boolean stopOnFailure;

    /** The default of {@code stopOnFailure}: false (mark the build), a deploy's true. */
    protected boolean stopsOnFailureByDefault() {
        return false;
    }

    @Override
    protected final boolean stopsOnFailure() {
        return isStopOnFailure();
    }

    public boolean isStopOnFailure() {
        return stopOnFailure != null ? stopOnFailure : stopsOnFailureByDefault();
    }

    @DataBoundSetter
    public void setStopOnFailure(boolean stopOnFailure) {
        this.stopOnFailure = stopOnFailure;
    }
}
