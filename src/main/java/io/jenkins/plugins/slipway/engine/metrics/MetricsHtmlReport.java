package io.jenkins.plugins.slipway.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.AnalyserRun;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplicate;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.FileSize;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.GateResult;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.LanguageSize;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Location;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.RuleCount;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.SkippedFile;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A static HTML page with inline-SVG bar charts, styled by the shared {@code slipway.css} written beside it: no
 * script, no inline style, so it renders the same from disk and archived in Jenkins under its default
 * Content-Security-Policy. With a baseline, each headline figure shows its change (▲/▼, coloured worse/better).
 */
final class MetricsHtmlReport {

    /** The stylesheet beside the page (the Jenkins adapter archives {@code index.html} and this file). */
    static final String STYLESHEET = HtmlPage.STYLESHEET;
    private static final int MAX_SHOWN_BLOCKS = 15;
    private static final int MAX_SHOWN_LINES = 40;

    private MetricsHtmlReport() {
    }

    static void write(Path file, MetricsResult r) throws IOException {
        write(file, r, null);
    }

    static void write(Path file, MetricsResult r, JsonNode baseline) throws IOException {
        write(file, r, baseline, null);
    }

    /**
     * Writes the page and the stylesheet beside it; {@code baseline} is a previous result (null: no deltas),
     * {@code sources} the directory the result's file names are relative to (null: duplicated lines not shown).
     */
    static void write(Path file, MetricsResult r, JsonNode baseline, Path sources) throws IOException {
        StringBuilder h = new StringBuilder(16_384);
        JsonNode b = baseline == null ? MissingNode.getInstance() : baseline;
        h.append(HtmlPage.head("Code metrics: " + r.outcome()));
        h.append("<header class=\"page-header v-").append(r.outcome()).append("\"><h1>Code metrics ")
                .append(HtmlPage.badge(r.outcome().name())).append("</h1>\n<p class=\"lede\">").append(esc(r.summary()))
                .append("</p>\n<dl class=\"figures\">");
        int high = r.violations().byPriority().getOrDefault("1", 0) + r.violations().byPriority().getOrDefault("2", 0);
        JsonNode bp = b.path("violations").path("byPriority");
        figure(h, "findings", String.valueOf(r.violations().total()),
                delta(r.violations().total(), num(b.path("violations").path("total")), true, "%.0f"));
        figure(h, "high priority", String.valueOf(high), delta(high, bp.isObject()
                ? Double.valueOf(bp.path("1").asInt(0) + bp.path("2").asInt(0)) : null, true, "%.0f"));
        if (r.coverage() != null && r.coverage().linePercent() != null) {
            figure(h, "line coverage", pct(r.coverage().linePercent()),
                    delta(r.coverage().linePercent(), num(b.path("coverage").path("linePercent")), false, "%.2f"));
        }
        figure(h, "duplicated", String.format(Locale.ROOT, "%.2f%%", r.duplication().duplicatedLinesPercent()),
                delta(r.duplication().duplicatedLinesPercent(), num(b.path("duplication").path("duplicatedLinesPercent")),
                        true, "%.2f"));
        figure(h, "lines of code", String.valueOf(r.size().codeLines()),
                delta(r.size().codeLines(), num(b.path("size").path("codeLines")), null, "%.0f"));
        figure(h, "files", String.valueOf(r.size().files()), delta(r.size().files(), num(b.path("size").path("files")),
                null, "%.0f"));
        h.append("</dl>\n");
        if (r.baselineNote() != null) {
            h.append("<p class=\"muted\">").append(esc(r.baselineNote())).append("</p>\n");
        }
        h.append("</header>\n");
        if (!r.gates().isEmpty()) {
            h.append("<h2>Quality gate</h2>\n<table><tr><th>Gate</th><th>Kind</th><th class=\"n\">Actual</th>")
                    .append("<th class=\"n\">Threshold</th><th>Result</th><th>Detail</th></tr>\n");
            for (GateResult g : r.gates()) {
                String status = g.passed() ? "PASSED" : g.effect().name();
                h.append("<tr><td>").append(esc(g.metric())).append("</td><td>").append(g.kind())
                        .append("</td><td class=\"n\">").append(QualityGate.fmt(g.actual()))
                        .append("</td><td class=\"n\">").append(QualityGate.fmt(g.threshold()))
                        .append("</td><td>").append(HtmlPage.badge(status)).append("</td><td>")
                        .append(esc(g.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Size</h2>\n<table><tr><th>Language</th><th class=\"n\">Files</th><th class=\"n\">Code</th>")
                .append("<th class=\"n\">Comment</th><th class=\"n\">Blank</th></tr>\n");
        for (LanguageSize l : r.size().languages()) {
            h.append("<tr><td>").append(esc(l.language())).append("</td><td class=\"n\">").append(l.files())
                    .append("</td><td class=\"n\">").append(l.codeLines()).append("</td><td class=\"n\">")
                    .append(l.commentLines()).append("</td><td class=\"n\">").append(l.blankLines())
                    .append("</td></tr>\n");
        }
        h.append("<tr class=\"total\"><td>Total</td><td class=\"n\">").append(r.size().files())
                .append("</td><td class=\"n\">").append(r.size().codeLines()).append("</td><td class=\"n\">")
                .append(r.size().commentLines()).append("</td><td class=\"n\">").append(r.size().blankLines())
                .append("</td></tr></table>\n");
        if (!r.analysers().isEmpty()) {
            h.append("<h2>Analysers</h2>\n<table><tr><th>Analyser</th><th>Status</th><th>Findings</th>")
                    .append("<th>Detail</th></tr>\n");
            for (AnalyserRun a : r.analysers()) {
                h.append("<tr><td>").append(esc(a.name())).append("</td><td>").append("<span class=\"tag\">").append(esc(a.status())).append("</span>")
                        .append("</td><td class=\"n\">").append(a.findings()).append("</td><td>")
                        .append(esc(a.detail())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        findingsTables(h, r, b);
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
            int shown = 0;
            for (Duplicate d : r.duplication().items().subList(0, Math.min(50, r.duplication().items().size()))) {
                h.append("<details class=\"dup\"").append(shown == 0 ? " open" : "").append("><summary><b>").append(d.lines())
                        .append(" lines</b> <span class=\"muted\">(").append(d.tokens()).append(" tokens)</span> in ");
                List<String> where = new ArrayList<>();
                for (Location l : d.locations()) {
                    where.add("<code>" + esc(l.file()) + ":" + l.beginLine() + "-" + l.endLine() + "</code>");
                }
                h.append(String.join(" and ", where)).append("</summary>\n");
                String code = shown++ < MAX_SHOWN_BLOCKS && sources != null ? lines(sources, d.locations().get(0)) : null;
                if (code != null) {
                    h.append("<pre>").append(esc(code)).append("</pre>\n");
                }
                h.append("</details>\n");
            }
        }
        if (r.coverage() != null) {
            h.append("<h2>Coverage</h2>\n<p>Lines: ").append(pct(r.coverage().linePercent())).append(", branches: ")
                    .append(pct(r.coverage().branchPercent())).append(" (").append(esc(String.join(", ",
                            r.coverage().reports()))).append(")</p>\n");
            if (r.coverage().worstFiles() != null && !r.coverage().worstFiles().isEmpty()) {
                h.append("<h3>Per file, worst first</h3>\n")
                        .append(io.jenkins.plugins.slipway.engine.coverage.CoverageTable.html(r.coverage().worstFiles(),
                                100));
            }
        }
        h.append("<h2>Findings (").append(r.violations().total()).append(")</h2>\n");
        if (!r.violations().items().isEmpty()) {
            h.append("<table><tr><th>File</th><th>Line</th><th>Priority</th><th>Tool</th><th>Rule</th>")
                    .append("<th>Message</th></tr>\n");
            for (Violation v : r.violations().items()) {
                h.append("<tr><td>").append(esc(v.file())).append("</td><td class=\"n\">").append(v.line())
                        .append("</td><td class=\"n\">").append(v.priority()).append("</td><td>").append(esc(v.tool()))
                        .append("</td><td>").append(esc(v.rule()))
                        .append("</td><td>").append(esc(v.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (r.violations().truncated()) {
                h.append("<p>Only the first ").append(r.violations().items().size())
                        .append(" are listed; the SARIF report has them all.</p>\n");
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
        h.append(HtmlPage.foot());
        HtmlPage.write(file, h.toString());
    }

    /**
     * Findings per tool and per rule, each count with its change against the baseline, and for each rule the files
     * with the most findings of it (counted over the findings listed in the result).
     */
    static void findingsTables(StringBuilder h, MetricsResult r, JsonNode b) {
        JsonNode baseTools = b.path("violations").path("byTool");
        h.append("<h2 id=\"per-tool\">Findings per tool</h2>\n");
        if (r.violations().byTool().isEmpty()) {
            h.append("<p class=\"muted\">None.</p>\n");
        } else {
            h.append("<table><tr><th>Tool</th><th class=\"n\">Findings</th><th class=\"n\">High priority</th>"
                    + "<th>Rules</th></tr>\n");
            java.util.Map<String, Long> high = new java.util.HashMap<>();
            java.util.Map<String, java.util.Set<String>> rulesOf = new java.util.HashMap<>();
            for (Violation v : r.violations().items()) {
                if (v.priority() <= 2) {
                    high.merge(v.tool(), 1L, Long::sum);
                }
                rulesOf.computeIfAbsent(v.tool(), t -> new java.util.TreeSet<>()).add(v.rule());
            }
            r.violations().byTool().entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(e.getValue())
                            .append(delta(e.getValue(), baseTools.isObject() ? (double) baseTools.path(e.getKey()).asInt(0) : null,
                                    true, "%.0f"))
                            .append("</td><td class=\"n\">").append(high.getOrDefault(e.getKey(), 0L)).append("</td><td>")
                            .append(rulesOf.getOrDefault(e.getKey(), java.util.Set.of()).size()).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        java.util.Map<String, Integer> baseRules = new java.util.HashMap<>();
        b.path("violations").path("topRules").forEach(rc -> baseRules.put(rc.path("tool").asText() + "\u0000"
                + rc.path("rule").asText(), rc.path("count").asInt()));
        // the baseline lists its 20 most frequent rules: a rule missing from a shorter list had no finding then
        JsonNode baseTop = b.path("violations").path("topRules");
        boolean baseComplete = baseTop.isArray() && baseTop.size() < 20;
        h.append("<h2 id=\"per-rule\">Findings per rule</h2>\n");
        if (r.violations().topRules().isEmpty()) {
            h.append("<p class=\"muted\">None.</p>\n");
            return;
        }
        h.append("<table><tr><th>Tool</th><th>Rule</th><th class=\"n\">Priority</th><th class=\"n\">Findings</th>"
                + "<th>Top files</th></tr>\n");
        for (RuleCount rc : r.violations().topRules()) {
            java.util.Map<String, Integer> perFile = new java.util.HashMap<>();
            for (Violation v : r.violations().items()) {
                if (v.tool().equals(rc.tool()) && v.rule().equals(rc.rule())) {
                    perFile.merge(v.file(), 1, Integer::sum);
                }
            }
            List<String> top = perFile.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(java.util.Map.Entry.comparingByKey()))
                    .limit(3).map(e -> "<code>" + esc(e.getKey()) + "</code> <span class=\"muted\">×" + e.getValue() + "</span>")
                    .toList();
            Integer before = baseRules.get(rc.tool() + "\u0000" + rc.rule());
            h.append("<tr><td>").append(esc(rc.tool())).append("</td><td>").append(esc(rc.rule())).append("</td><td class=\"n\">P")
                    .append(rc.priority()).append("</td><td class=\"n\">").append(rc.count())
                    .append(before != null ? delta(rc.count(), before.doubleValue(), true, "%.0f")
                            : baseComplete ? delta(rc.count(), 0.0, true, "%.0f") : "")
                    .append("</td><td>").append(top.isEmpty() ? "<span class=\"muted\">not among the listed findings</span>"
                            : String.join("<br>", top)).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (r.violations().truncated()) {
            h.append("<p class=\"muted\">Top files are counted over the first ").append(r.violations().items().size())
                    .append(" findings listed in the result.</p>\n");
        }
    }

    /** The duplicated lines at {@code at} (at most 40), numbered; null when the file cannot be read. */
    static String lines(Path sources, Location at) {
        try {
            Path source = sources.resolve(at.file()).normalize();
            if (!source.startsWith(sources.normalize())) {
                return null;
            }
            List<String> all = java.nio.file.Files.readAllLines(source, java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            int end = Math.min(at.endLine(), Math.min(all.size(), at.beginLine() + MAX_SHOWN_LINES - 1));
            int width = String.valueOf(end).length();
            for (int n = Math.max(1, at.beginLine()); n <= end; n++) {
                out.append(String.format(Locale.ROOT, "%" + width + "d  ", n)).append(all.get(n - 1)).append('\n');
            }
            if (end < at.endLine()) {
                out.append("… ").append(at.endLine() - end).append(" more lines\n");
            }
            return out.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void figure(StringBuilder h, String label, String value, String delta) {
        h.append("<div><dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append(delta).append("</dd></div>");
    }

    private static Double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }

    /**
     * The change against the baseline: {@code ▲ 3} or {@code ▼ 1.50}, classed worse/better by {@code upIsWorse}
     * (null: neither); "" without a baseline figure.
     */
    static String delta(double now, Double before, Boolean upIsWorse, String format) {
        if (before == null) {
            return "";
        }
        double d = now - before;
        String amount = String.format(Locale.ROOT, format, Math.abs(d));
        if (Double.parseDouble(amount) == 0) {
            return "<span class=\"delta same\" title=\"unchanged since the baseline\">= </span>";
        }
        String cls = upIsWorse == null ? "same" : (d > 0) == upIsWorse ? "worse" : "better";
        return "<span class=\"delta " + cls + "\" title=\"since the baseline: " + (d > 0 ? "+" : "-") + amount + "\">"
                + (d > 0 ? "▲ " : "▼ ") + amount + "</span>";
    }

    /** A horizontal bar chart, one bar per (label, value) row. */
    static String bars(List<String[]> rows, String colour) {
        if (rows.isEmpty()) {
            return "<p class=\"muted\">None.</p>\n";
        }
        double max = rows.stream().mapToDouble(row -> Double.parseDouble(row[1])).max().orElse(1);
        int labelWidth = 340;
        int barWidth = 360;
        int rowHeight = 20;
        StringBuilder s = new StringBuilder();
        int width = labelWidth + barWidth + 60;
        int height = rows.size() * rowHeight + 4;
        s.append("<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\">\n");
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
        return s.append("</svg></div>\n").toString();
    }

    private static String pct(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", value);
    }

    static String esc(String s) {
        return HtmlPage.esc(s);
    }
}
