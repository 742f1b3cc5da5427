package hudson.model;

import java.util.List;

public abstract class Actionable extends AbstractModelObject {
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public void replaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
