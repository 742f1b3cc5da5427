package org.springframework.security.access;

/** Compile-only declaration (Spring Security, in Jenkins core): what a failed permission check throws. */
public class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String msg) {
        super(msg);
    }
}
