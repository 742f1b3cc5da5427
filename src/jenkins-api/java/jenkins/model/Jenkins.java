package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins extends AbstractCIBase implements AccessControlled {
    private Jenkins() {
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public static final Permission ADMINISTER = null;

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public boolean isTerminating() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public Node getNode(String name) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public Computer getComputer(String name) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
