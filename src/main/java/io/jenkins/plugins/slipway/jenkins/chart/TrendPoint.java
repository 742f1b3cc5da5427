package io.jenkins.plugins.slipway.jenkins.chart;

/**
 * One build's figures for the trend chart. A null value means the build did not measure it (e.g. no coverage).
 */
public final class TrendPoint {
    private final String label;
    private final Double violations;
    private final Double duplicationPercent;
    private final Double coveragePercent;
    private final Double linesOfCode;

    public TrendPoint(String label, Double violations, Double duplicationPercent, Double coveragePercent,
            Double linesOfCode) {
        this.label = label == null ? "" : label;
        this.violations = violations;
        this.duplicationPercent = duplicationPercent;
        this.coveragePercent = coveragePercent;
        this.linesOfCode = linesOfCode;
    }

    public String getLabel() {
        return label;
    }

    public Double getViolations() {
        return violations;
    }

    public Double getDuplicationPercent() {
        return duplicationPercent;
    }

    public Double getCoveragePercent() {
        return coveragePercent;
    }

    public Double getLinesOfCode() {
        return linesOfCode;
    }
}
