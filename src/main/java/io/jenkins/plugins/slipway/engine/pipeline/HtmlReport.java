package io.jenkins.plugins.slipway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run's static HTML report: no JavaScript, an inline-SVG timeline of the stages, then tests, metrics, hosts
 * and releases read generically from the stages' JSON results (so a stage's new fields show without code here).
 */
final class HtmlReport {

    private static final Map<String, String> COLORS = Map.of(
            "PASSED", "#2e7d32", "UNSTABLE", "#f9a825", "FAILED", "#c62828", "ERROR", "#6d1b1b",
            "SKIPPED", "#9e9e9e", "NOT_AVAILABLE", "#cfd8dc");
    private static final int MAX_ROWS = 40;

    private HtmlReport() {
    }

    static String render(PipelineResult run) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Slipway run: ")
                .append(esc(run.name())).append("</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#212121;padding:0 16px}\n")
                .append("h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}\n")
                .append("h3{font-size:15px;margin-bottom:4px}table{border-collapse:collapse;margin:6px 0 12px}\n")
                .append("td,th{border:1px solid #e0e0e0;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f5f5f5}\n")
                .append(".badge{display:inline-block;padding:1px 8px;border-radius:3px;color:#fff;font-weight:600}\n")
                .append(".muted{color:#757575}.mono{font-family:ui-monospace,monospace;font-size:12px}\n")
                .append("pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}\n");
        COLORS.forEach((status, color) -> h.append(".s-").append(status).append("{background:").append(color).append("}\n"));
        h.append(".s-NOT_AVAILABLE{color:#37474f}\n")
                .append("</style></head><body>\n");
        h.append("<h1>Slipway run: ").append(esc(run.name())).append(' ').append(badge(run.outcome().name())).append("</h1>\n");
        h.append("<p>").append(esc(run.summary())).append("</p>\n<table>");
        row(h, "Commit", commitLine(run.commit()));
        row(h, "Build", esc(run.build()));
        row(h, "Started", esc(run.startedAt()));
        row(h, "Duration", esc(seconds(run.durationMillis())));
        row(h, "JSON result", "<span class=\"mono\">" + esc(run.resultFile()) + "</span>");
        h.append("</table>\n");

        h.append("<h2 id=\"timeline\">Stages</h2>\n");
        timeline(h, run);
        h.append("<table><tr><th>Stage</th><th>Task</th><th>Status</th><th>Duration</th><th>Commit</th><th>Summary</th></tr>\n");
        for (StageRecord s : run.stages()) {
            h.append("<tr><td>").append(esc(s.name())).append("</td><td class=\"mono\">").append(esc(s.task())).append("</td><td>")
                    .append(badge(s.status())).append(s.expected() || s.status().equals("SKIPPED") ? "" : " <b>unexpected</b>")
                    .append(s.expected() && s.status().equals("FAILED") ? " <span class=\"muted\">(expected)</span>" : "")
                    .append("</td><td>").append(esc(seconds(s.durationMillis()))).append("</td><td class=\"mono\">")
                    .append(esc(s.commit() == null ? "" : s.commit().path("shortId").asText(""))).append("</td><td>")
                    .append(esc(s.summary())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        section(h, run, "tests", "Tests", Set.of("test", "browser"));
        section(h, run, "metrics", "Metrics", Set.of("metrics"));
        hosts(h, run);
        releases(h, run);
        errors(h, run);
        h.append("<p class=\"muted\">Written by Slipway. Static page: no scripts.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void timeline(StringBuilder h, PipelineResult run) {
        List<StageRecord> stages = run.stages();
        long total = Math.max(1, Math.max(run.durationMillis(), stages.stream()
                .mapToLong(s -> s.offsetMillis() + s.durationMillis()).max().orElse(1)));
        int label = 190;
        int width = 900;
        int barArea = width - label - 70;
        int rowH = 24;
        int height = stages.size() * rowH + 24;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"Stage timeline\">\n");
        for (int i = 0; i <= 4; i++) {
            int x = label + barArea * i / 4;
            h.append("<line x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"").append(height - 18)
                    .append("\" stroke=\"#eeeeee\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(height - 4).append("\" font-size=\"11\" fill=\"#757575\" text-anchor=\"middle\">")
                    .append(esc(seconds(total * i / 4))).append("</text>\n");
        }
        for (int i = 0; i < stages.size(); i++) {
            StageRecord s = stages.get(i);
            int y = i * rowH + 4;
            int x = label + (int) (barArea * s.offsetMillis() / total);
            int w = Math.max(3, (int) (barArea * s.durationMillis() / total));
            String color = COLORS.getOrDefault(s.status(), "#9e9e9e");
            h.append("<text x=\"").append(label - 8).append("\" y=\"").append(y + 14).append("\" font-size=\"12\" text-anchor=\"end\">")
                    .append(esc(s.name())).append("</text>");
            h.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"")
                    .append(rowH - 8).append("\" rx=\"2\" fill=\"").append(color).append('"')
                    .append(s.status().equals("FAILED") && s.expected() ? " stroke=\"#212121\" stroke-dasharray=\"3 2\"" : "")
                    .append("><title>").append(esc(s.name() + ": " + s.status() + " in " + seconds(s.durationMillis()) + " — " + s.summary()))
                    .append("</title></rect>");
            h.append("<text x=\"").append(Math.min(x + w + 4, width - 60)).append("\" y=\"").append(y + 13)
                    .append("\" font-size=\"11\" fill=\"#424242\">").append(esc(seconds(s.durationMillis()))).append("</text>\n");
        }
        h.append("</svg>\n");
    }

    private static void section(StringBuilder h, PipelineResult run, String id, String title, Set<String> tasks) {
        List<StageRecord> stages = run.stages().stream().filter(s -> tasks.contains(s.task())).toList();
        if (stages.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"").append(id).append("\">").append(title).append("</h2>\n");
        for (StageRecord s : stages) {
            h.append("<h3>").append(esc(s.name())).append(' ').append(badge(s.status())).append("</h3>\n<p>")
                    .append(esc(s.summary())).append("</p>\n");
            if (s.result() == null) {
                continue;
            }
            facts(h, s.result());
            s.result().properties().forEach(e -> {
                if (e.getValue().isArray() && !e.getValue().isEmpty() && e.getValue().get(0).isObject()) {
                    h.append("<p><b>").append(esc(e.getKey())).append("</b></p>\n");
                    table(h, e.getValue());
                }
            });
        }
    }

    private static void hosts(StringBuilder h, PipelineResult run) {
        List<StageRecord> launches = run.stages().stream().filter(s -> s.result() != null
                && s.result().path("hosts").isArray() && !PipelineService.DEPLOY_TASKS.contains(s.task())).toList();
        if (launches.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"hosts\">Hosts</h2>\n");
        for (StageRecord s : launches) {
            h.append("<h3>").append(esc(s.name())).append("</h3>\n");
            if (s.result().hasNonNull("label")) {
                h.append("<p><b>").append(esc(s.result().get("label").asText())).append("</b></p>\n");
            }
            table(h, s.result().get("hosts"));
        }
    }

    private static void releases(StringBuilder h, PipelineResult run) {
        List<StageRecord> deploys = run.stages().stream().filter(s -> PipelineService.DEPLOY_TASKS.contains(s.task())).toList();
        if (deploys.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"releases\">Releases</h2>\n");
        for (StageRecord s : deploys) {
            h.append("<h3>").append(esc(s.name())).append(' ').append(badge(s.status()))
                    .append(s.expected() && s.status().equals("FAILED") ? " <span class=\"muted\">(expected)</span>" : "")
                    .append("</h3>\n<p>").append(esc(s.summary())).append("</p>\n");
            if (s.result() != null) {
                facts(h, s.result());
                if (s.result().path("hosts").isArray()) {
                    table(h, s.result().get("hosts"));
                }
            }
            if (s.changes() != null) {
                h.append("<p>Changes from <span class=\"mono\">").append(esc(s.changes().path("from").asText()))
                        .append("</span> to <span class=\"mono\">").append(esc(s.changes().path("to").asText())).append("</span>:</p>\n<ul>");
                for (JsonNode c : s.changes().path("commits")) {
                    h.append("<li><span class=\"mono\">").append(esc(c.path("shortId").asText())).append("</span> ")
                            .append(esc(c.path("message").asText())).append(" <span class=\"muted\">— ")
                            .append(esc(c.path("author").asText())).append("</span></li>");
                }
                h.append("</ul>\n");
            }
        }
    }

    private static void errors(StringBuilder h, PipelineResult run) {
        List<StageRecord> errors = run.stages().stream().filter(s -> s.error() != null).toList();
        if (errors.isEmpty()) {
            return;
        }
        h.append("<h2 id=\"errors\">Errors</h2>\n<table><tr><th>Stage</th><th>Kind</th><th>Message</th></tr>\n");
        for (StageRecord s : errors) {
            h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(esc(s.error().path("kind").asText()))
                    .append("</td><td>").append(esc(s.error().path("message").asText())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** The scalar facts of a result (one level of nesting flattened as {@code a.b}). */
    private static void facts(StringBuilder h, JsonNode result) {
        List<String[]> rows = new ArrayList<>();
        collect(result, "", 0, rows);
        if (rows.isEmpty()) {
            return;
        }
        h.append("<table>");
        rows.stream().limit(MAX_ROWS).forEach(r -> row(h, esc(r[0]), r[1].contains("\n")
                ? "<pre class=\"mono\">" + esc(r[1]) + "</pre>" : esc(r[1])));
        h.append("</table>\n");
    }

    private static void collect(JsonNode node, String prefix, int depth, List<String[]> rows) {
        node.properties().forEach(e -> {
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("summary") || key.equals("outcome") || v.isNull()) {
                return;
            }
            if (v.isValueNode()) {
                rows.add(new String[] {key, v.asText()});
            } else if (v.isArray() && v.size() > 0 && v.get(0).isValueNode()) {
                List<String> items = new ArrayList<>();
                v.forEach(i -> items.add(i.asText()));
                rows.add(new String[] {key, String.join(", ", items)});
            } else if (v.isObject() && depth < 1) {
                collect(v, key + ".", depth + 1, rows);
            }
        });
    }

    /** A table of a JSON array of objects: one column per scalar field (at most 9). */
    private static void table(StringBuilder h, JsonNode array) {
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode item : array) {
            item.properties().forEach(e -> {
                if (e.getValue().isValueNode() || (e.getValue().isArray() && (e.getValue().isEmpty() || e.getValue().get(0).isValueNode()))) {
                    columns.add(e.getKey());
                }
            });
        }
        List<String> cols = columns.stream().limit(9).toList();
        if (cols.isEmpty()) {
            return;
        }
        h.append("<table><tr>");
        cols.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        int n = 0;
        for (JsonNode item : array) {
            if (n++ >= MAX_ROWS) {
                h.append("<tr><td colspan=\"").append(cols.size()).append("\" class=\"muted\">… ").append(array.size() - MAX_ROWS)
                        .append(" more in the JSON result</td></tr>\n");
                break;
            }
            h.append("<tr>");
            for (String c : cols) {
                JsonNode v = item.path(c);
                String text;
                if (v.isArray()) {
                    List<String> items = new ArrayList<>();
                    v.forEach(i -> items.add(i.asText()));
                    text = String.join(", ", items);
                } else {
                    text = v.isMissingNode() || v.isNull() ? "" : v.asText();
                }
                h.append("<td").append(c.toLowerCase(Locale.ROOT).contains("fingerprint") ? " class=\"mono\"" : "").append('>')
                        .append(c.equals("status") || c.equals("outcome") ? badge(text) : esc(text)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String commitLine(JsonNode commit) {
        if (commit == null || !commit.path("found").asBoolean(false)) {
            return "<span class=\"muted\">" + esc(commit == null ? "unknown" : "no commit: " + commit.path("reason").asText()) + "</span>";
        }
        return "<span class=\"mono\">" + esc(commit.path("shortId").asText()) + "</span> "
                + (commit.hasNonNull("branch") ? "(" + esc(commit.get("branch").asText()) + ") " : "")
                + esc(commit.path("message").asText()) + " <span class=\"muted\">— " + esc(commit.path("author").asText())
                + ", " + esc(commit.path("time").asText()) + "</span>";
    }

    private static void row(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th>").append(key).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static String badge(String status) {
        String color = COLORS.get(status);
        if (color == null) {
            return esc(status);
        }
        return "<span class=\"badge s-" + status + "\">" + esc(status.replace('_', ' ')) + "</span>";
    }

    static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
