package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.ListBoxModel;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** The freestyle form of {@code ec2Terminate}, with the same parameters. */
public final class Ec2TerminateBuilder extends Builder implements SimpleBuildStep {
    private Ec2TerminateStep terminate = new Ec2TerminateStep();

    @DataBoundConstructor
    public Ec2TerminateBuilder() {
        // every parameter is a setter
    }

    /**
     * A saved configuration without the nested element (hand-written {@code config.xml}, Job DSL, an older version)
     * loads with the defaults: XStream does not run field initialisers.
     */
    protected Object readResolve() {
        if (terminate == null) {
            terminate = new Ec2TerminateStep();
        }
        return this;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        Ec2TerminateStep.Execution.terminate(new EngineCall(run, workspace, launcher, listener, env), terminate,
                System.nanoTime());
    }

    public String getFleet() {
        return terminate.getFleet();
    }

    @DataBoundSetter
    public void setFleet(String fleet) {
        terminate.setFleet(fleet);
    }

    public String getInstanceIds() {
        return terminate.getInstanceIds();
    }

    @DataBoundSetter
    public void setInstanceIds(String instanceIds) {
        terminate.setInstanceIds(instanceIds);
    }

    public boolean isExpired() {
        return terminate.isExpired();
    }

    @DataBoundSetter
    public void setExpired(boolean expired) {
        terminate.setExpired(expired);
    }

    public boolean isWaitTerminated() {
        return terminate.isWaitTerminated();
    }

    @DataBoundSetter
    public void setWaitTerminated(boolean waitTerminated) {
        terminate.setWaitTerminated(waitTerminated);
    }

    public Integer getTimeoutSeconds() {
        return terminate.getTimeoutSeconds();
    }

    @DataBoundSetter
    public void setTimeoutSeconds(Integer timeoutSeconds) {
        terminate.setTimeoutSeconds(timeoutSeconds);
    }

    public boolean isDryRun() {
        return terminate.isDryRun();
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        terminate.setDryRun(dryRun);
    }

    public String getRegion() {
        return terminate.getRegion();
    }

    @DataBoundSetter
    public void setRegion(String region) {
        terminate.setRegion(region);
    }

    public String getEndpoint() {
        return terminate.getEndpoint();
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        terminate.setEndpoint(endpoint);
    }

    public String getCredentialsId() {
        return terminate.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        terminate.setCredentialsId(credentialsId);
    }

    public String getRoleArn() {
        return terminate.getRoleArn();
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        terminate.setRoleArn(roleArn);
    }

    public String getExternalId() {
        return terminate.getExternalId();
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        terminate.setExternalId(externalId);
    }

    /** The builder's descriptor. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public String getDisplayName() {
            return "Slipway: terminate an EC2 fleet";
        }

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.aws(item, credentialsId);
        }
    }
}
