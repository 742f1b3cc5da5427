package com.cloudbees.plugins.credentials.common;

public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    @Override
    protected String describe(StandardCredentials credentials) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
