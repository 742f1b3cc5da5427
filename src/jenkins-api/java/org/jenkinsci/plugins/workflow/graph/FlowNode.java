package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import hudson.model.Saveable;

/** Compile-only declaration (workflow-api): a node of a Pipeline's flow graph, e.g. the one a step runs as. */
public abstract class FlowNode extends Actionable implements Saveable {
    private FlowNode() {
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
