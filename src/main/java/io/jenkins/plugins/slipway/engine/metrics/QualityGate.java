package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.MetricsGates;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Coverage;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplication;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.GateResult;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Judges measured figures against the gates: absolute, density, and delta against a baseline result. */
final class QualityGate {

    /**
     * The baseline's figures the delta gates use; null fields were absent in the baseline ({@code highFingerprints}
     * is null for a baseline written before findings had fingerprints: then the count is compared).
     */
    record Baseline(Integer highPriority, Double linePercent, List<String> highFingerprints) {
        static Baseline of(JsonNode root) {
            JsonNode byPriority = root.path("violations").path("byPriority");
            Integer high = null;
            if (byPriority.isObject()) {
                high = byPriority.path("1").asInt(0) + byPriority.path("2").asInt(0);
            }
            JsonNode line = root.path("coverage").path("linePercent");
            JsonNode prints = root.path("violations").path("highPriorityFingerprints");
            List<String> fingerprints = null;
            if (prints.isArray()) {
                fingerprints = new ArrayList<>();
                for (JsonNode p : prints) {
                    fingerprints.add(p.asText());
                }
            }
            return new Baseline(high, line.isNumber() ? line.asDouble() : null, fingerprints);
        }
    }

    /** How many of the current fingerprints the baseline does not have (counting repeated ones as often). */
    static int newFingerprints(List<String> now, List<String> before) {
        Map<String, Integer> left = new java.util.HashMap<>();
        before.forEach(f -> left.merge(f, 1, Integer::sum));
        int added = 0;
        for (String f : now) {
            Integer n = left.get(f);
            if (n == null || n == 0) {
                added++;
            } else {
                left.put(f, n - 1);
            }
        }
        return added;
    }

    private final MetricsGates gates;
    private final List<GateResult> results = new ArrayList<>();

    QualityGate(MetricsGates gates) {
        this.gates = gates;
    }

    List<GateResult> judge(Violations violations, Duplication duplication, Coverage coverage, long codeLines,
            Baseline baseline, String baselineProblem) {
        Map<String, Integer> sorted = new TreeMap<>(gates.maxViolations());
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            int actual = "total".equals(e.getKey()) ? violations.total()
                    : violations.byPriority().getOrDefault(e.getKey(), 0);
            String metric = "total".equals(e.getKey()) ? "violations" : "priority " + e.getKey() + " violations";
            atMost("violations", "absolute", metric, actual, e.getValue(), "");
        }
        if (gates.maxDuplicatedLinesPercent() != null) {
            atMost("duplication", "absolute", "duplicated lines %", duplication.duplicatedLinesPercent(),
                    gates.maxDuplicatedLinesPercent(), "");
        }
        if (gates.minLineCoverage() != null) {
            if (coverage == null || coverage.linePercent() == null) {
                fail("coverage", "absolute", "line coverage %", 0, gates.minLineCoverage(),
                        "line coverage gate: no coverage report was read (set coverageReports)");
            } else {
                atLeast("coverage", "absolute", "line coverage %", coverage.linePercent(), gates.minLineCoverage());
            }
        }
        if (gates.maxViolationsPer1000Lines() != null) {
            atMost("density", "density", "violations per 1,000 lines", violations.per1000Lines(),
                    gates.maxViolationsPer1000Lines(), " (" + violations.total() + " in " + codeLines + " lines)");
        }
        boolean deltaAsked = Boolean.TRUE.equals(gates.noNewHighPriorityViolations()) || gates.maxCoverageDrop() != null;
        if (deltaAsked && baseline != null) {
            if (Boolean.TRUE.equals(gates.noNewHighPriorityViolations()) && baseline.highFingerprints() != null
                    && violations.highPriorityFingerprints() != null) {
                int added = newFingerprints(violations.highPriorityFingerprints(), baseline.highFingerprints());
                atMost("newHighPriority", "delta", "new priority 1-2 violations vs baseline", added, 0,
                        added > 0 ? " (" + added + " not in the baseline, matched by fingerprint)" : "");
            } else if (Boolean.TRUE.equals(gates.noNewHighPriorityViolations()) && baseline.highPriority() != null) {
                int now = violations.byPriority().getOrDefault("1", 0) + violations.byPriority().getOrDefault("2", 0);
                atMost("newHighPriority", "delta", "priority 1-2 violations vs baseline", now, baseline.highPriority(),
                        now > baseline.highPriority() ? " (" + (now - baseline.highPriority()) + " new)" : "");
            }
            if (gates.maxCoverageDrop() != null && baseline.linePercent() != null && coverage != null
                    && coverage.linePercent() != null) {
                double drop = baseline.linePercent() - coverage.linePercent();
                atMost("coverageDrop", "delta", "line coverage drop in points", round(Math.max(0, drop)),
                        gates.maxCoverageDrop(), String.format(Locale.ROOT, " (%.2f%% -> %.2f%%)",
                                baseline.linePercent(), coverage.linePercent()));
            }
        }
        return List.copyOf(results);
    }

    /** Without a baseline: a note naming the delta gates that were asked for and not evaluated; null if none was. */
    static String notEvaluatedDeltaNote(MetricsGates gates, String why) {
        List<String> asked = new ArrayList<>();
        if (Boolean.TRUE.equals(gates.noNewHighPriorityViolations())) {
            asked.add("noNewHighPriorityViolations");
        }
        if (gates.maxCoverageDrop() != null) {
            asked.add("maxCoverageDrop");
        }
        return asked.isEmpty() ? null : why + ": the delta gates " + String.join(", ", asked) + " were not evaluated";
    }

    private void atMost(String gate, String kind, String metric, double actual, double threshold, String detail) {
        boolean passed = actual <= threshold;
        add(gate, kind, metric, actual, threshold, passed, String.format(Locale.ROOT, "%s %s: %s %s maximum %s%s",
                metric, passed ? "passed" : "missed", fmt(actual), passed ? "<=" : ">", fmt(threshold), detail)
                + (passed ? "" : " by " + fmt(round(actual - threshold))));
    }

    private void atLeast(String gate, String kind, String metric, double actual, double threshold) {
        boolean passed = actual >= threshold;
        add(gate, kind, metric, actual, threshold, passed, String.format(Locale.ROOT, "%s %s: %s %s minimum %s",
                metric, passed ? "passed" : "missed", fmt(actual), passed ? ">=" : "<", fmt(threshold))
                + (passed ? "" : " by " + fmt(round(threshold - actual))));
    }

    private void fail(String gate, String kind, String metric, double actual, double threshold, String message) {
        add(gate, kind, metric, actual, threshold, false, message);
    }

    private void add(String gate, String kind, String metric, double actual, double threshold, boolean passed,
            String message) {
        Outcome effect = Outcome.valueOf(gates.severityOf(gate).name());
        results.add(new GateResult(gate, kind, metric, actual, threshold, passed, effect,
                passed ? message : message + " -> " + effect));
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
