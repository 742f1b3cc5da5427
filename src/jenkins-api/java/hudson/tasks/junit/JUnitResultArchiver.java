package hudson.tasks.junit;

import hudson.tasks.test.PipelineTestDetails;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Recorder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;

/** Compile-only declaration (junit plugin, optional dependency). */
public class JUnitResultArchiver extends Recorder implements SimpleBuildStep, JUnitTask {

    public JUnitResultArchiver(String testResults) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @SuppressWarnings("rawtypes")
    public void perform(Run build, FilePath workspace, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @SuppressWarnings("rawtypes")
    public static TestResultSummary parseAndSummarize(JUnitTask task, PipelineTestDetails pipelineTestDetails,
            Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getTestResults() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public boolean isAllowEmptyResults() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public final void setAllowEmptyResults(boolean allowEmptyResults) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean isSkipMarkingBuildUnstable() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void setSkipMarkingBuildUnstable(boolean skipMarkingBuildUnstable) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void setSkipPublishingChecks(boolean skipPublishingChecks) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
