package io.jenkins.plugins.slipway.jenkins;

import hudson.Launcher;
import hudson.tasks.junit.JUnitResultArchiver;

/**
 * The only class that touches the junit plugin (an optional dependency). It is loaded only after
 * {@link #available()} said the plugin's classes are visible, so Slipway loads and runs without the plugin.
 */
final class JUnitPublishing {
    private static final String ARCHIVER = "hudson.tasks.junit.JUnitResultArchiver";

    private JUnitPublishing() {
    }

    static boolean available() {
        try {
            Class.forName(ARCHIVER, false, RunTestsOptions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Publishes the normalised JUnit XML (workspace-relative) to the standard Test Result page and trend. Slipway's own
     * gate decides the build result, so the archiver is told not to mark the build itself.
     */
    static void publish(EngineCall call, Launcher launcher, String junitXml) throws Exception {
        JUnitResultArchiver archiver = new JUnitResultArchiver(junitXml);
        archiver.setAllowEmptyResults(true);
        archiver.setSkipMarkingBuildUnstable(true);
        archiver.perform(call.run(), call.workspace(), launcher, call.listener());
    }
}
