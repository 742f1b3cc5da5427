package hudson.model;

import hudson.remoting.VirtualChannel;
import hudson.security.AccessControlled;

/** Compile-only declaration: the members Slipway uses to find an agent's channel again after a restart. */
public abstract class Computer extends Actionable implements AccessControlled {

    protected Computer(Node node) {
    }

    public abstract VirtualChannel getChannel();

    public String getName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
