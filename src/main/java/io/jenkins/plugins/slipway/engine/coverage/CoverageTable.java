package io.jenkins.plugins.slipway.engine.coverage;

import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Per-file coverage as an HTML table, worst first (lowest line coverage, then most missed lines): file, lines,
 * covered, %, branches %, missed line ranges. Shared by the test and metrics reports.
 */
public final class CoverageTable {
    private static final int MAX_RANGES_CHARS = 160;

    private CoverageTable() {
    }

    /** The files sorted worst first; files with no line to cover go last. */
    public static List<FileCoverage> worstFirst(List<FileCoverage> files) {
        List<FileCoverage> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingDouble((FileCoverage f) -> f.lines().percent() == null ? 101
                : f.lines().percent()).thenComparing(Comparator.comparingLong((FileCoverage f) -> f.lines().missed())
                .reversed()).thenComparing(FileCoverage::path));
        return sorted;
    }

    /** The table of at most {@code max} files, worst first; "" when there is no file. */
    public static String html(List<FileCoverage> files, int max) {
        if (files.isEmpty()) {
            return "";
        }
        List<FileCoverage> sorted = worstFirst(files);
        StringBuilder h = new StringBuilder();
        h.append("<table class=\"coverage-files\"><tr><th>File</th><th>Lines</th><th>Covered</th><th>%</th>")
                .append("<th>Branches %</th><th>Missed lines</th></tr>\n");
        for (FileCoverage f : sorted.subList(0, Math.min(max, sorted.size()))) {
            String missed = f.missedLines() == null ? "–" : f.missedLines();
            if (missed.length() > MAX_RANGES_CHARS) {
                missed = missed.substring(0, missed.lastIndexOf(',', MAX_RANGES_CHARS)) + ", …";
            }
            h.append("<tr><td>").append(esc(f.path())).append(f.resolved() ? "" : " (not in workspace)")
                    .append("</td><td class=\"n num\">").append(f.lines().total()).append("</td><td class=\"n num\">")
                    .append(f.lines().covered()).append("</td><td class=\"n num\">").append(pct(f.lines()))
                    .append("</td><td class=\"n num\">").append(pct(f.branches())).append("</td><td>")
                    .append(esc(missed)).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (sorted.size() > max) {
            h.append("<p>").append(sorted.size() - max).append(" better-covered files are not listed.</p>\n");
        }
        return h.toString();
    }

    private static String pct(Counter c) {
        return c.percent() == null ? "–" : String.format(Locale.ROOT, "%.2f", c.percent());
    }

    private static String esc(String s) {
        return HtmlPage.esc(s);
    }
}
