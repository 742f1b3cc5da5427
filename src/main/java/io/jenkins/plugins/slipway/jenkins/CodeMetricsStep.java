package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def m = codeMetrics sourceRoots: 'src', maxViolations: '1=0', noNewHighPriorityViolations: true}: PMD,
 * CPD, size and coverage of the workspace, judged by a quality gate, with the last successful build's result as the
 * baseline. Returns a plain map (status, summary, size, violations, duplication, coverage, gates, reports).
 */
public final class CodeMetricsStep extends Step {
    private final CodeMetricsOptions options = new CodeMetricsOptions();

    @DataBoundConstructor
    public CodeMetricsStep() {
    }

    public String getSourceRoots() {
        return options.sourceRoots;
    }

    @DataBoundSetter
    public void setSourceRoots(String sourceRoots) {
        options.sourceRoots = sourceRoots;
    }

    public String getIncludes() {
        return options.includes;
    }

    @DataBoundSetter
    public void setIncludes(String includes) {
        options.includes = includes;
    }

    public String getExcludes() {
        return options.excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        options.excludes = excludes;
    }

    public String getJavaRuleSets() {
        return options.javaRuleSets;
    }

    @DataBoundSetter
    public void setJavaRuleSets(String javaRuleSets) {
        options.javaRuleSets = javaRuleSets;
    }

    public String getJavascriptRuleSets() {
        return options.javascriptRuleSets;
    }

    @DataBoundSetter
    public void setJavascriptRuleSets(String javascriptRuleSets) {
        options.javascriptRuleSets = javascriptRuleSets;
    }

    public String getAnalysers() {
        return options.analysers;
    }

    @DataBoundSetter
    public void setAnalysers(String analysers) {
        options.analysers = analysers;
    }

    public String getReports() {
        return options.reports;
    }

    @DataBoundSetter
    public void setReports(String reports) {
        options.reports = reports;
    }

    public String getAuxClasspath() {
        return options.auxClasspath;
    }

    @DataBoundSetter
    public void setAuxClasspath(String auxClasspath) {
        options.auxClasspath = auxClasspath;
    }

    public Integer getCpdMinimumTokens() {
        return options.cpdMinimumTokens;
    }

    @DataBoundSetter
    public void setCpdMinimumTokens(Integer cpdMinimumTokens) {
        options.cpdMinimumTokens = cpdMinimumTokens;
    }

    public String getCacheFile() {
        return options.cacheFile;
    }

    @DataBoundSetter
    public void setCacheFile(String cacheFile) {
        options.cacheFile = cacheFile;
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

    public String getOutputDir() {
        return options.outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        options.outputDir = outputDir;
    }

    public String getMaxViolations() {
        return options.maxViolations;
    }

    @DataBoundSetter
    public void setMaxViolations(String maxViolations) {
        options.maxViolations = maxViolations;
    }

    public Double getMaxDuplicatedLinesPercent() {
        return options.maxDuplicatedLinesPercent;
    }

    @DataBoundSetter
    public void setMaxDuplicatedLinesPercent(Double maxDuplicatedLinesPercent) {
        options.maxDuplicatedLinesPercent = maxDuplicatedLinesPercent;
    }

    public Double getMinLineCoverage() {
        return options.minLineCoverage;
    }

    @DataBoundSetter
    public void setMinLineCoverage(Double minLineCoverage) {
        options.minLineCoverage = minLineCoverage;
    }

    public Double getMaxViolationsPer1000Lines() {
        return options.maxViolationsPer1000Lines;
    }

    @DataBoundSetter
    public void setMaxViolationsPer1000Lines(Double maxViolationsPer1000Lines) {
        options.maxViolationsPer1000Lines = maxViolationsPer1000Lines;
    }

    public boolean isNoNewHighPriorityViolations() {
        return options.noNewHighPriorityViolations;
    }

    @DataBoundSetter
    public void setNoNewHighPriorityViolations(boolean noNewHighPriorityViolations) {
        options.noNewHighPriorityViolations = noNewHighPriorityViolations;
    }

    public Double getMaxCoverageDrop() {
        return options.maxCoverageDrop;
    }

    @DataBoundSetter
    public void setMaxCoverageDrop(Double maxCoverageDrop) {
        options.maxCoverageDrop = maxCoverageDrop;
    }

    public String getGateSeverity() {
        return options.gateSeverity;
    }

    @DataBoundSetter
    public void setGateSeverity(String gateSeverity) {
        options.gateSeverity = gateSeverity;
    }

    public String getBaseline() {
        return options.baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        options.baseline = baseline;
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

    /** Runs off the CPS thread; only the options (plain values) are kept. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final CodeMetricsOptions options;

        Execution(StepContext context, CodeMetricsOptions options) {
            super(context);
            this.options = options;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return options.run(EngineCall.of(getContext()), DescriptorImpl.NAME);
        }
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = "codeMetrics";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: code metrics (PMD, duplication, size, coverage) with a quality gate";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        }
    }
}
