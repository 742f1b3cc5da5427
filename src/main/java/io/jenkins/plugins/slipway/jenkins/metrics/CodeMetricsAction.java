package io.jenkins.plugins.slipway.jenkins.metrics;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.chart.TrendPoint;
import io.jenkins.plugins.slipway.jenkins.StageAction;
import io.jenkins.plugins.slipway.request.metrics.MetricsReply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;

/**
 * A build's {@code codeMetrics} figures: the summary, the headline numbers (which the job's trend chart reads), the
 * gate messages and a link to the archived HTML report. Plain final class with concrete fields.
 */
public final class CodeMetricsAction extends StageAction implements SimpleBuildStep.LastBuildAction {
    private final int files;
    private final long codeLines;
    private final int violations;
    private final int highPriorityViolations;
    private final double duplicatedLinesPercent;
    private final Double lineCoverage;
    private final List<String> gateMessages;
    private final List<String> skippedFiles;
    /** Only in builds recorded before {@link #report}: the report was archived as {@code slipway-metrics/index.html}. */
    private final boolean reportArchived;
    /** The archived HTML report of the call this page shows (relative to the build's {@code artifact/}), or null. */
    private final String report;

    CodeMetricsAction(String status, String summary, int files, long codeLines, int violations,
            int highPriorityViolations, double duplicatedLinesPercent, Double lineCoverage, List<String> gateMessages,
            List<String> skippedFiles, String report) {
        super(CodeMetricsStep.STEP, status, summary, 1);
        this.files = files;
        this.codeLines = codeLines;
        this.violations = violations;
        this.highPriorityViolations = highPriorityViolations;
        this.duplicatedLinesPercent = duplicatedLinesPercent;
        this.lineCoverage = lineCoverage;
        this.gateMessages = new ArrayList<>(gateMessages);
        this.skippedFiles = new ArrayList<>(skippedFiles);
        this.reportArchived = report != null;
        this.report = report;
    }

    /**
     * Builds the action from the engine's result map (plain maps, lists, numbers) and adds or replaces it: the build's
     * one metrics page shows its last call, with that call's archived {@code report} (null when none was archived).
     */
    static synchronized CodeMetricsAction addTo(Run<?, ?> run, MetricsReply result, String report) {
        CodeMetricsAction action = fromResult(result, report);
        run.addOrReplaceAction(action);
        return action;
    }

    /** The figures of one engine result. */
    static CodeMetricsAction fromResult(MetricsReply result, String report) {
        List<String> gates = new ArrayList<>();
        for (MetricsReply.Gate gate : orNone(result.gates())) {
            gates.add((gate.passed() ? "passed: " : "MISSED: ") + text(gate.message()));
        }
        List<String> skipped = new ArrayList<>();
        for (MetricsReply.SkippedFile file : orNone(result.skippedFiles())) {
            skipped.add(text(file.file()) + " (" + text(file.tool()) + "): " + text(file.reason()));
        }
        MetricsReply.Size size = result.size() != null ? result.size() : new MetricsReply.Size(0, 0);
        MetricsReply.Violations violations = result.violations() != null ? result.violations()
                : new MetricsReply.Violations(0, null);
        double duplicated = result.duplication() == null ? 0 : result.duplication().duplicatedLinesPercent();
        Double line = result.coverage() == null ? null : result.coverage().linePercent();
        return new CodeMetricsAction(text(result.outcome()), text(result.summary()), size.files(), size.codeLines(),
                violations.total(), violations.highPriority(), duplicated, line, gates, skipped, report);
    }

    private static <T> List<T> orNone(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** This build's point on the trend chart. */
    TrendPoint trendPoint(String label) {
        return new TrendPoint(label, (double) violations, duplicatedLinesPercent, lineCoverage, (double) codeLines);
    }

    public int getFiles() {
        return files;
    }

    public long getCodeLines() {
        return codeLines;
    }

    public int getViolations() {
        return violations;
    }

    public int getHighPriorityViolations() {
        return highPriorityViolations;
    }

    public double getDuplicatedLinesPercent() {
        return duplicatedLinesPercent;
    }

    public Double getLineCoverage() {
        return lineCoverage;
    }

    public List<String> getGateMessages() {
        return Collections.unmodifiableList(gateMessages);
    }

    public List<String> getSkippedFiles() {
        return Collections.unmodifiableList(skippedFiles);
    }

    public boolean isReportArchived() {
        return getReport() != null;
    }

    /** The archived HTML report, relative to the build's {@code artifact/}, or null. */
    public String getReport() {
        return report != null ? report : reportArchived ? CodeMetricsStep.REPORT_DIR + "/index.html" : null;
    }

    /** The archived HTML report, relative to this action's page. */
    public String getReportUrl() {
        return getReport() == null ? null : "../artifact/" + getReport();
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return getRun() == null ? List.of() : List.of(new CodeMetricsTrendAction(getRun().getParent()));
    }

    @Override
    protected String title() {
        return "Code metrics";
    }

    @Override
    protected String icon() {
        return "symbol-analytics-outline plugin-ionicons-api";
    }
}
