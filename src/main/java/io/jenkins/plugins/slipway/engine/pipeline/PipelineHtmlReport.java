package io.jenkins.plugins.slipway.engine.pipeline;

import static io.jenkins.plugins.slipway.engine.core.HtmlPage.badge;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.cssName;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.duration;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.deploy.DeployReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The run's static HTML report, styled by the shared {@code slipway.css} beside it (no script, no inline style): a
 * header (commit, branch, author, duration, verdict), the stage timeline, then one card per stage — failures first —
 * with its verdict, key figures, the reason when it failed and a link to the stage's own report. Deploy cards draw
 * each host's phases as a swimlane and show the release before and after; the raw JSON is one link away.
 */
final class PipelineHtmlReport {

    private static final Set<String> BAD = Set.of("FAILED", "ERROR", "UNSTABLE");
    private static final int MAX_HOSTS = 40;

    private PipelineHtmlReport() {
    }

    /** The page with no link to a stage's own report (the reports' places are unknown). */
    static String render(PipelineResult run) {
        return render(run, path -> null);
    }

    /**
     * The page; {@code href} turns a path from a stage result (relative to the run's working directory) into a link
     * relative to the report, or null when there is nothing to link to.
     */
    static String render(PipelineResult run, Function<String, String> href) {
        StringBuilder h = new StringBuilder(32_768);
        h.append(HtmlPage.head("Slipway run: " + run.name() + " — " + run.outcome().name()));
        header(h, run);
        h.append("<nav class=\"toc\"><a href=\"#timeline\">Timeline</a><a href=\"#stages\">Stages</a>");
        String json = run.resultFile() == null ? null : Path.of(run.resultFile()).getFileName().toString();
        if (json != null) {
            h.append("<a href=\"").append(esc(json)).append("\">Raw JSON result</a>");
        }
        h.append("</nav>\n");
        h.append("<h2 id=\"timeline\">Timeline</h2>\n");
        timeline(h, run);
        h.append("<h2 id=\"stages\">Stages</h2>\n<div class=\"cards\">\n");
        for (StageRecord s : failuresFirst(run.stages())) {
            card(h, s, href);
        }
        h.append("</div>\n").append(HtmlPage.foot());
        return h.toString();
    }

    /** Unexpected failures, then expected failures, then passed stages, then skipped and missing ones; run order within. */
    static List<StageRecord> failuresFirst(List<StageRecord> stages) {
        List<StageRecord> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.comparingInt(PipelineHtmlReport::rank));
        return sorted;
    }

    private static int rank(StageRecord s) {
        if (s.status().equals("SKIPPED") || s.status().equals("NOT_AVAILABLE")) {
            return 3;
        }
        if (BAD.contains(s.status())) {
            return s.expected() ? 1 : 0;
        }
        return 2;
    }

    private static void header(StringBuilder h, PipelineResult run) {
        h.append("<header class=\"page-header v-").append(run.outcome().name()).append("\">\n<h1>")
                .append(esc(run.name())).append(' ').append(badge(run.outcome().name())).append("</h1>\n<p class=\"lede\">")
                .append(esc(run.summary())).append("</p>\n<dl class=\"meta\">");
        JsonNode c = run.commit();
        boolean found = c != null && c.path("found").asBoolean(false);
        if (found) {
            meta(h, "Commit", "<span class=\"mono\">" + esc(c.path("shortId").asText()) + "</span>"
                    + (c.path("dirty").asBoolean(false) ? " <span class=\"tag warn\">uncommitted changes</span>" : ""));
            meta(h, "Branch", esc(c.hasNonNull("branch") ? c.get("branch").asText() : "detached"));
            meta(h, "Author", esc(c.path("author").asText()));
        } else {
            meta(h, "Commit", "<span class=\"muted\">" + esc(c == null ? "unknown" : "none: " + c.path("reason").asText())
                    + "</span>");
        }
        meta(h, "Duration", esc(duration(run.durationMillis())));
        meta(h, "Build", esc(run.build()));
        meta(h, "Started", esc(run.startedAt() == null ? "" : run.startedAt().replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC")));
        h.append("</dl>\n");
        if (found && !c.path("message").asText().isEmpty()) {
            h.append("<p class=\"muted\">").append(esc(c.path("message").asText())).append(" — ")
                    .append(esc(c.path("time").asText())).append("</p>\n");
        }
        h.append("</header>\n");
    }

    private static void meta(StringBuilder h, String label, String valueHtml) {
        h.append("<div><dt>").append(esc(label)).append("</dt><dd>").append(valueHtml).append("</dd></div>");
    }

    private static void timeline(StringBuilder h, PipelineResult run) {
        List<StageRecord> stages = run.stages();
        long total = Math.max(1, Math.max(run.durationMillis(), stages.stream()
                .mapToLong(s -> s.offsetMillis() + s.durationMillis()).max().orElse(1)));
        int label = 170;
        int width = 1040;
        int barArea = width - label - 90;
        int rowH = 28;
        int height = stages.size() * rowH + 26;
        h.append("<div class=\"chart fill\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Stage timeline\">\n");
        for (int i = 0; i <= 4; i++) {
            int x = label + barArea * i / 4;
            h.append("<line class=\"grid\" x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 20).append("\"/><text class=\"axis\" x=\"").append(x).append("\" y=\"").append(height - 6)
                    .append("\" text-anchor=\"middle\">").append(esc(duration(total * i / 4))).append("</text>\n");
        }
        for (int i = 0; i < stages.size(); i++) {
            StageRecord s = stages.get(i);
            int y = i * rowH + 4;
            int x = label + (int) (barArea * s.offsetMillis() / total);
            int w = Math.max(3, (int) (barArea * s.durationMillis() / total));
            h.append("<a href=\"#stage-").append(esc(anchor(s.name()))).append("\"><text class=\"lane-label\" x=\"")
                    .append(label - 10).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\">").append(esc(s.name()))
                    .append("</text></a>");
            h.append("<rect class=\"track\" x=\"").append(label).append("\" y=\"").append(y).append("\" width=\"").append(barArea)
                    .append("\" height=\"").append(rowH - 8).append("\" rx=\"3\"/>");
            h.append("<rect class=\"f-").append(cssName(s.status())).append(BAD.contains(s.status()) && s.expected() ? " f-expected" : "")
                    .append("\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"")
                    .append(rowH - 8).append("\" rx=\"3\"><title>")
                    .append(esc(s.name() + ": " + s.status() + (BAD.contains(s.status()) && s.expected() ? " (expected)" : "")
                            + " in " + duration(s.durationMillis()) + " — " + s.summary()))
                    .append("</title></rect>");
            h.append("<text class=\"dur\" x=\"").append(Math.min(x + w + 6, width - 84)).append("\" y=\"").append(y + 15).append("\">")
                    .append(esc(s.status().equals("SKIPPED") || s.status().equals("NOT_AVAILABLE")
                            ? s.status().replace('_', ' ').toLowerCase(Locale.ROOT) : duration(s.durationMillis())))
                    .append("</text>\n");
        }
        h.append("</svg></div>\n");
    }

    private static void card(StringBuilder h, StageRecord s, Function<String, String> href) {
        JsonNode r = s.result();
        boolean deploy = PipelineService.DEPLOY_TASKS.contains(s.task());
        boolean launch = r != null && r.path("hosts").isArray() && !deploy;
        h.append("<section class=\"card s-").append(cssName(s.status())).append(deploy || launch ? " wide" : "")
                .append("\" id=\"stage-").append(esc(anchor(s.name()))).append("\">\n<div class=\"card-head\"><h3>")
                .append(esc(s.name())).append("<span class=\"task\">").append(esc(s.task())).append("</span></h3><span>");
        if (!s.expected() && !s.status().equals("SKIPPED")) {
            h.append("<span class=\"tag warn\">unexpected</span> ");
        } else if (BAD.contains(s.status())) {
            h.append("<span class=\"tag\">as expected</span> ");
        }
        h.append(badge(s.status())).append("</span></div>\n");
        h.append("<p class=\"summary\">").append(esc(s.summary())).append(" · ").append(esc(duration(s.durationMillis())));
        if (s.commit() != null && s.commit().path("found").asBoolean(false)) {
            h.append(" · <span class=\"mono\">").append(esc(s.commit().path("shortId").asText())).append("</span>");
        }
        h.append("</p>\n");
        if (r != null) {
            figures(h, s.task(), r);
        }
        reason(h, s);
        if (deploy && r != null) {
            DeployReport.swimlane(h, r);
            if (DeployReport.hasRotation(r)) {
                DeployReport.rotation(h, r);
            }
            DeployReport.releases(h, r);
        } else if (launch) {
            hosts(h, r);
        }
        if (s.changes() != null && s.changes().path("commits").isArray()) {
            changes(h, s.changes());
        }
        links(h, s, href);
        h.append("</section>\n");
    }

    /** Three to five figures that say how the stage went. */
    private static void figures(StringBuilder h, String task, JsonNode r) {
        List<String[]> f = new ArrayList<>();
        switch (task) {
            case "test" -> {
                JsonNode t = r.path("totals");
                f.add(fig("tests", t.path("tests").asText(), ""));
                long failed = t.path("failed").asLong() + t.path("errors").asLong();
                f.add(fig("failed", String.valueOf(failed), failed > 0 ? "bad" : "good"));
                f.add(fig("skipped", t.path("skipped").asText(), ""));
                if (t.path("flaky").asLong() > 0) {
                    f.add(fig("flaky", t.path("flaky").asText(), "bad"));
                }
                JsonNode line = r.path("coverage").path("lines").path("percent");
                if (line.isNumber()) {
                    f.add(fig("line coverage", pct(line.asDouble()), ""));
                }
            }
            case "metrics" -> {
                JsonNode v = r.path("violations");
                f.add(fig("findings", v.path("total").asText("0"), ""));
                int high = v.path("byPriority").path("1").asInt(0) + v.path("byPriority").path("2").asInt(0);
                f.add(fig("high priority", String.valueOf(high), high > 0 ? "bad" : "good"));
                f.add(fig("duplicated", pct(r.path("duplication").path("duplicatedLinesPercent").asDouble()), ""));
                if (r.path("coverage").path("linePercent").isNumber()) {
                    f.add(fig("line coverage", pct(r.path("coverage").path("linePercent").asDouble()), ""));
                }
                f.add(fig("lines of code", r.path("size").path("codeLines").asText(), ""));
            }
            case "browser" -> {
                f.add(fig("tests", r.path("tests").asText(), ""));
                f.add(fig("failed", r.path("failures").asText(), r.path("failures").asInt() > 0 ? "bad" : "good"));
                f.add(fig("skipped", r.path("skipped").asText("0"), ""));
                f.add(fig("browser", r.path("browser").asText(), ""));
            }
            case "deploy", "deploy-rollback" -> {
                int hosts = r.path("hosts").size();
                long ok = 0;
                long bad = 0;
                long slowest = 0;
                for (JsonNode host : r.path("hosts")) {
                    String o = host.path("outcome").asText();
                    ok += Set.of("DEPLOYED", "UNCHANGED", "SWITCHED", "PLANNED").contains(o) ? 1 : 0;
                    bad += Set.of("FAILED", "ROLLED_BACK", "ROLLBACK_FAILED").contains(o) ? 1 : 0;
                    slowest = Math.max(slowest, host.path("totalMillis").asLong());
                }
                f.add(fig("release", r.path("releaseId").asText(), ""));
                f.add(fig("on release", ok + " / " + hosts, ok == hosts ? "good" : ""));
                f.add(fig("failed hosts", String.valueOf(bad), bad > 0 ? "bad" : "good"));
                f.add(fig("slowest host", duration(slowest), ""));
            }
            default -> {
                if (r.path("hosts").isArray()) {
                    f.add(fig("hosts", String.valueOf(r.path("hosts").size()), ""));
                    for (String key : List.of("provider", "region", "fleet", "user")) {
                        if (r.hasNonNull(key) && r.get(key).isValueNode()) {
                            f.add(fig(key, r.get(key).asText(), ""));
                        }
                    }
                } else {
                    r.properties().forEach(e -> {
                        if (f.size() < 4 && e.getValue().isValueNode() && !e.getValue().isNull()
                                && !Set.of("summary", "outcome").contains(e.getKey()) && e.getValue().asText().length() < 40) {
                            f.add(fig(e.getKey(), e.getValue().asText(), ""));
                        }
                    });
                }
            }
        }
        if (f.isEmpty()) {
            return;
        }
        h.append("<dl class=\"figures\">");
        for (String[] x : f.subList(0, Math.min(5, f.size()))) {
            h.append("<div><dt>").append(esc(x[0])).append("</dt><dd").append(x[2].isEmpty() ? "" : " class=\"" + x[2] + "\"")
                    .append('>').append(esc(x[1])).append("</dd></div>");
        }
        h.append("</dl>\n");
    }

    private static String[] fig(String label, String value, String cls) {
        return new String[] {label, value, cls};
    }

    /** Why the stage failed: the error, the first failed host's message (the health check's last answer) or the reasons. */
    private static void reason(StringBuilder h, StageRecord s) {
        if (!BAD.contains(s.status())) {
            return;
        }
        List<String> why = new ArrayList<>();
        if (s.error() != null) {
            why.add(s.error().path("kind").asText() + ": " + s.error().path("message").asText());
        }
        JsonNode r = s.result();
        if (r != null) {
            for (JsonNode host : r.path("hosts")) {
                String o = host.path("outcome").asText();
                if (Set.of("FAILED", "ROLLED_BACK", "ROLLBACK_FAILED").contains(o) && host.hasNonNull("message")) {
                    why.add(host.path("name").asText() + " " + o.replace('_', ' ').toLowerCase(Locale.ROOT) + ": "
                            + host.path("message").asText());
                }
            }
            for (JsonNode reason : r.path("reasons")) {
                why.add(reason.asText());
            }
            for (JsonNode gate : r.path("gates")) {
                if (!gate.path("passed").asBoolean(true)) {
                    why.add(gate.path("message").asText());
                }
            }
            for (JsonNode c : r.path("cases")) {
                if (c.path("status").asText().equals("FAILED")) {
                    why.add(c.path("name").asText() + ": " + c.path("message").asText());
                }
            }
        }
        if (why.isEmpty()) {
            why.add(s.summary());
        }
        for (String w : why.subList(0, Math.min(3, why.size()))) {
            h.append("<p class=\"reason").append(s.expected() ? " expected" : "").append("\"><b>")
                    .append(s.expected() ? "Failed as expected: " : "Why: ").append("</b>").append(esc(w)).append("</p>\n");
        }
    }

    private static void hosts(StringBuilder h, JsonNode r) {
        if (r.hasNonNull("label")) {
            h.append("<p class=\"muted\">").append(esc(r.get("label").asText())).append("</p>\n");
        }
        if (r.path("plan").isArray() && !r.path("plan").isEmpty()) {
            h.append("<p><b>Plan</b></p><ul>");
            r.path("plan").forEach(p -> h.append("<li>").append(esc(p.asText())).append("</li>"));
            h.append("</ul>\n");
        }
        boolean ec2 = false;
        for (JsonNode host : r.path("hosts")) {
            ec2 |= host.hasNonNull("instanceId");
        }
        h.append("<table><tr><th>Host</th><th>Address</th>").append(ec2 ? "<th>Instance</th><th>Type</th><th>Zone</th>"
                + "<th>Private / public IP</th>" : "").append("<th>User</th><th>Host key fingerprints</th></tr>\n");
        int n = 0;
        for (JsonNode host : r.path("hosts")) {
            if (n++ >= MAX_HOSTS) {
                h.append("<tr><td colspan=\"8\" class=\"muted\">").append(r.path("hosts").size() - MAX_HOSTS)
                        .append(" more in the JSON result</td></tr>\n");
                break;
            }
            List<String> prints = new ArrayList<>();
            host.path("hostKeyFingerprints").forEach(p -> prints.add(p.asText()));
            h.append("<tr><td class=\"nowrap\">").append(esc(host.path("name").asText())).append("</td><td class=\"mono\">")
                    .append(esc(host.path("host").asText() + ":" + host.path("port").asText())).append("</td>");
            if (ec2) {
                h.append("<td class=\"mono\">").append(esc(host.path("instanceId").asText(""))).append(host.path("launched")
                        .asBoolean(true) ? "" : " <span class=\"tag\">reused</span>").append("</td><td>")
                        .append(esc(host.path("instanceType").asText(""))).append("</td><td>")
                        .append(esc(host.path("availabilityZone").asText(""))).append("</td><td class=\"mono\">")
                        .append(esc(host.path("privateIp").asText("–") + " / " + host.path("publicIp").asText("–"))).append("</td>");
            }
            h.append("<td>").append(esc(host.path("user").asText())).append("</td><td class=\"mono\">")
                    .append(esc(String.join(" ", prints))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void changes(StringBuilder h, JsonNode changes) {
        h.append("<p><b>Changes</b> from <span class=\"mono\">").append(esc(changes.path("from").asText()))
                .append("</span> to <span class=\"mono\">").append(esc(changes.path("to").asText())).append("</span></p>\n<ul>");
        for (JsonNode c : changes.path("commits")) {
            h.append("<li><span class=\"mono\">").append(esc(c.path("shortId").asText())).append("</span> ")
                    .append(esc(c.path("message").asText())).append(" <span class=\"muted\">— ")
                    .append(esc(c.path("author").asText())).append("</span></li>");
        }
        h.append("</ul>\n");
    }

    /** The stage's own report, when its result names one. */
    private static void links(StringBuilder h, StageRecord s, Function<String, String> href) {
        JsonNode r = s.result();
        if (r == null) {
            return;
        }
        List<String[]> links = new ArrayList<>();
        add(links, "Test report", r.path("outputs").path("html"), href);
        add(links, "Metrics report", r.path("reports").path("html"), href);
        add(links, PipelineService.DEPLOY_TASKS.contains(s.task()) ? "Deploy report" : "Launch report", r.path("report"), href);
        add(links, "JUnit XML", r.path("outputs").path("normalisedJUnitXml"), href);
        add(links, "JUnit XML", r.path("junitXml"), href);
        add(links, "SARIF findings", r.path("reports").path("sarif"), href);
        add(links, "Application log", r.path("appLog"), href);
        if (links.isEmpty()) {
            return;
        }
        h.append("<p class=\"links\">");
        for (String[] l : links) {
            h.append("<a href=\"").append(esc(l[1])).append("\">").append(esc(l[0])).append(" →</a>");
        }
        h.append("</p>\n");
    }

    private static void add(List<String[]> links, String label, JsonNode path, Function<String, String> href) {
        if (path.isTextual() && !path.asText().isEmpty()) {
            String link = href.apply(path.asText());
            if (link != null) {
                links.add(new String[] {label, link});
            }
        }
    }

    /**
     * Links relative to {@code reportDir} for paths relative to {@code workDir}, only to files that exist (so the
     * page never links nowhere).
     */
    static Function<String, String> linker(Path reportDir, Path workDir) {
        Path from = reportDir.toAbsolutePath().normalize();
        return path -> {
            Path target = workDir.toAbsolutePath().resolve(path).normalize();
            if (!Files.isRegularFile(target)) {
                return null;
            }
            StringBuilder url = new StringBuilder();
            for (Path part : from.relativize(target)) {
                if (url.length() > 0) {
                    url.append('/');
                }
                url.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return url.toString();
        };
    }

    private static String anchor(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }
}
