package io.jenkins.plugins.slipway.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;

/**
 * The only class that touches the optional aws-credentials plugin. {@link AwsCredentials} calls it only after
 * checking that the plugin's classes are visible, so Slipway loads and runs without that plugin.
 */
final class AwsPluginCredentials {
    private static final String CLASS = "com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl";

    private AwsPluginCredentials() {
    }

    static boolean available() {
        try {
            Class.forName(CLASS, false, AwsPluginCredentials.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The keys of an "AWS Credentials" entry, or null when {@code id} is not one. */
    static AwsCredentials.Resolved find(String id, Run<?, ?> run) throws AbortException {
        AWSCredentialsImpl aws = CredentialsProvider.findCredentialById(id, AWSCredentialsImpl.class, run);
        if (aws == null) {
            return null;
        }
        CredentialsProvider.track(run, aws);
        String mfa = aws.getIamMfaSerialNumber();
        if (mfa != null && !mfa.isBlank()) {
            throw new AbortException("AWS credentials '" + id + "' require an MFA token (" + mfa + "), which a build"
                    + " cannot type. Use credentials without MFA, or a role the build may assume.");
        }
        String externalId;
        try {
            externalId = aws.getIamExternalId();
        } catch (LinkageError e) {
            externalId = null; // aws-credentials releases before external ids
        }
        return new AwsCredentials.Resolved(aws.getAccessKey(), Secret.toString(aws.getSecretKey()),
                blankToNull(aws.getIamRoleArn()), blankToNull(externalId));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
