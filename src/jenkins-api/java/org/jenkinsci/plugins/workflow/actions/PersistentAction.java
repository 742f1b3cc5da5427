package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Compile-only declaration (workflow-api). */
public interface PersistentAction extends Action {
}
