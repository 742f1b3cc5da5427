package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;

/**
 * aws-credentials plugin (optional dependency). The real interface also extends the AWS SDK's credentials-provider
 * interfaces (v1 and v2); they are left out on purpose: the adapter must never touch AWS SDK classes, and Slipway
 * only reads the SDK-free accessors of {@link AWSCredentialsImpl}.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials {
}
