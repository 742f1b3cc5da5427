package hudson.security;

import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
