package hudson.model;

import hudson.EnvVars;
import hudson.ExtensionPoint;
import java.io.File;
import java.io.IOException;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT> {
    protected Run(JobT job) throws IOException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }


    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public final synchronized jenkins.model.ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public File getArtifactsDir() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public final long getStartTimeInMillis() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public RunT getPreviousSuccessfulBuild() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
