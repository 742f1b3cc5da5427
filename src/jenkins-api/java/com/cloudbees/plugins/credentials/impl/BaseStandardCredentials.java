package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    public BaseStandardCredentials(CredentialsScope scope, String id, String description) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    private static final long serialVersionUID = 1L;

    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
