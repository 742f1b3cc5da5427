package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    public final transient Class<? extends T> clazz = null;

    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @SuppressWarnings("rawtypes")
    protected void addHelpFileRedirect(String fieldName, Class<? extends Describable> owner, String fieldNameToRedirectTo) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            super(message);
        }
    }
}
