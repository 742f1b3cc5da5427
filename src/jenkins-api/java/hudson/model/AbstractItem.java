package hudson.model;

public abstract class AbstractItem extends Actionable implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
