package com.cloudbees.plugins.credentials;

/** Declared without members: Slipway only reads credentials of subclasses. */
public abstract class BaseCredentials implements Credentials {
    private static final long serialVersionUID = 1L;
}
