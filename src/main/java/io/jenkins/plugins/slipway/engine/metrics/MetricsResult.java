package io.jenkins.plugins.slipway.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.coverage.FileCoverage;
import java.util.List;
import java.util.Map;

/**
 * What the metrics stage measured and how the gate judged it. Lists are capped for a compact JSON
 * ({@code violations.items} at 500, {@code duplication.items} at 200); the complete lists are in the PMD and
 * CPD XML reports named in {@code reports}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsResult(Outcome outcome, String summary, Size size, Violations violations,
        Duplication duplication, Coverage coverage, List<GateResult> gates, String baselineNote,
        List<SkippedFile> skippedFiles, List<AnalyserRun> analysers, Map<String, String> reports,
        long durationMillis) implements StageResult {

    public MetricsResult {
        gates = List.copyOf(gates);
        analysers = analysers == null ? List.of() : List.copyOf(analysers);
        skippedFiles = List.copyOf(skippedFiles);
        reports = Map.copyOf(reports);
    }

    /** Files and lines, in total, per language and for the largest files. */
    public record Size(int files, long codeLines, long commentLines, long blankLines, List<LanguageSize> languages,
            List<FileSize> largestFiles) {
    }

    public record LanguageSize(String language, int files, long codeLines, long commentLines, long blankLines) {
    }

    public record FileSize(String path, String language, int codeLines) {
    }

    /**
     * Every analyser's findings (PMD, pylint, flake8, bandit and the ingested reports): counts per priority
     * ("1".."5") and per tool, the rules found most, the findings themselves, and the fingerprints of every
     * priority 1-2 finding (never capped) that the "no new high-priority findings" gate compares with a baseline.
     */
    public record Violations(int total, Map<String, Integer> byPriority, Map<String, Integer> byTool,
            double per1000Lines, List<RuleCount> topRules, List<Violation> items, boolean truncated,
            List<String> highPriorityFingerprints) {
    }

    public record RuleCount(String tool, String rule, String language, int priority, int count) {
    }

    /**
     * One finding. {@code fingerprint} stays the same when the finding's line moves: it hashes the tool, rule,
     * file, the text of the flagged line and its occurrence number among equal ones in that file.
     */
    public record Violation(String tool, String file, int line, String rule, int priority, String message,
            String fingerprint) {
    }

    /**
     * One analyser of the run: {@code status} RAN, MISSING (not installed: {@code detail} says how to install it),
     * SKIPPED (nothing for it to analyse, or not chosen) or INGESTED (findings read from {@code detail}, a report).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnalyserRun(String name, String status, int findings, String detail, Long durationMillis) {
    }

    /** CPD's findings: duplicated lines over the lines of the languages CPD analysed. */
    public record Duplication(int blocks, long duplicatedLines, long analysedLines, double duplicatedLinesPercent,
            List<Duplicate> items, boolean truncated) {
    }

    public record Duplicate(int lines, int tokens, List<Location> locations) {
    }

    public record Location(String file, int beginLine, int endLine) {
    }

    /**
     * Coverage read from the coverage reports (null percentages when a report had no such counters);
     * {@code worstFiles}: the 100 files with the lowest line coverage, with their missed lines.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coverage(Double linePercent, Double branchPercent, long linesCovered, long linesTotal,
            List<String> reports, List<FileCoverage> worstFiles) {
    }

    /**
     * One gate: which ({@code gate}, of {@code kind} absolute/density/delta), the actual value against the
     * threshold, whether it passed, and what missing it does ({@code effect} UNSTABLE or FAILED).
     */
    public record GateResult(String gate, String kind, String metric, double actual, double threshold,
            boolean passed, Outcome effect, String message) {
    }

    /** A file a tool could not analyse (it is left out of that tool's figures, never fatal). */
    public record SkippedFile(String file, String tool, String reason) {
    }
}
