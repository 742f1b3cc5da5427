package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    protected abstract String describe(C credentials);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(Authentication authentication, Item context,
            Class<? extends C> type, List<DomainRequirement> domainRequirements, CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
