package hudson.tasks.test;

import java.io.Serializable;
import java.util.List;

/** Compile-only declaration (junit plugin, optional dependency): which Pipeline node recorded a test result. */
public class PipelineTestDetails implements Serializable {
    public void setNodeId(String nodeId) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void setEnclosingBlocks(List<String> enclosingBlocks) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void setEnclosingBlockNames(List<String> enclosingBlockNames) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
