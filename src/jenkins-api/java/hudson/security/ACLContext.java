package hudson.security;

/** Compile-only declaration: the scope of {@link ACL#as2}; closing it restores the caller's authentication. */
public class ACLContext implements AutoCloseable {
    private ACLContext() {
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
