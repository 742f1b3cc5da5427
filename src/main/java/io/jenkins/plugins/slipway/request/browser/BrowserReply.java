package io.jenkins.plugins.slipway.request.browser;

import java.util.List;

/**
 * A browser run's result as the controller reads it: the part of the engine's {@code BrowserResult} the build page
 * shows, under the same component names, read by {@code PlainData.toRecord} ({@code ResultMirrorsTest} checks the
 * names and types against the engine's records). JDK only.
 *
 * @param outcome PASSED, UNSTABLE or FAILED
 * @param summary the one-line summary
 * @param browser the browser that ran
 * @param appUrl the app's address
 * @param tests the cases run
 * @param failures the cases that failed
 * @param cases one line per case
 * @param junitXml the JUnit XML written, relative to the workspace
 * @param suiteReports the reports of the project's own suite
 * @param outputDir the folder of everything written
 * @param appLog the app's log
 * @param artifacts screenshots and page sources of failed cases
 */
public record BrowserReply(String outcome, String summary, String browser, String appUrl, int tests, int failures,
        List<Case> cases, String junitXml, List<String> suiteReports, String outputDir, String appLog,
        List<String> artifacts) {

    /** One case: its suite, name, status, why it failed, and its files. */
    public record Case(String suite, String name, String status, String message, List<String> artifacts) {
    }
}
