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
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** The freestyle build step of {@code codeMetrics}: the same options. */
public final class CodeMetricsBuilder extends Builder implements SimpleBuildStep {
    private CodeMetricsOptions options = new CodeMetricsOptions();

    @DataBoundConstructor
    public CodeMetricsBuilder() {
    }

    /**
     * A saved configuration without the nested element (hand-written {@code config.xml}, Job DSL, an older version)
     * loads with the defaults: XStream does not run field initialisers.
     */
    protected Object readResolve() {
        if (options == null) {
            options = new CodeMetricsOptions();
        }
        return this;
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
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, java.io.IOException {
        try {
            options.run(new EngineCall(run, workspace, launcher, listener, env), CodeMetricsStep.DescriptorImpl.NAME);
        } catch (InterruptedException | java.io.IOException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException(e.getMessage(), e);
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
            return "Slipway: code metrics (PMD, duplication, size, coverage) with a quality gate";
        }
    }
}
