package io.jenkins.plugins.slipway.jenkins.ec2;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.slipway.jenkins.SlipwayBuilder;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundConstructor;

/** The freestyle build step of {@code ec2Launch}: runs its {@link Ec2LaunchStep} exactly as a Pipeline does. */
public final class Ec2LaunchBuilder extends SlipwayBuilder {
    private Ec2LaunchStep step;

    @DataBoundConstructor
    public Ec2LaunchBuilder(Ec2LaunchStep step) {
        this.step = step;
    }

    /** A saved configuration without the nested step (hand-written {@code config.xml}, Job DSL) loads with the defaults. */
    protected Object readResolve() {
        if (step == null) {
            step = new Ec2LaunchStep(null);
        }
        return this;
    }

    public Ec2LaunchStep getStep() {
        return step;
    }

    @Override
    protected Ec2LaunchStep step() {
        return step;
    }

    /** Without a result file the hosts go to {@code slipway-ec2-<fleet>.json}, the shape {@code sshDeploy}'s hostsFile reads. */
    @Override
    protected String defaultResultFile() {
        return "slipway-ec2-" + step.getFleet() + ".json";
    }

    @Override
    protected void checkRunnable() throws IOException {
        if (step.getFleet() == null || step.getFleet().isBlank()) {
            throw new AbortException("This ec2Launch build step has no fleet (its saved configuration has no"
                    + " <step><fleet> element): open the job's configuration, set Fleet and save.");
        }
    }

    /** The builder's descriptor: the form is the step's own. */
    @Extension
    public static final class DescriptorImpl extends SlipwayBuilderDescriptor {
        public DescriptorImpl() {
            super("Slipway: ensure an EC2 fleet is running and reachable", Ec2LaunchStep.class);
        }
    }
}
