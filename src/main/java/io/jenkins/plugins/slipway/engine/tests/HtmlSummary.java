package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.coverage.Counter;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReport;
import io.jenkins.plugins.slipway.engine.coverage.CoverageTable;
import java.util.Locale;

/**
 * A small static HTML page for a result: no JavaScript, no external resource, inline CSS and SVG only, so it shows
 * under Jenkins' strict Content-Security-Policy for archived files.
 */
final class HtmlSummary {
    private static final int MAX_FILES = 200;

    private HtmlSummary() {
    }

    static String render(TestsResult r) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tests: ")
                .append(esc(r.outcome().name())).append("</title>\n<style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;vertical-align:top}th{background:#f3f3f3}.num{text-align:right}")
                .append("pre{margin:0;white-space:pre-wrap;font-size:12px}.PASSED{color:#1a7f37}.UNSTABLE{color:#9a6700}")
                .append(".FAILED{color:#cf222e}</style></head><body>\n");
        h.append("<h1>Tests: <span class=\"").append(r.outcome().name()).append("\">").append(r.outcome().name())
                .append("</span></h1>\n<p>").append(esc(r.summary())).append("</p>\n");
        if (!r.reasons().isEmpty()) {
            h.append("<ul>");
            r.reasons().forEach(reason -> h.append("<li>").append(esc(reason)).append("</li>"));
            h.append("</ul>\n");
        }
        TestsResult.Totals t = r.totals();
        h.append(bar(t));
        h.append("<table><tr><th>tests</th><th>passed</th><th>failed</th><th>errors</th><th>skipped</th>")
                .append("<th>flaky</th><th>time (s)</th></tr><tr>");
        for (Object v : new Object[] {t.tests(), t.passed(), t.failed(), t.errors(), t.skipped(), t.flaky(),
            t.seconds()}) {
            h.append("<td class=\"num\">").append(v).append("</td>");
        }
        h.append("</tr></table>\n");
        if (r.command() != null) {
            h.append("<p>Command").append(r.command().analysisOnly() ? " (run by the caller)" : "").append(": <code>")
                    .append(esc(String.join(" && ", r.command().commands()))).append("</code>, exit code ")
                    .append(r.command().exitCode()).append(r.command().timedOut() ? " (timed out)" : "")
                    .append("</p>\n");
        }
        if (!r.failures().isEmpty()) {
            h.append("<h2>Failures</h2><table><tr><th>test</th><th>kind</th><th>message and trace</th></tr>\n");
            for (TestsResult.Failure f : r.failures()) {
                h.append("<tr><td>").append(esc(f.classname())).append("<br><b>").append(esc(f.name()))
                        .append("</b></td><td>").append(f.kind()).append("</td><td><b>").append(esc(f.message()))
                        .append("</b><pre>").append(esc(String.join("\n", f.trace()))).append("</pre></td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!r.flaky().isEmpty()) {
            h.append("<h2>Flaky tests</h2><table><tr><th>test</th><th>failed runs</th><th>first failure</th></tr>");
            r.flaky().forEach(f -> h.append("<tr><td>").append(esc(f.classname() + "." + f.name()))
                    .append("</td><td class=\"num\">").append(f.failedRuns()).append("</td><td>")
                    .append(esc(f.message())).append("</td></tr>"));
            h.append("</table>\n");
        }
        if (r.coverage() != null) {
            coverage(h, r.coverage());
        }
        if (!r.slowest().isEmpty()) {
            h.append("<h2>Slowest tests</h2><table><tr><th>test</th><th>seconds</th></tr>");
            r.slowest().forEach(s -> h.append("<tr><td>").append(esc(s.classname() + "." + s.name()))
                    .append("</td><td class=\"num\">").append(fmt(s.seconds())).append("</td></tr>"));
            h.append("</table>\n");
        }
        h.append("<h2>Suites</h2><table><tr><th>suite</th><th>tests</th><th>failed</th><th>errors</th><th>skipped</th>")
                .append("<th>seconds</th></tr>");
        r.suites().forEach(s -> h.append("<tr><td>").append(esc(s.name())).append("</td><td class=\"num\">")
                .append(s.tests()).append("</td><td class=\"num\">").append(s.failed()).append("</td><td class=\"num\">")
                .append(s.errors()).append("</td><td class=\"num\">").append(s.skipped())
                .append("</td><td class=\"num\">").append(fmt(s.seconds())).append("</td></tr>"));
        h.append("</table>\n<h2>Reports</h2><ul>");
        r.reports().read().forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
        r.reports().problems().forEach(p -> h.append("<li class=\"FAILED\">").append(esc(p)).append("</li>"));
        r.reports().stale().forEach(s -> h.append("<li>ignored as stale: ").append(esc(s)).append("</li>"));
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    private static String bar(TestsResult.Totals t) {
        long total = Math.max(1, t.tests());
        double pass = 600.0 * t.passed() / total;
        double fail = 600.0 * t.failedOrErrors() / total;
        double skip = 600.0 * t.skipped() / total;
        return String.format(Locale.ROOT, "<svg width=\"600\" height=\"16\" role=\"img\" aria-label=\"%d passed, %d "
                + "failed, %d skipped\"><rect width=\"%.1f\" height=\"16\" fill=\"#2da44e\"/><rect x=\"%.1f\" "
                + "width=\"%.1f\" height=\"16\" fill=\"#cf222e\"/><rect x=\"%.1f\" width=\"%.1f\" height=\"16\" "
                + "fill=\"#bbb\"/></svg>\n", t.passed(), t.failedOrErrors(), t.skipped(), pass, pass, fail,
                pass + fail, skip);
    }

    private static void coverage(StringBuilder h, CoverageReport c) {
        h.append("<h2>Coverage</h2><table><tr><th></th><th>covered</th><th>total</th><th>%</th><th></th></tr>")
                .append(row("lines", c.lines())).append(row("branches", c.branches())).append("</table>\n");
        if (!c.files().isEmpty()) {
            h.append("<h3>Per file, worst first</h3>\n").append(CoverageTable.html(c.files(), MAX_FILES));
        }
    }

    private static String row(String name, Counter c) {
        double p = c.percent() == null ? 0 : c.percent();
        return String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                + "<td class=\"num\">%s</td><td><svg width=\"200\" height=\"10\"><rect width=\"200\" height=\"10\" "
                + "fill=\"#eee\"/><rect width=\"%.1f\" height=\"10\" fill=\"#2da44e\"/></svg></td></tr>", name,
                c.covered(), c.total(), pct(c), 2 * p);
    }

    private static String pct(Counter c) {
        return c.percent() == null ? "–" : fmt(c.percent());
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
