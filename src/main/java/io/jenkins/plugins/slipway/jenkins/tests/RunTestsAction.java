package io.jenkins.plugins.slipway.jenkins.tests;

import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.StageAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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
    static synchronized void addTo(Run<?, ?> run, String status, String summary, Map<String, Object> result, int index) {
        Map<?, ?> t = result.get("totals") instanceof Map<?, ?> m ? m : Map.of();
        long[] totals = {number(t.get("tests")), number(t.get("passed")), number(t.get("failed")),
            number(t.get("errors")), number(t.get("skipped")), number(t.get("flaky"))};
        Map<?, ?> coverage = result.get("coverage") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> outputs = result.get("outputs") instanceof Map<?, ?> m ? m : Map.of();
        List<String> reasons = new ArrayList<>();
        if (result.get("reasons") instanceof List<?> list) {
            list.forEach(r -> reasons.add(String.valueOf(r)));
        }
        List<String> failures = new ArrayList<>();
        if (result.get("failures") instanceof List<?> list) {
            for (Object f : list) {
                if (f instanceof Map<?, ?> fm && failures.size() < MAX_FAILURES) {
                    failures.add(fm.get("classname") + "." + fm.get("name") + ": " + fm.get("message"));
                }
            }
        }
        run.addAction(new RunTestsAction(status, summary, totals, percent(coverage.get("lines")),
                percent(coverage.get("branches")), outputs.get("html") == null ? null : outputs.get("html").toString(),
                index, reasons, failures));
    }

    private static String percent(Object counter) {
        if (counter instanceof Map<?, ?> c) {
            long covered = number(c.get("covered"));
            long total = covered + number(c.get("missed"));
            return total == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f%%", covered * 100.0 / total);
        }
        return "-";
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
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
