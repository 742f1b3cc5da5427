package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    @Deprecated
    protected StepExecution() {
    }

    protected StepExecution(StepContext context) {
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void onResume() {
    }

    public String getStatus() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
