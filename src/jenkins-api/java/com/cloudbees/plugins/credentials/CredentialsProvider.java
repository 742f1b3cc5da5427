package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.Permission;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission USE_ITEM = null;

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
