package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Result;

/** Compile-only declaration (workflow-api): marks a flow node (a stage, a step) with a result such as UNSTABLE. */
public class WarningAction implements PersistentAction {
    public WarningAction(Result result) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("compile-only declaration of the Jenkins API");
    }
}
