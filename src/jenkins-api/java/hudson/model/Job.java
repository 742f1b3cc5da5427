package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    public RunT getLastSuccessfulBuild() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
