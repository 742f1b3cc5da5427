package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public void onResume() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getStatus() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
