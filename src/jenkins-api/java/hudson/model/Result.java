package hudson.model;

import java.io.Serializable;

public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final Result SUCCESS = null;
    public static final Result UNSTABLE = null;
    public static final Result FAILURE = null;
    public static final Result NOT_BUILT = null;
    public static final Result ABORTED = null;

    private Result() {
    }

    public boolean isWorseThan(Result that) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean isBetterOrEqualTo(Result that) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
