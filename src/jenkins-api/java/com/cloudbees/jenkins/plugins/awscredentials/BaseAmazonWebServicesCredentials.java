package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;

public abstract class BaseAmazonWebServicesCredentials extends BaseStandardCredentials
        implements AmazonWebServicesCredentials {
    private static final long serialVersionUID = 1L;
}
