package io.jenkins.plugins.slipway.engine.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import java.util.Map;
import java.util.Set;

/**
 * Quality-gate thresholds; every one is optional (null = not checked).
 *
 * <ul>
 *   <li>absolute: {@code maxViolations} by priority ("1".."5") or "total"; {@code maxDuplicatedLinesPercent};
 *       {@code minLineCoverage} (percent)</li>
 *   <li>density: {@code maxViolationsPer1000Lines} (all violations per 1,000 lines of code)</li>
 *   <li>delta against the baseline: {@code noNewHighPriorityViolations} (priority 1-2 count may not grow);
 *       {@code maxCoverageDrop} (percentage points)</li>
 * </ul>
 * {@code severity} maps a gate name ({@link #GATE_NAMES}; "violations" covers every maxViolations key) to
 * {@code UNSTABLE} (default) or {@code FAILED}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsGates(Map<String, Integer> maxViolations, Double maxDuplicatedLinesPercent, Double minLineCoverage,
        Double maxViolationsPer1000Lines, Boolean noNewHighPriorityViolations, Double maxCoverageDrop,
        Map<String, Outcome> severity) {

    public static final Set<String> GATE_NAMES = Set.of("violations", "duplication", "coverage", "density",
            "newHighPriority", "coverageDrop");
    private static final Set<String> VIOLATION_KEYS = Set.of("1", "2", "3", "4", "5", "total");

    public static final MetricsGates NONE = new MetricsGates(null, null, null, null, null, null, null);

    public MetricsGates {
        maxViolations = maxViolations == null ? Map.of() : Map.copyOf(maxViolations);
        severity = severity == null ? Map.of() : Map.copyOf(severity);
        for (Map.Entry<String, Integer> e : maxViolations.entrySet()) {
            if (!VIOLATION_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("gates.maxViolations: key '" + e.getKey()
                        + "' must be a priority 1..5 or 'total'");
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("gates.maxViolations." + e.getKey() + " must be >= 0");
            }
        }
        percent("gates.maxDuplicatedLinesPercent", maxDuplicatedLinesPercent);
        percent("gates.minLineCoverage", minLineCoverage);
        percent("gates.maxCoverageDrop", maxCoverageDrop);
        if (maxViolationsPer1000Lines != null && !(maxViolationsPer1000Lines >= 0)) {
            throw new IllegalArgumentException("gates.maxViolationsPer1000Lines must be >= 0");
        }
        for (Map.Entry<String, Outcome> e : severity.entrySet()) {
            if (!GATE_NAMES.contains(e.getKey())) {
                throw new IllegalArgumentException("gates.severity: unknown gate '" + e.getKey() + "'; known: "
                        + new java.util.TreeSet<>(GATE_NAMES));
            }
            if (e.getValue() == null || e.getValue() == Outcome.PASSED) {
                throw new IllegalArgumentException("gates.severity." + e.getKey() + " must be UNSTABLE or FAILED");
            }
        }
    }

    private static void percent(String name, Double value) {
        if (value != null && !(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be between 0 and 100, was " + value);
        }
    }

    /** What missing this gate does to the build. */
    public Outcome severityOf(String gate) {
        return severity.getOrDefault(gate, Outcome.UNSTABLE);
    }
}
