package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplicate;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.FileSize;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.GateResult;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.LanguageSize;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Location;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.RuleCount;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.SkippedFile;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A static HTML page with inline-SVG bar charts and a stylesheet beside it: no script, no inline style, so it renders the
 * same from disk and archived in Jenkins under its default Content-Security-Policy.
 */
final class HtmlReport {

    /**
     * The stylesheet, written beside the page: Jenkins serves archived files with {@code style-src 'self'}, which
     * blocks inline {@code <style>} and {@code style=""} but allows a stylesheet from the same place.
     */
    static final String STYLESHEET = "slipway.css";
    static final String CSS = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;"
            + "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
            + "td.n{text-align:right}.PASSED{color:#1a7f37}.UNSTABLE{color:#9a6700}.FAILED{color:#cf222e}"
            + "svg text{font-size:12px;font-family:system-ui,sans-serif}\n";

    private HtmlReport() {
    }

    static void write(Path file, MetricsResult r) throws IOException {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Code metrics</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\"></head><body>\n");
        h.append("<h1>Code metrics: <span class=\"").append(r.outcome()).append("\">").append(r.outcome())
                .append("</span></h1>\n<p>").append(esc(r.summary())).append("</p>\n");
        if (r.baselineNote() != null) {
            h.append("<p><em>").append(esc(r.baselineNote())).append("</em></p>\n");
        }
        if (!r.gates().isEmpty()) {
            h.append("<h2>Quality gate</h2>\n<table><tr><th>Gate</th><th>Kind</th><th>Actual</th><th>Threshold</th>")
                    .append("<th>Result</th><th>Detail</th></tr>\n");
            for (GateResult g : r.gates()) {
                String status = g.passed() ? "PASSED" : g.effect().name();
                h.append("<tr><td>").append(esc(g.metric())).append("</td><td>").append(g.kind())
                        .append("</td><td class=\"n\">").append(QualityGate.fmt(g.actual()))
                        .append("</td><td class=\"n\">").append(QualityGate.fmt(g.threshold()))
                        .append("</td><td class=\"").append(status).append("\">").append(status).append("</td><td>")
                        .append(esc(g.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Size</h2>\n<table><tr><th>Language</th><th>Files</th><th>Code</th><th>Comment</th>")
                .append("<th>Blank</th></tr>\n");
        for (LanguageSize l : r.size().languages()) {
            h.append("<tr><td>").append(esc(l.language())).append("</td><td class=\"n\">").append(l.files())
                    .append("</td><td class=\"n\">").append(l.codeLines()).append("</td><td class=\"n\">")
                    .append(l.commentLines()).append("</td><td class=\"n\">").append(l.blankLines())
                    .append("</td></tr>\n");
        }
        h.append("<tr><th>Total</th><th>").append(r.size().files()).append("</th><th>").append(r.size().codeLines())
                .append("</th><th>").append(r.size().commentLines()).append("</th><th>").append(r.size().blankLines())
                .append("</th></tr></table>\n");
        List<String[]> rules = new ArrayList<>();
        for (RuleCount rc : r.violations().topRules()) {
            rules.add(new String[] {rc.rule() + " (P" + rc.priority() + ")", String.valueOf(rc.count())});
        }
        h.append("<h2>Top rules</h2>\n").append(bars(rules, "#cf222e"));
        List<String[]> files = new ArrayList<>();
        for (FileSize f : r.size().largestFiles()) {
            files.add(new String[] {f.path(), String.valueOf(f.codeLines())});
        }
        h.append("<h2>Largest files (lines of code)</h2>\n").append(bars(files, "#0969da"));
        List<String[]> dups = new ArrayList<>();
        for (Duplicate d : r.duplication().items().subList(0, Math.min(15, r.duplication().items().size()))) {
            Location first = d.locations().get(0);
            dups.add(new String[] {first.file() + ":" + first.beginLine() + " ×" + d.locations().size(),
                String.valueOf(d.lines())});
        }
        h.append(String.format(Locale.ROOT, "<h2>Duplication: %.2f%% (%d lines in %d blocks)</h2>\n",
                r.duplication().duplicatedLinesPercent(), r.duplication().duplicatedLines(),
                r.duplication().blocks())).append(bars(dups, "#8250df"));
        if (!r.duplication().items().isEmpty()) {
            h.append("<table><tr><th>Lines</th><th>Tokens</th><th>Where</th></tr>\n");
            for (Duplicate d : r.duplication().items().subList(0, Math.min(50, r.duplication().items().size()))) {
                h.append("<tr><td class=\"n\">").append(d.lines()).append("</td><td class=\"n\">").append(d.tokens())
                        .append("</td><td>");
                for (Location l : d.locations()) {
                    h.append(esc(l.file())).append(':').append(l.beginLine()).append('-').append(l.endLine())
                            .append("<br>");
                }
                h.append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (r.coverage() != null) {
            h.append("<h2>Coverage</h2>\n<p>Lines: ").append(pct(r.coverage().linePercent())).append(", branches: ")
                    .append(pct(r.coverage().branchPercent())).append(" (").append(esc(String.join(", ",
                            r.coverage().reports()))).append(")</p>\n");
        }
        h.append("<h2>Violations (").append(r.violations().total()).append(")</h2>\n");
        if (!r.violations().items().isEmpty()) {
            h.append("<table><tr><th>File</th><th>Line</th><th>Priority</th><th>Rule</th><th>Message</th></tr>\n");
            for (Violation v : r.violations().items()) {
                h.append("<tr><td>").append(esc(v.file())).append("</td><td class=\"n\">").append(v.line())
                        .append("</td><td class=\"n\">").append(v.priority()).append("</td><td>").append(esc(v.rule()))
                        .append("</td><td>").append(esc(v.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (r.violations().truncated()) {
                h.append("<p>Only the first ").append(r.violations().items().size())
                        .append(" are listed; the PMD XML report has them all.</p>\n");
            }
        }
        if (!r.skippedFiles().isEmpty()) {
            h.append("<h2>Skipped files</h2>\n<table><tr><th>File</th><th>Tool</th><th>Reason</th></tr>\n");
            for (SkippedFile s : r.skippedFiles()) {
                h.append("<tr><td>").append(esc(s.file())).append("</td><td>").append(s.tool()).append("</td><td>")
                        .append(esc(s.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, h, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(file.resolveSibling(STYLESHEET), CSS, StandardCharsets.UTF_8);
    }

    /** A horizontal bar chart, one bar per (label, value) row. */
    static String bars(List<String[]> rows, String colour) {
        if (rows.isEmpty()) {
            return "<p>None.</p>\n";
        }
        double max = rows.stream().mapToDouble(row -> Double.parseDouble(row[1])).max().orElse(1);
        int labelWidth = 340;
        int barWidth = 360;
        int rowHeight = 20;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(labelWidth + barWidth + 60)
                .append("\" height=\"").append(rows.size() * rowHeight + 4).append("\">\n");
        int y = 2;
        for (String[] row : rows) {
            double value = Double.parseDouble(row[1]);
            int w = max <= 0 ? 0 : (int) Math.round(value / max * barWidth);
            String label = row[0].length() > 46 ? "…" + row[0].substring(row[0].length() - 45) : row[0];
            s.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(esc(label)).append("<title>").append(esc(row[0]))
                    .append("</title></text><rect x=\"").append(labelWidth).append("\" y=\"").append(y + 2)
                    .append("\" width=\"").append(Math.max(1, w)).append("\" height=\"").append(rowHeight - 4)
                    .append("\" fill=\"").append(colour).append("\"/><text x=\"").append(labelWidth + w + 4)
                    .append("\" y=\"").append(y + 14).append("\">").append(esc(row[1])).append("</text>\n");
            y += rowHeight;
        }
        return s.append("</svg>\n").toString();
    }

    private static String pct(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", value);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
