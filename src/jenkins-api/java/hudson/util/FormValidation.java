package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    private FormValidation() {
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public abstract String renderHtml();
}
