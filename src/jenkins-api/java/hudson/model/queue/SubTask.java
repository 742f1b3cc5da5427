package hudson.model.queue;

import hudson.model.Label;
import hudson.model.Queue;

/** Compile-only declaration: the label a task asks for and the build it belongs to. */
public interface SubTask {
    default Label getAssignedLabel() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    default Queue.Executable getOwnerExecutable() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
