package hudson.tasks.junit.pipeline;

import hudson.tasks.junit.TestResultSummary;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Compile-only declaration (junit plugin, optional dependency): only its public static helpers are used. */
public class JUnitResultsStepExecution extends SynchronousNonBlockingStepExecution<TestResultSummary> {
    public JUnitResultsStepExecution(JUnitResultsStep step, StepContext context) {
        super(context);
    }

    @Override
    protected TestResultSummary run() throws Exception {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static List<FlowNode> getEnclosingStagesAndParallels(FlowNode node) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static List<String> getEnclosingBlockIds(List<FlowNode> nodes) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static List<String> getEnclosingBlockNames(List<FlowNode> nodes) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
