package io.jenkins.plugins.slipway.engine.deploy;

import static io.jenkins.plugins.slipway.engine.core.HtmlPage.badge;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.cssName;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.duration;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The deploy's (or rollback's) own HTML page, styled by the shared {@code slipway.css} beside it (no script, no
 * inline style): a header with the verdict, the release and a few figures; one SVG swimlane lane per host with its
 * phases (connect, upload, install = verify + unpack + switch, health, finish) and a rollback mark where the host
 * was switched back; the release on each host before and after; and, for every failed host, the whole reason —
 * which quotes the health check's last answer or the failing command's output.
 *
 * <p>The swimlane and the release table read the result's JSON form, so the run report draws the same pictures in
 * its deploy cards.
 */
public final class DeployReport {

    private static final Set<String> FAILED = Set.of("FAILED", "ROLLED_BACK", "ROLLBACK_FAILED");
    private static final Set<String> OK = Set.of("DEPLOYED", "UNCHANGED", "SWITCHED", "PLANNED");
    private static final int MAX_LANES = 40;

    private DeployReport() {
    }

    /**
     * Writes the page for {@code result} to {@code report} (relative to the working directory) with the stylesheet
     * beside it and returns the result naming it; a page that cannot be written is only a warning (the hosts are
     * deployed either way), and the result then names no report.
     */
    static DeployResult write(DeployResult result, String report, TaskContext context) {
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("report-start");
        DeployResult written = HtmlPage.writeReport(render(result), report, "deploy", context) ? result.withReport(report) : result;
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("report-written");
        return written;
    }

    /** The whole page. */
    public static String render(DeployResult result) {
        JsonNode r = Json.MAPPER.valueToTree(result);
        boolean rollback = "rollback".equals(result.operation());
        String title = (rollback ? "Rollback to " : "Deploy of ") + result.releaseId();
        StringBuilder h = new StringBuilder(16_384);
        h.append(HtmlPage.head(title + " — " + result.outcome().name()));
        h.append("<header class=\"page-header v-").append(result.outcome().name()).append("\">\n<h1>").append(esc(title))
                .append(' ').append(badge(result.outcome().name()));
        if (result.dryRun()) {
            h.append(" <span class=\"tag warn\">dry run: nothing changed</span>");
        }
        h.append("</h1>\n<p class=\"lede\">").append(esc(result.summary())).append("</p>\n");
        figures(h, r);
        h.append("</header>\n");
        h.append("<nav class=\"toc\"><a href=\"#hosts\">Hosts</a>").append(hasRotation(r) ? "<a href=\"#balancer\">Load balancer</a>" : "")
                .append("<a href=\"#releases\">Releases</a>");
        List<JsonNode> failed = failedHosts(r);
        if (!failed.isEmpty()) {
            h.append("<a href=\"#failures\">Failures (").append(failed.size()).append(")</a>");
        }
        h.append("</nav>\n");
        if (!failed.isEmpty()) {
            h.append("<h2 id=\"failures\">Failures</h2>\n");
            if (result.budgetExceeded()) {
                h.append("<p class=\"reason\"><b>Stopped: </b>").append(esc(rollback ? "a host failed, later batches were not touched"
                        : "the failure budget was exceeded; the batch in flight was rolled back and later batches were not touched"))
                        .append("</p>\n");
            }
            for (JsonNode host : failed) {
                h.append("<details open><summary><b>").append(esc(host.path("name").asText())).append("</b> <span class=\"mono muted\">")
                        .append(esc(host.path("address").asText())).append("</span> ").append(badge(host.path("outcome").asText()))
                        .append(" <span class=\"muted\">now on ").append(esc(host.path("currentRelease").asText("no release")))
                        .append("</span></summary>\n<pre>").append(esc(host.path("message").asText("no reason recorded")))
                        .append("</pre></details>\n");
            }
        }
        h.append("<h2 id=\"hosts\">Hosts</h2>\n");
        if (r.path("hosts").isEmpty()) {
            h.append("<p class=\"muted\">No host.</p>\n");
        } else {
            swimlane(h, r);
        }
        if (hasRotation(r)) {
            h.append("<h2 id=\"balancer\">Load balancer</h2>\n");
            rotation(h, r);
        }
        h.append("<h2 id=\"releases\">Release on each host, before and after</h2>\n");
        releases(h, r);
        h.append("<details class=\"plain\"><summary>The table as printed in the log</summary>\n<pre>").append(esc(result.table()))
                .append("</pre></details>\n");
        h.append(HtmlPage.foot());
        return h.toString();
    }

    private static void figures(StringBuilder h, JsonNode r) {
        int hosts = r.path("hosts").size();
        long ok = 0;
        long bad = 0;
        long skipped = 0;
        long slowest = 0;
        for (JsonNode host : r.path("hosts")) {
            String o = host.path("outcome").asText();
            ok += OK.contains(o) ? 1 : 0;
            bad += FAILED.contains(o) ? 1 : 0;
            skipped += "SKIPPED".equals(o) ? 1 : 0;
            slowest = Math.max(slowest, host.path("totalMillis").asLong());
        }
        h.append("<dl class=\"figures\">");
        figure(h, "release", r.path("releaseId").asText(), "");
        figure(h, r.path("dryRun").asBoolean() ? "would deploy" : "on release", ok + " / " + hosts, ok == hosts ? "good" : "");
        figure(h, "failed hosts", String.valueOf(bad), bad > 0 ? "bad" : "good");
        if (skipped > 0) {
            figure(h, "not touched", String.valueOf(skipped), "");
        }
        figure(h, "slowest host", duration(slowest), "");
        h.append("</dl>\n");
    }

    private static void figure(StringBuilder h, String label, String value, String cls) {
        h.append("<div><dt>").append(esc(label)).append("</dt><dd").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"")
                .append('>').append(esc(value)).append("</dd></div>");
    }

    private static List<JsonNode> failedHosts(JsonNode r) {
        List<JsonNode> failed = new ArrayList<>();
        r.path("hosts").forEach(host -> {
            if (FAILED.contains(host.path("outcome").asText())) {
                failed.add(host);
            }
        });
        return failed;
    }

    /**
     * One lane per host (at most 40): its phases end to end on one time scale, the phase it failed in marked, a
     * rollback mark after the phases of a host that was switched back; then a legend of the phases shown.
     */
    public static void swimlane(StringBuilder h, JsonNode r) {
        List<JsonNode> hosts = new ArrayList<>();
        r.path("hosts").forEach(hosts::add);
        if (hosts.isEmpty()) {
            return;
        }
        int more = Math.max(0, hosts.size() - MAX_LANES);
        hosts = hosts.subList(0, Math.min(MAX_LANES, hosts.size()));
        long total = 1;
        for (JsonNode host : hosts) {
            long sum = 0;
            for (JsonNode ms : host.path("phaseMillis")) {
                sum += ms.asLong();
            }
            total = Math.max(total, Math.max(sum, host.path("totalMillis").asLong()));
        }
        int label = 170;
        int width = 1040;
        int barArea = width - label - 150;
        int rowH = 30;
        int height = hosts.size() * rowH + 26;
        h.append("<div class=\"chart fill\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Deploy phases per host\">\n");
        for (int i = 0; i <= 4; i++) {
            int x = label + barArea * i / 4;
            h.append("<line class=\"grid\" x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"")
                    .append(height - 20).append("\"/><text class=\"axis\" x=\"").append(x).append("\" y=\"").append(height - 6)
                    .append("\" text-anchor=\"middle\">").append(esc(duration(total * i / 4))).append("</text>\n");
        }
        Set<String> seen = new LinkedHashSet<>();
        boolean anyFailed = false;
        boolean anyRollback = false;
        for (int i = 0; i < hosts.size(); i++) {
            JsonNode host = hosts.get(i);
            String name = host.path("name").asText();
            String outcome = host.path("outcome").asText();
            boolean failed = FAILED.contains(outcome);
            anyFailed |= failed;
            int y = i * rowH + 4;
            h.append("<text class=\"lane-label\" x=\"").append(label - 10).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\">").append(esc(name)).append("<title>")
                    .append(esc(host.path("address").asText())).append("</title></text>");
            h.append("<rect class=\"track\" x=\"").append(label).append("\" y=\"").append(y).append("\" width=\"").append(barArea)
                    .append("\" height=\"").append(rowH - 10).append("\" rx=\"3\"/>");
            double x = label;
            // the phase a failed host failed in: its last one, not counting the balancer's rejoin after it
            String failedIn = null;
            for (var it = host.path("phaseMillis").properties().iterator(); it.hasNext();) {
                String key = it.next().getKey();
                failedIn = key.equals("rejoin") ? failedIn : key;
            }
            var phases = host.path("phaseMillis").properties().iterator();
            while (phases.hasNext()) {
                var phase = phases.next();
                long ms = phase.getValue().asLong();
                double w = Math.max(2, barArea * (double) ms / total);
                boolean last = phase.getKey().equals(failedIn);
                seen.add(phase.getKey());
                h.append(String.format(Locale.ROOT, "<rect class=\"p-%s%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">",
                        esc(cssName(phase.getKey())), failed && last ? " bad" : "", x, y, w, rowH - 10))
                        .append("<title>").append(esc(name + " " + phase.getKey() + ": " + duration(ms)
                                + (failed && last ? " — failed here" : ""))).append("</title></rect>");
                x += w;
            }
            if (outcome.equals("ROLLED_BACK") || outcome.equals("ROLLBACK_FAILED")) {
                anyRollback = true;
                h.append(String.format(Locale.ROOT, "<rect class=\"p-rollback\" x=\"%.1f\" y=\"%d\" width=\"6\" height=\"%d\">",
                        x + 1, y - 2, rowH - 6)).append("<title>").append(esc(name + (outcome.equals("ROLLED_BACK")
                        ? " switched back to " + host.path("currentRelease").asText("no release") : " could not be switched back")))
                        .append("</title></rect>");
                x += 7;
            }
            String word = outcome.replace('_', ' ').toLowerCase(Locale.ROOT);
            String note = host.path("phaseMillis").isEmpty() ? word : duration(host.path("totalMillis").asLong()) + " · " + word;
            h.append(String.format(Locale.ROOT, "<text class=\"dur%s\" x=\"%.1f\" y=\"%d\">", failed ? " bad" : "",
                    Math.min(x + 6, width - 144.0), y + 15)).append(esc(note)).append("</text>\n");
        }
        h.append("</svg>\n<ul class=\"legend\">");
        for (String phase : seen) {
            h.append("<li class=\"l-").append(esc(cssName(phase))).append("\">").append(esc(phase)).append("</li>");
        }
        if (anyFailed) {
            h.append("<li class=\"l-failed\">the phase a host failed in</li>");
        }
        if (anyRollback) {
            h.append("<li class=\"l-rollback\">switched back</li>");
        }
        h.append("</ul>");
        if (more > 0) {
            h.append("<p class=\"muted\">").append(more).append(" more host(s) in the table below.</p>");
        }
        h.append("</div>\n");
    }

    /** Whether any host was taken out of a load balancer's rotation. */
    public static boolean hasRotation(JsonNode r) {
        for (JsonNode host : r.path("hosts")) {
            if (host.path("rotation").isObject()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every host and its load balancer: when it left rotation, how long it drained (with the requests in flight at the
     * start), when it rejoined, when the balancer reported it healthy; a host left out says why and how to return it.
     */
    public static void rotation(StringBuilder h, JsonNode r) {
        String balancer = "";
        for (JsonNode host : r.path("hosts")) {
            if (host.path("rotation").isObject()) {
                balancer = host.path("rotation").path("balancer").asText();
                break;
            }
        }
        h.append("<p class=\"muted\">").append(esc(balancer)).append(" (times UTC)</p>\n");
        h.append("<table class=\"rotation\"><tr><th>Host</th><th>Server</th><th>Left rotation</th><th class=\"n\">Drained</th>"
                + "<th class=\"n\">In flight</th><th>Rejoined</th><th>Healthy in balancer</th><th>Note</th></tr>\n");
        for (JsonNode host : r.path("hosts")) {
            JsonNode rot = host.path("rotation");
            if (!rot.isObject()) {
                continue;
            }
            int open = rot.path("openAtStart").asInt(-1);
            String out = rot.path("outOfRotation").asText("");
            h.append("<tr><td class=\"nowrap\">").append(esc(host.path("name").asText())).append("</td><td class=\"mono\">")
                    .append(esc(rot.path("server").asText("–"))).append("</td><td class=\"mono\">").append(esc(clock(rot.path("leftAt").asLong())))
                    .append("</td><td class=\"n\">").append(rot.path("leftAt").asLong() == 0 ? "–" : esc(duration(rot.path("drainMillis").asLong())))
                    .append("</td><td class=\"n\">").append(open < 0 ? "–" : open + (rot.path("openAtEnd").asInt() > 0
                            ? " (" + rot.path("openAtEnd").asInt() + " left at the timeout)" : ""))
                    .append("</td><td class=\"mono\">").append(esc(clock(rot.path("rejoinedAt").asLong())))
                    .append("</td><td class=\"mono\">").append(esc(clock(rot.path("healthyAt").asLong())))
                    .append("</td><td>").append(out.isEmpty() ? "in rotation" : "<b>" + esc(out) + "</b>").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** An epoch time as {@code HH:mm:ss.SSS} UTC, or a dash for 0. */
    static String clock(long epochMillis) {
        return epochMillis <= 0 ? "–" : java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(epochMillis));
    }

    /** Every host: address, release before and after, result and the note (the reason when it failed). */
    public static void releases(StringBuilder h, JsonNode r) {
        h.append("<table><tr><th>Host</th><th>Address</th><th>Before</th><th>After</th><th>Result</th><th class=\"n\">Time</th>"
                + "<th>Note</th></tr>\n");
        for (JsonNode host : r.path("hosts")) {
            String before = host.path("previousRelease").asText("–");
            String after = host.path("currentRelease").asText("–");
            h.append("<tr><td class=\"nowrap\">").append(esc(host.path("name").asText())).append("</td><td class=\"mono\">")
                    .append(esc(host.path("address").asText())).append("</td><td class=\"mono\">").append(esc(before))
                    .append("</td><td class=\"mono").append(before.equals(after) ? "" : " changed").append("\">").append(esc(after))
                    .append("</td><td>").append(badge(host.path("outcome").asText())).append("</td><td class=\"n\">")
                    .append(host.path("totalMillis").asLong() == 0 ? "–" : esc(duration(host.path("totalMillis").asLong())))
                    .append("</td><td>").append(esc(host.path("message").asText(""))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
