package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;

public abstract class BaseAmazonWebServicesCredentials extends BaseStandardCredentials
        implements AmazonWebServicesCredentials {
    private static final long serialVersionUID = 1L;

    public BaseAmazonWebServicesCredentials(CredentialsScope scope, String id, String description) {
        super(scope, id, description);
    }
}
