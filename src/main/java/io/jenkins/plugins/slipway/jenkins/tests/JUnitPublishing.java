package io.jenkins.plugins.slipway.jenkins.tests;

import hudson.Launcher;
import hudson.tasks.junit.JUnitResultArchiver;
import hudson.tasks.junit.pipeline.JUnitResultsStepExecution;
import hudson.tasks.test.PipelineTestDetails;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * The only class that touches the junit plugin (an optional dependency). It is loaded only after
 * {@link #available()} said the plugin's classes are visible, so Slipway loads and runs without the plugin.
 */
final class JUnitPublishing {
    private static final String ARCHIVER = "hudson.tasks.junit.JUnitResultArchiver";

    private JUnitPublishing() {
    }

    static boolean available() {
        try {
            Class.forName(ARCHIVER, false, RunTestsStep.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Publishes the normalised JUnit XML (workspace-relative) to the standard Test Result page and trend. Slipway's own
     * gate decides the build result, so the archiver is told not to mark the build itself. In a Pipeline the results
     * are tied to the step's node and its enclosing stages, as the {@code junit} step ties them, so per-stage test
     * views find them.
     */
    static void publish(EngineCall call, Launcher launcher, String junitXml) throws Exception {
        JUnitResultArchiver archiver = new JUnitResultArchiver(junitXml);
        archiver.setAllowEmptyResults(true);
        archiver.setSkipMarkingBuildUnstable(true);
        FlowNode node = call.node();
        if (node == null) {
            archiver.perform(call.run(), call.workspace(), launcher, call.listener());
            return;
        }
        List<FlowNode> blocks = JUnitResultsStepExecution.getEnclosingStagesAndParallels(node);
        PipelineTestDetails details = new PipelineTestDetails();
        details.setNodeId(node.getId());
        details.setEnclosingBlocks(JUnitResultsStepExecution.getEnclosingBlockIds(blocks));
        details.setEnclosingBlockNames(JUnitResultsStepExecution.getEnclosingBlockNames(blocks));
        JUnitResultArchiver.parseAndSummarize(archiver, details, call.run(), call.workspace(), launcher, call.listener());
    }
}
