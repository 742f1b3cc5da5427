package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Map;

/** Compile-only declaration of the Jenkins API: where a build's artifacts are kept (local disk, S3, Azure…). */
public abstract class ArtifactManager {
    /** Archives workspace files; keys are paths in the archive, values paths relative to the workspace. */
    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener, Map<String, String> artifacts)
            throws IOException, InterruptedException;
}
