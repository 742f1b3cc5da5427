package com.cloudbees.plugins.credentials;

/** Declared with its no-argument constructor only: Slipway only reads credentials of subclasses. */
public class BaseCredentials implements Credentials {
    private static final long serialVersionUID = 1L;

    protected BaseCredentials() {
    }
}
