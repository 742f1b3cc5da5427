package hudson.model;

/** Compile-only declaration: a label's name only. */
public abstract class Label extends Actionable {
    private Label() {
    }

    public final String getName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
