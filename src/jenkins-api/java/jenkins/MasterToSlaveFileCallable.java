package jenkins;

import hudson.FilePath;
import org.jenkinsci.remoting.RoleChecker;

public abstract class MasterToSlaveFileCallable<T> implements FilePath.FileCallable<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        // the real class checks that it runs on an agent (Roles.SLAVE)
    }
}
