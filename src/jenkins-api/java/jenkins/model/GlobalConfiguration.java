package jenkins.model;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static ExtensionList<GlobalConfiguration> all() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
