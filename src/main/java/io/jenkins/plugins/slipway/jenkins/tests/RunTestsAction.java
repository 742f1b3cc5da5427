package io.jenkins.plugins.slipway.jenkins.tests;

import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.StageAction;
import io.jenkins.plugins.slipway.request.tests.TestsReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One {@code runTests} of a build: totals, coverage, the gate's reasons and the first failures. */
public final class RunTestsAction extends StageAction {
    private static final int MAX_FAILURES = 20;

    private final long tests;
    private final long passed;
    private final long failed;
    private final long errors;
    private final long skipped;
    private final long flaky;
    private final String lineCoverage;
    private final String branchCoverage;
    private final String html;
    private final List<String> reasons;
    private final List<String> failures;

    RunTestsAction(String status, String summary, long[] totals, String lineCoverage, String branchCoverage,
            String html, int index, List<String> reasons, List<String> failures) {
        super(RunTestsStep.STEP, status, summary, index);
        this.tests = totals[0];
        this.passed = totals[1];
        this.failed = totals[2];
        this.errors = totals[3];
        this.skipped = totals[4];
        this.flaky = totals[5];
        this.lineCoverage = lineCoverage;
        this.branchCoverage = branchCoverage;
        this.html = html;
        this.reasons = new ArrayList<>(reasons);
        this.failures = new ArrayList<>(failures);
    }

    /** Adds the action for one engine result of the {@code test} task. */
    static synchronized void addTo(Run<?, ?> run, String status, String summary, TestsReply result, int index) {
        TestsReply.Totals t = result.totals() != null ? result.totals() : new TestsReply.Totals(0, 0, 0, 0, 0, 0);
        long[] totals = {t.tests(), t.passed(), t.failed(), t.errors(), t.skipped(), t.flaky()};
        TestsReply.Coverage coverage = result.coverage() != null ? result.coverage() : new TestsReply.Coverage(null, null);
        String html = result.outputs() == null ? null : result.outputs().html();
        List<String> reasons = result.reasons() == null ? List.of() : result.reasons();
        List<String> failures = new ArrayList<>();
        for (TestsReply.Failure f : result.failures() == null ? List.<TestsReply.Failure>of() : result.failures()) {
            if (failures.size() < MAX_FAILURES) {
                failures.add(f.classname() + "." + f.name() + ": " + f.message());
            }
        }
        run.addAction(new RunTestsAction(status, summary, totals, percent(coverage.lines()),
                percent(coverage.branches()), html, index, reasons, failures));
    }

    private static String percent(TestsReply.Counter c) {
        if (c == null) {
            return "-";
        }
        long total = c.covered() + c.missed();
        return total == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f%%", c.covered() * 100.0 / total);
    }

    public long getTests() {
        return tests;
    }

    public long getPassed() {
        return passed;
    }

    public long getFailed() {
        return failed;
    }

    public long getErrors() {
        return errors;
    }

    public long getSkipped() {
        return skipped;
    }

    public long getFlaky() {
        return flaky;
    }

    public String getLineCoverage() {
        return lineCoverage;
    }

    public String getBranchCoverage() {
        return branchCoverage;
    }

    /** The workspace-relative HTML summary (archive it to keep it with the build). */
    public String getHtml() {
        return html;
    }

    public List<String> getReasons() {
        return Collections.unmodifiableList(reasons);
    }

    public List<String> getFailures() {
        return Collections.unmodifiableList(failures);
    }

    @Override
    protected String title() {
        return "Slipway tests";
    }

    @Override
    protected String icon() {
        return "symbol-clipboard-outline plugin-ionicons-api";
    }
}
