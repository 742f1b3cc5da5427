package io.jenkins.plugins.slipway.request.metrics;

import io.jenkins.plugins.slipway.request.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 *
 * <p>The {@code codeMetrics} step's form writes {@code maxViolations} and {@code severity} as text
 * ({@code 1=0, total=200}; {@code density=failed}): {@link #maxViolations(Map)} and {@link #severity(Map)} read those
 * pairs with the same checks.
 */
public record MetricsGates(Map<String, Integer> maxViolations, Double maxDuplicatedLinesPercent, Double minLineCoverage,
        Double maxViolationsPer1000Lines, Boolean noNewHighPriorityViolations, Double maxCoverageDrop,
        Map<String, GateSeverity> severity) {

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
                        + "' must be a priority 1..5 or 'total' (e.g. 1=0, total=200)");
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("gates.maxViolations." + e.getKey() + " must be >= 0, was "
                        + e.getValue());
            }
        }
        Checks.percent("gates.maxDuplicatedLinesPercent", maxDuplicatedLinesPercent);
        Checks.percent("gates.minLineCoverage", minLineCoverage);
        Checks.percent("gates.maxCoverageDrop", maxCoverageDrop);
        if (maxViolationsPer1000Lines != null && !(maxViolationsPer1000Lines >= 0)) {
            throw new IllegalArgumentException("gates.maxViolationsPer1000Lines must be >= 0, was "
                    + maxViolationsPer1000Lines);
        }
        for (Map.Entry<String, GateSeverity> e : severity.entrySet()) {
            if (!GATE_NAMES.contains(e.getKey())) {
                throw new IllegalArgumentException("gates.severity: unknown gate '" + e.getKey() + "'; known: "
                        + new TreeSet<>(GATE_NAMES));
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("gates.severity." + e.getKey() + " must be UNSTABLE or FAILED");
            }
        }
    }

    /**
     * {@code maxViolations} as text pairs give it ({@code 1 -> "0"}): each count a whole number; the keys and counts
     * are then checked as the record checks them.
     */
    public static Map<String, Integer> maxViolations(Map<String, String> pairs) {
        Map<String, Integer> max = new LinkedHashMap<>();
        pairs.forEach((key, value) -> {
            try {
                max.put(key, Integer.valueOf(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("maxViolations " + key + "=" + value
                        + " needs a whole number (e.g. 1=0, total=200)", e);
            }
        });
        new MetricsGates(max, null, null, null, null, null, null);
        return max;
    }

    /**
     * {@code severity} as text pairs give it ({@code density -> "failed"}): each value UNSTABLE or FAILED in any
     * letter case; the gate names are then checked as the record checks them.
     */
    public static Map<String, GateSeverity> severity(Map<String, String> pairs) {
        Map<String, GateSeverity> severity = new LinkedHashMap<>();
        pairs.forEach((gate, value) -> {
            try {
                severity.put(gate, Checks.oneOf(GateSeverity.class, value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gates.severity." + gate + " must be UNSTABLE or FAILED, was '"
                        + value + "'", e);
            }
        });
        new MetricsGates(null, null, null, null, null, null, severity);
        return severity;
    }

    /** What missing this gate does to the build. */
    public GateSeverity severityOf(String gate) {
        return severity.getOrDefault(gate, GateSeverity.UNSTABLE);
    }
}
