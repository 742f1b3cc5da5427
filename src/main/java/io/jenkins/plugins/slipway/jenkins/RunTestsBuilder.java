package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The freestyle build step of {@code runTests}: the same options. */
public final class RunTestsBuilder extends Builder implements SimpleBuildStep {
    private RunTestsOptions options = new RunTestsOptions();

    @DataBoundConstructor
    public RunTestsBuilder() {
        // every parameter is optional
    }

    /**
     * A saved configuration without the nested element (hand-written {@code config.xml}, Job DSL, an older version)
     * loads with the defaults: XStream does not run field initialisers.
     */
    protected Object readResolve() {
        if (options == null) {
            options = new RunTestsOptions();
        }
        return this;
    }

    public String getCommand() {
        return options.command;
    }

    @DataBoundSetter
    public void setCommand(String command) {
        options.command = command;
    }

    public int getTimeoutSeconds() {
        return options.timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        options.timeoutSeconds = timeoutSeconds;
    }

    public String getEnv() {
        return options.env;
    }

    @DataBoundSetter
    public void setEnv(String env) {
        options.env = env;
    }

    public String getWorkdir() {
        return options.workdir;
    }

    @DataBoundSetter
    public void setWorkdir(String workdir) {
        options.workdir = workdir;
    }

    public String getReports() {
        return options.reports;
    }

    @DataBoundSetter
    public void setReports(String reports) {
        options.reports = reports;
    }

    public String getCoverageReports() {
        return options.coverageReports;
    }

    @DataBoundSetter
    public void setCoverageReports(String coverageReports) {
        options.coverageReports = coverageReports;
    }

    public String getCoverageClassDirs() {
        return options.coverageClassDirs;
    }

    @DataBoundSetter
    public void setCoverageClassDirs(String coverageClassDirs) {
        options.coverageClassDirs = coverageClassDirs;
    }

    public boolean isIgnoreStaleReports() {
        return options.ignoreStaleReports();
    }

    @DataBoundSetter
    public void setIgnoreStaleReports(boolean ignoreStaleReports) {
        options.ignoreStaleReports = ignoreStaleReports;
    }

    public boolean isAllowEmptyResults() {
        return options.allowEmptyResults;
    }

    @DataBoundSetter
    public void setAllowEmptyResults(boolean allowEmptyResults) {
        options.allowEmptyResults = allowEmptyResults;
    }

    public int getMaxFailed() {
        return options.maxFailed;
    }

    @DataBoundSetter
    public void setMaxFailed(int maxFailed) {
        options.maxFailed = maxFailed;
    }

    public Double getMinLineCoverage() {
        return options.minLineCoverage;
    }

    @DataBoundSetter
    public void setMinLineCoverage(Double minLineCoverage) {
        options.minLineCoverage = minLineCoverage;
    }

    public Double getMinBranchCoverage() {
        return options.minBranchCoverage;
    }

    @DataBoundSetter
    public void setMinBranchCoverage(Double minBranchCoverage) {
        options.minBranchCoverage = minBranchCoverage;
    }

    public Integer getMaxFlaky() {
        return options.maxFlaky;
    }

    @DataBoundSetter
    public void setMaxFlaky(Integer maxFlaky) {
        options.maxFlaky = maxFlaky;
    }

    public String getNormalisedJUnitXml() {
        return options.normalisedJUnitXml;
    }

    @DataBoundSetter
    public void setNormalisedJUnitXml(String normalisedJUnitXml) {
        options.normalisedJUnitXml = normalisedJUnitXml;
    }

    public String getHtml() {
        return options.html;
    }

    @DataBoundSetter
    public void setHtml(String html) {
        options.html = html;
    }

    public boolean isPublishJUnit() {
        return options.publishJUnit();
    }

    @DataBoundSetter
    public void setPublishJUnit(boolean publishJUnit) {
        options.publishJUnit = publishJUnit;
    }

    public boolean isStopOnFailure() {
        return options.stopOnFailure;
    }

    @DataBoundSetter
    public void setStopOnFailure(boolean stopOnFailure) {
        options.stopOnFailure = stopOnFailure;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        try {
            options.run(new EngineCall(run, workspace, launcher, listener, env), launcher);
        } catch (InterruptedException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The builder's descriptor. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: run the tests and gate on their reports";
        }

        @POST
        public FormValidation doCheckEnv(@QueryParameter String value) {
            String problem = RunTestsOptions.envProblem(value);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckMinLineCoverage(@QueryParameter String value) {
            return RunTestsStep.checkPercent(value);
        }

        @POST
        public FormValidation doCheckMinBranchCoverage(@QueryParameter String value) {
            return RunTestsStep.checkPercent(value);
        }
    }
}
