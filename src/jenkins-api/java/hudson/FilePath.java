package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    public FilePath(VirtualChannel channel, String remote) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public FilePath(File localPath) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public FilePath(FilePath base, String rel) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public FilePath sibling(String rel) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public long lastModified() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public FilePath getParent() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String readToString() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public java.io.OutputStream write() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
