package hudson;

import java.util.AbstractList;
import jenkins.model.Jenkins;

public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public <U extends T> U get(Class<U> type) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
