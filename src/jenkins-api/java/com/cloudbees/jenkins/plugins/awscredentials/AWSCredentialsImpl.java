package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.CredentialsScope;

import hudson.util.Secret;

/** aws-credentials plugin: only the SDK-free accessors Slipway calls (checked against the plugin's source). */
public class AWSCredentialsImpl extends BaseAmazonWebServicesCredentials implements AmazonWebServicesCredentials {
    private static final long serialVersionUID = 1L;

    public AWSCredentialsImpl(CredentialsScope scope, String id, String accessKey, String secretKey,
            String description) {
        super(scope, id, description);
    }

    public String getAccessKey() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public Secret getSecretKey() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getIamRoleArn() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getIamExternalId() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public String getIamMfaSerialNumber() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
