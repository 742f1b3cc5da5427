package hudson.security;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
