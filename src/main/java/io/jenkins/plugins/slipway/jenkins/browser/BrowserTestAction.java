package io.jenkins.plugins.slipway.jenkins.browser;

import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.StageAction;
import io.jenkins.plugins.slipway.request.browser.BrowserReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One {@code browserTest} of a build: each scenario (or suite test case) with its result, and the files it left
 * in the workspace — JUnit XML, the app's log, screenshots, page sources, URLs and console logs of failed steps.
 */
public final class BrowserTestAction extends StageAction {
    private final String browser;
    private final String appUrl;
    private final int tests;
    private final int failures;
    private final String junitXml;
    private final String appLog;
    private final String outputDir;
    private final List<CaseRow> cases;
    private final List<String> artifacts;

    /** One test case. A plain class with concrete fields so the build record can be read back. */
    public static final class CaseRow {
        private final String suite;
        private final String name;
        private final String status;
        private final String message;
        private final String artifacts;

        public CaseRow(String suite, String name, String status, String message, String artifacts) {
            this.suite = suite;
            this.name = name;
            this.status = status;
            this.message = message;
            this.artifacts = artifacts;
        }

        public String getSuite() {
            return suite == null ? "" : suite;
        }

        public String getName() {
            return name;
        }

        public String getStatus() {
            return status;
        }

        public String getMessage() {
            return message == null ? "" : message;
        }

        public String getArtifacts() {
            return artifacts == null ? "" : artifacts;
        }
    }

    BrowserTestAction(String status, String summary, String browser, String appUrl, int tests, int failures,
            String junitXml, String appLog, String outputDir, int index, List<CaseRow> cases, List<String> artifacts) {
        super(BrowserTestStep.STEP, status, summary, index);
        this.browser = browser;
        this.appUrl = appUrl;
        this.tests = tests;
        this.failures = failures;
        this.junitXml = junitXml;
        this.appLog = appLog;
        this.outputDir = outputDir;
        this.cases = new ArrayList<>(cases);
        this.artifacts = new ArrayList<>(artifacts);
    }

    /** Adds the action for one engine {@code browser} result to the build. */
    static synchronized void addTo(Run<?, ?> run, BrowserReply result, int index) {
        run.addAction(of(result, index));
    }

    static BrowserTestAction of(BrowserReply result, int index) {
        List<CaseRow> rows = new ArrayList<>();
        for (BrowserReply.Case c : orNone(result.cases())) {
            rows.add(new CaseRow(c.suite(), c.name(), c.status(), c.message(), String.join(", ", orNone(c.artifacts()))));
        }
        List<String> files = new ArrayList<>();
        add(files, result.junitXml());
        orNone(result.suiteReports()).forEach(report -> add(files, report));
        add(files, result.appLog());
        orNone(result.artifacts()).forEach(artifact -> add(files, artifact));
        return new BrowserTestAction(result.outcome(), result.summary(), result.browser(), result.appUrl(),
                result.tests(), result.failures(), result.junitXml(), result.appLog(), result.outputDir(), index, rows,
                files);
    }

    private static <T> List<T> orNone(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void add(List<String> files, String file) {
        if (file != null && !files.contains(file)) {
            files.add(file);
        }
    }

    public String getBrowser() {
        return browser;
    }

    public String getAppUrl() {
        return appUrl;
    }

    public int getTests() {
        return tests;
    }

    public int getFailures() {
        return failures;
    }

    public String getJunitXml() {
        return junitXml;
    }

    public String getAppLog() {
        return appLog;
    }

    public String getOutputDir() {
        return outputDir;
    }

    public List<CaseRow> getCases() {
        return Collections.unmodifiableList(cases);
    }

    /** Files in the workspace, relative to it: JUnit XML, the app's log, failure evidence. */
    public List<String> getArtifacts() {
        return Collections.unmodifiableList(artifacts);
    }

    @Override
    protected String title() {
        return "Browser tests";
    }

    @Override
    protected String icon() {
        return "symbol-desktop-outline plugin-ionicons-api";
    }
}
