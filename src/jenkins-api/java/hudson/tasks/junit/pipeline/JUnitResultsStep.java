package hudson.tasks.junit.pipeline;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/** Compile-only declaration (junit plugin, optional dependency): the step its execution's constructor takes. */
public class JUnitResultsStep extends Step {
    public JUnitResultsStep(String testResults) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
