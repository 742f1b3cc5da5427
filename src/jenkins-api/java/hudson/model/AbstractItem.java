package hudson.model;

public abstract class AbstractItem extends Actionable implements Item {
    @Override
    public String getFullName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
