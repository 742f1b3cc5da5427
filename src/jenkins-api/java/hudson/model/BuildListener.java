package hudson.model;

/** Compile-only declaration of the Jenkins API. */
public interface BuildListener extends TaskListener {
}
