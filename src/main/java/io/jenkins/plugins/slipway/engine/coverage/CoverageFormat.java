package io.jenkins.plugins.slipway.engine.coverage;

/** The coverage report formats Slipway reads. */
public enum CoverageFormat {
    /** JaCoCo's XML report ({@code jacoco.xml}). */
    JACOCO_XML,
    /** JaCoCo's binary execution data ({@code jacoco.exec}) analysed against class files. */
    JACOCO_EXEC,
    /** Cobertura XML, as written by coverage.py, pytest-cov, Istanbul and Cobertura. */
    COBERTURA_XML
}
