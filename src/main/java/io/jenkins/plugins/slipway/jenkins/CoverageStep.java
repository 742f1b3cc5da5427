package io.jenkins.plugins.slipway.jenkins;

import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A gated step that reads coverage reports ({@code runTests}, {@code codeMetrics}): {@code coverageReports} and
 * {@code coverageClassDirs} are declared once here; what each means to its step (and its default) is said in the
 * step's own {@code help-<parameter>.html} and its request record.
 */
public abstract class CoverageStep extends GatedStep {
    private static final long serialVersionUID = 1L;

    private String coverageReports;
    private String coverageClassDirs;

    /** {@code coverageReports} as the request's list; null when unset (the record's default). */
    protected final List<String> coverageReportGlobs() {
        return Params.listOrNull(coverageReports);
    }

    /** {@code coverageClassDirs} as the request's list; null when unset (the record's default). */
    protected final List<String> coverageClassDirList() {
        return Params.listOrNull(coverageClassDirs);
    }

    public String getCoverageReports() {
        return coverageReports;
    }

    @DataBoundSetter
    public void setCoverageReports(String coverageReports) {
        this.coverageReports = coverageReports;
    }

    public String getCoverageClassDirs() {
        return coverageClassDirs;
    }

    @DataBoundSetter
    public void setCoverageClassDirs(String coverageClassDirs) {
        this.coverageClassDirs = coverageClassDirs;
    }

    /** The form's check of a percentage: the request records' ({@link io.jenkins.plugins.slipway.request.Checks#percent}). */
    public static String percentProblem(String name, String value) {
        return io.jenkins.plugins.slipway.request.Checks.problem(
                () -> io.jenkins.plugins.slipway.request.Checks.percent(name, value));
    }
}
