package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def t = runTests command: 'mvn -B verify', minLineCoverage: 80}: runs the tests through the build's
 * launcher (so {@code docker} agents work), lets the engine read every JUnit and coverage report, publishes them
 * to the junit plugin when it is installed, and marks the build UNSTABLE or FAILURE from the gate. Returns a plain
 * Map with {@code status}, {@code summary}, {@code totals}, {@code coverage}, {@code failures}…
 * Without {@code command} it analyses the reports an earlier step wrote.
 */
public final class RunTestsStep extends Step {
    private final RunTestsOptions options = new RunTestsOptions();

    @DataBoundConstructor
    public RunTestsStep() {
        // every parameter is optional
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
    public StepExecution start(StepContext context) {
        return new Execution(context, options);
    }

    static FormValidation checkPercent(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return FormValidation.ok();
        }
        try {
            double d = Double.parseDouble(v);
            return d >= 0 && d <= 100 ? FormValidation.ok() : FormValidation.error("A percentage between 0 and 100");
        } catch (NumberFormatException e) {
            return FormValidation.error("A percentage between 0 and 100");
        }
    }

    /** Runs off the CPS thread; the options are plain values. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final RunTestsOptions options;

        Execution(StepContext context, RunTestsOptions options) {
            super(context);
            this.options = options;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return options.run(EngineCall.of(getContext()), getContext().get(Launcher.class));
        }
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = RunTestsOptions.STEP;

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: run the tests and gate on their reports";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
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
