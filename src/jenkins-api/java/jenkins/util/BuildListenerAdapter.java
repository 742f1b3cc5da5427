package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

/** Compile-only declaration of the Jenkins API: a TaskListener (a Pipeline step's) seen as a BuildListener. */
public final class BuildListenerAdapter implements BuildListener {
    public BuildListenerAdapter(TaskListener delegate) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public PrintStream getLogger() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static BuildListener wrap(TaskListener l) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
