package com.cloudbees.plugins.credentials;

/** Compile-only declaration (credentials plugin): where a credential is visible. */
public enum CredentialsScope {
    SYSTEM, GLOBAL, USER
}
