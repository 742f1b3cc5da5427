package io.jenkins.plugins.slipway.engine.tests;

import static io.jenkins.plugins.slipway.engine.core.HtmlPage.badge;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.esc;

import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.coverage.Counter;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReport;
import io.jenkins.plugins.slipway.engine.coverage.CoverageTable;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The tests' static HTML page, styled by the shared {@code slipway.css} beside it (no script, no inline style, so it
 * shows the same from disk and archived in Jenkins): the verdict and totals, then failures first (message and trace
 * in a {@code <details>}), flaky tests, slowest tests, coverage and one row per suite.
 */
final class HtmlSummary {
    private static final int MAX_FILES = 200;

    private HtmlSummary() {
    }

    static String render(TestsResult r) {
        StringBuilder h = new StringBuilder(16 * 1024);
        TestsResult.Totals t = r.totals();
        h.append(HtmlPage.head("Tests: " + r.outcome().name()));
        h.append("<header class=\"page-header v-").append(r.outcome().name()).append("\"><h1>Tests ")
                .append(badge(r.outcome().name())).append("</h1>\n<p class=\"lede\">").append(esc(r.summary()))
                .append("</p>\n");
        h.append("<dl class=\"figures\">");
        figure(h, "tests", String.valueOf(t.tests()), "");
        figure(h, "passed", String.valueOf(t.passed()), t.passed() > 0 ? "good" : "");
        figure(h, "failed", String.valueOf(t.failed()), t.failed() > 0 ? "bad" : "");
        figure(h, "errors", String.valueOf(t.errors()), t.errors() > 0 ? "bad" : "");
        figure(h, "skipped", String.valueOf(t.skipped()), "");
        figure(h, "flaky", String.valueOf(t.flaky()), "");
        figure(h, "time", fmt(t.seconds()) + " s", "");
        if (r.coverage() != null && r.coverage().lines().percent() != null) {
            figure(h, "line coverage", fmt(r.coverage().lines().percent()) + "%", "");
        }
        h.append("</dl>\n").append(meter(t));
        if (!r.reasons().isEmpty()) {
            for (String reason : r.reasons()) {
                h.append("<p class=\"reason\"><b>Why:</b> ").append(esc(reason)).append("</p>\n");
            }
        }
        if (r.command() != null) {
            h.append("<p class=\"muted\">Command").append(r.command().analysisOnly() ? " (run by the caller)" : "")
                    .append(r.command().commands().isEmpty() ? "" : ": <code>" + esc(String.join(" && ", r.command().commands()))
                            + "</code>").append(", exit code ")
                    .append(r.command().exitCode()).append(r.command().timedOut() ? " (timed out)" : "").append("</p>\n");
        }
        h.append("</header>\n");
        h.append("<nav class=\"toc\">");
        if (!r.failures().isEmpty()) {
            h.append("<a href=\"#failures\">Failures (").append(r.failures().size()).append(")</a>");
        }
        if (!r.flaky().isEmpty()) {
            h.append("<a href=\"#flaky\">Flaky (").append(r.flaky().size()).append(")</a>");
        }
        h.append("<a href=\"#slowest\">Slowest</a>");
        if (r.coverage() != null) {
            h.append("<a href=\"#coverage\">Coverage</a>");
        }
        h.append("<a href=\"#suites\">Suites (").append(r.suites().size()).append(")</a><a href=\"#reports\">Report files</a></nav>\n");

        TestsResult.Comparison cmp = r.comparison();
        if (cmp != null) {
            h.append("<p class=\"muted\" id=\"comparison\">Compared with <code>").append(esc(cmp.previousResult())).append("</code>: ");
            if (cmp.note() != null) {
                h.append(esc(cmp.note()));
            } else {
                h.append("<span class=\"").append(cmp.newFailures().isEmpty() ? "" : "bad").append("\">")
                        .append(cmp.newFailures().size()).append(" new failure(s)</span>, ").append(cmp.stillFailing().size())
                        .append(" still failing, <span class=\"").append(cmp.fixed().isEmpty() ? "" : "good").append("\">")
                        .append(cmp.fixed().size()).append(" fixed</span>");
            }
            h.append("</p>\n");
        }
        if (!r.failures().isEmpty()) {
            h.append("<h2 id=\"failures\">Failures</h2>\n");
            boolean first = true;
            List<TestsResult.Failure> failures = r.failures();
            if (cmp != null && cmp.note() == null) {
                failures = failures.stream().sorted(Comparator.comparingInt(
                        (TestsResult.Failure f) -> cmp.newFailures().contains(f.classname() + "." + f.name()) ? 0 : 1)).toList();
            }
            for (TestsResult.Failure f : failures) {
                String id = f.classname() + "." + f.name();
                String tag = cmp == null || cmp.note() != null ? ""
                        : cmp.newFailures().contains(id) ? " <span class=\"tag warn\">new</span>"
                        : cmp.stillFailing().contains(id) ? " <span class=\"tag\">still failing</span>" : "";
                h.append("<details").append(first ? " open" : "").append("><summary>").append(badge(f.kind()))
                        .append(tag).append(" <b>").append(esc(f.name())).append("</b> <span class=\"cls\">")
                        .append(esc(f.classname())).append("</span>")
                        .append(f.reruns() > 0 ? " <span class=\"tag\">" + f.reruns() + " reruns</span>" : "")
                        .append(" <span class=\"muted\">").append(fmt(f.seconds())).append(" s</span></summary>\n")
                        .append("<p class=\"message\">").append(esc(f.type() == null ? "" : f.type() + ": "))
                        .append(esc(f.message())).append("</p>\n");
                if (!f.trace().isEmpty()) {
                    h.append("<pre>").append(esc(String.join("\n", f.trace()))).append("</pre>\n");
                }
                h.append("</details>\n");
                first = false;
            }
        }
        if (cmp != null && !cmp.fixed().isEmpty()) {
            h.append("<h2 id=\"fixed\">Fixed since the previous run</h2>\n<ul>");
            cmp.fixed().forEach(f -> h.append("<li class=\"PASSED\">").append(esc(f)).append("</li>"));
            h.append("</ul>\n");
        }
        if (!r.flaky().isEmpty()) {
            h.append("<h2 id=\"flaky\">Flaky tests</h2>\n<p class=\"muted\">Failed, then passed on a rerun.</p>\n");
            for (TestsResult.Flaky f : r.flaky()) {
                h.append("<details class=\"flaky\"><summary><b>").append(esc(f.name())).append("</b> <span class=\"cls\">")
                        .append(esc(f.classname())).append("</span> <span class=\"tag\">failed ").append(f.failedRuns())
                        .append("×</span></summary>\n<p class=\"message\">").append(esc(f.message())).append("</p></details>\n");
            }
        }
        h.append("<h2 id=\"slowest\">Slowest tests</h2>\n");
        if (r.slowest().isEmpty()) {
            h.append("<p class=\"muted\">No timing was reported.</p>\n");
        } else {
            double max = r.slowest().stream().mapToDouble(TestsResult.Timing::seconds).max().orElse(1);
            h.append("<table><tr><th>Test</th><th class=\"n\">Seconds</th><th>Share of the slowest</th></tr>\n");
            for (TestsResult.Timing s : r.slowest()) {
                h.append("<tr><td><b>").append(esc(s.name())).append("</b> <span class=\"muted\">").append(esc(s.classname()))
                        .append("</span></td><td class=\"n\">").append(fmt(s.seconds())).append("</td><td>")
                        .append(spark(max <= 0 ? 0 : s.seconds() / max)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (r.coverage() != null) {
            coverage(h, r.coverage());
        }
        h.append("<h2 id=\"suites\">Suites</h2>\n<table><tr><th>Suite</th><th class=\"n\">Tests</th><th class=\"n\">Failed</th>")
                .append("<th class=\"n\">Errors</th><th class=\"n\">Skipped</th><th class=\"n\">Seconds</th></tr>\n");
        List<TestsResult.Suite> suites = r.suites().stream().sorted(Comparator
                .comparingLong((TestsResult.Suite s) -> -(s.failed() + s.errors())).thenComparing(TestsResult.Suite::name)).toList();
        for (TestsResult.Suite s : suites) {
            h.append("<tr><td>").append(badge(s.failed() + s.errors() > 0 ? "FAILED" : "PASSED")).append(' ')
                    .append(esc(s.name())).append("</td><td class=\"n\">").append(s.tests()).append("</td>")
                    .append(count(s.failed())).append(count(s.errors())).append("<td class=\"n\">").append(s.skipped())
                    .append("</td><td class=\"n\">").append(fmt(s.seconds())).append("</td></tr>\n");
        }
        h.append("<tr class=\"total\"><td>Total</td><td class=\"n\">").append(t.tests()).append("</td>").append(count(t.failed()))
                .append(count(t.errors())).append("<td class=\"n\">").append(t.skipped()).append("</td><td class=\"n\">")
                .append(fmt(t.seconds())).append("</td></tr>\n</table>\n");
        h.append("<h2 id=\"reports\">Report files</h2>\n<ul>");
        r.reports().read().forEach(f -> h.append("<li><code>").append(esc(f)).append("</code></li>"));
        r.reports().problems().forEach(p -> h.append("<li class=\"FAILED\">").append(esc(p)).append("</li>"));
        r.reports().stale().forEach(s -> h.append("<li class=\"muted\">ignored as stale: <code>").append(esc(s)).append("</code></li>"));
        h.append("</ul>\n").append(HtmlPage.foot());
        return h.toString();
    }

    private static void figure(StringBuilder h, String label, String value, String cls) {
        h.append("<div><dt>").append(esc(label)).append("</dt><dd").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"")
                .append('>').append(esc(value)).append("</dd></div>");
    }

    private static String count(long n) {
        return "<td class=\"n" + (n > 0 ? " bad" : "") + "\">" + n + "</td>";
    }

    /** Passed, failed and skipped as one bar. */
    private static String meter(TestsResult.Totals t) {
        long total = Math.max(1, t.tests());
        double pass = 720.0 * t.passed() / total;
        double fail = 720.0 * t.failedOrErrors() / total;
        double skip = 720.0 * t.skipped() / total;
        return String.format(Locale.ROOT, "<svg class=\"meter\" viewBox=\"0 0 720 14\" preserveAspectRatio=\"none\" role=\"img\" "
                + "aria-label=\"%d passed, %d failed, %d skipped\"><rect class=\"m-track\" width=\"720\" height=\"14\"/>"
                + "<rect class=\"m-pass\" width=\"%.1f\" height=\"14\"/><rect class=\"m-fail\" x=\"%.1f\" width=\"%.1f\" "
                + "height=\"14\"/><rect class=\"m-skip\" x=\"%.1f\" width=\"%.1f\" height=\"14\"/></svg>\n", t.passed(),
                t.failedOrErrors(), t.skipped(), pass, pass, fail, pass + fail, skip);
    }

    private static String spark(double share) {
        return String.format(Locale.ROOT, "<svg class=\"spark\" viewBox=\"0 0 200 10\" width=\"200\" height=\"10\" "
                + "role=\"img\" aria-label=\"%.0f%%\"><rect class=\"m-track\" width=\"200\" height=\"10\"/>"
                + "<rect class=\"m-skip\" width=\"%.1f\" height=\"10\"/></svg>", share * 100, Math.max(1, 200 * share));
    }

    private static void coverage(StringBuilder h, CoverageReport c) {
        h.append("<h2 id=\"coverage\">Coverage</h2><table><tr><th></th><th class=\"n\">Covered</th><th class=\"n\">Total</th>")
                .append("<th class=\"n\">%</th><th></th></tr>")
                .append(row("lines", c.lines())).append(row("branches", c.branches())).append("</table>\n");
        if (!c.files().isEmpty()) {
            h.append("<h3>Per file, worst first</h3>\n").append(CoverageTable.html(c.files(), MAX_FILES));
        }
    }

    private static String row(String name, Counter c) {
        double p = c.percent() == null ? 0 : c.percent();
        return String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                + "<td class=\"n\">%s</td><td><svg class=\"spark\" viewBox=\"0 0 200 10\" width=\"200\" height=\"10\">"
                + "<rect class=\"m-track\" width=\"200\" height=\"10\"/><rect class=\"m-pass\" width=\"%.1f\" height=\"10\"/>"
                + "</svg></td></tr>", name, c.covered(), c.total(), pct(c), 2 * p);
    }

    private static String pct(Counter c) {
        return c.percent() == null ? "–" : fmt(c.percent());
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
