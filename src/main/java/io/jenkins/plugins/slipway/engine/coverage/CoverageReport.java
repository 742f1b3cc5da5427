package io.jenkins.plugins.slipway.engine.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage read from one or more reports: line and branch totals and per-file figures (sorted by path).
 * {@code unresolvedFiles} counts files named by a report that were not found in the workspace.
 */
public record CoverageReport(List<String> reports, List<CoverageFormat> formats, Counter lines, Counter branches,
        int unresolvedFiles, List<FileCoverage> files) {

    public CoverageReport {
        reports = List.copyOf(reports);
        formats = List.copyOf(formats);
        files = List.copyOf(files);
    }

    static CoverageReport of(String report, CoverageFormat format, List<FileCoverage> files) {
        return new CoverageReport(List.of(report), List.of(format), Counter.EMPTY, Counter.EMPTY, 0, List.of())
                .withFiles(files);
    }

    private CoverageReport withFiles(List<FileCoverage> newFiles) {
        Map<String, FileCoverage> byPath = new LinkedHashMap<>();
        for (FileCoverage file : newFiles) {
            byPath.merge(file.path(), file, FileCoverage::merge);
        }
        List<FileCoverage> sorted = new ArrayList<>(byPath.values());
        sorted.sort(Comparator.comparing(FileCoverage::path));
        Counter l = Counter.EMPTY;
        Counter b = Counter.EMPTY;
        int unresolved = 0;
        for (FileCoverage file : sorted) {
            l = l.plus(file.lines());
            b = b.plus(file.branches());
            unresolved += file.resolved() ? 0 : 1;
        }
        return new CoverageReport(reports, formats, l, b, unresolved, sorted);
    }

    /**
     * Both reports together. A file present in both (e.g. unit and integration tests of the same code) is summed,
     * which overstates nothing only when the reports cover different code; merge execution data first otherwise.
     */
    public CoverageReport merge(CoverageReport other) {
        List<String> allReports = new ArrayList<>(reports);
        allReports.addAll(other.reports);
        List<CoverageFormat> allFormats = new ArrayList<>(formats);
        other.formats.stream().filter(f -> !allFormats.contains(f)).forEach(allFormats::add);
        List<FileCoverage> allFiles = new ArrayList<>(files);
        allFiles.addAll(other.files);
        return new CoverageReport(allReports, allFormats, Counter.EMPTY, Counter.EMPTY, 0, List.of())
                .withFiles(allFiles);
    }

    /** The same figures without the per-file list (for compact results). */
    public CoverageReport withoutFiles() {
        return new CoverageReport(reports, formats, lines, branches, unresolvedFiles, List.of());
    }
}
