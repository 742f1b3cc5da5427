package hudson;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

public abstract class Launcher {
    protected Launcher(TaskListener listener, VirtualChannel channel) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public TaskListener getListener() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean isUnix() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public final ProcStarter launch() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public abstract Proc launch(ProcStarter starter) throws IOException;

    public final class ProcStarter {
        public ProcStarter cmds(String... args) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter masks(boolean... masks) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter pwd(FilePath workDir) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter stdout(OutputStream out) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter stdout(TaskListener out) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter stderr(OutputStream err) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter stdin(InputStream in) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public ProcStarter envs(Map<String, String> overrides) {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public Proc start() throws IOException {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }

        public int join() throws IOException, InterruptedException {
            throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
        }
    }
}
