package io.jenkins.plugins.slipway.engine.ec2;

import static io.jenkins.plugins.slipway.engine.core.HtmlPage.badge;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.cssName;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.duration;
import static io.jenkins.plugins.slipway.engine.core.HtmlPage.esc;

import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.util.Locale;
import java.util.Map;

/**
 * The EC2 launch's own HTML page, styled by the shared {@code slipway.css} beside it (no script, no inline style):
 * the fleet, region and AMI; the plan (what is reused, launched, terminated); how long each wait took; and every
 * instance with its id, state, type, zone, subnet, addresses, SSH login and the host key fingerprints the deploy
 * stage pins.
 */
public final class Ec2Report {

    private Ec2Report() {
    }

    /**
     * Writes the page to {@code report} (relative to the working directory) with the stylesheet beside it and returns
     * the result naming it; a page that cannot be written is only a warning (the instances exist either way).
     */
    static Ec2Result write(Ec2Result result, String report, TaskContext context) {
        return HtmlPage.writeReport(render(result), report, "EC2", context) ? result.withReport(report) : result;
    }

    /** The whole page. */
    public static String render(Ec2Result r) {
        String title = "EC2 fleet " + (r.fleet() == null ? "(all)" : r.fleet());
        StringBuilder h = new StringBuilder(12_288);
        h.append(HtmlPage.head(title + " — " + r.action()));
        h.append("<header class=\"page-header v-").append(r.outcome().name()).append("\">\n<h1>").append(esc(title)).append(' ')
                .append(badge(r.outcome().name()));
        if (r.dryRun()) {
            h.append(" <span class=\"tag warn\">dry run: nothing launched or terminated</span>");
        }
        h.append("</h1>\n<p class=\"lede\">").append(esc(r.summary())).append("</p>\n<dl class=\"figures\">");
        figure(h, r.dryRun() ? "would be ready" : "hosts ready", String.valueOf(r.dryRun() ? r.reused().size() + r.toLaunch()
                : r.hosts().size()));
        figure(h, r.dryRun() ? "to launch" : "launched", String.valueOf(r.dryRun() ? r.toLaunch() : r.launched().size()));
        figure(h, "reused", String.valueOf(r.reused().size()));
        figure(h, r.dryRun() ? "to terminate" : "terminated", String.valueOf(r.terminated().size()));
        long total = r.phaseMillis().values().stream().mapToLong(Long::longValue).sum();
        figure(h, "took", duration(total));
        h.append("</dl>\n<dl class=\"meta\">");
        meta(h, "Region", r.region());
        meta(h, "AMI", r.ami());
        meta(h, "Action", r.action());
        h.append("</dl>\n</header>\n");

        h.append("<h2 id=\"plan\">Plan</h2>\n");
        if (r.plan().isEmpty()) {
            h.append("<p class=\"muted\">No plan recorded.</p>\n");
        } else {
            h.append("<ul class=\"plan\">");
            for (String line : r.plan()) {
                String verb = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
                h.append("<li><span class=\"verb v-").append(esc(cssName(verb.toLowerCase(Locale.ROOT)))).append("\">")
                        .append(esc(verb)).append("</span> ").append(esc(line.substring(verb.length()).trim())).append("</li>");
            }
            h.append("</ul>\n");
        }
        if (!r.phaseMillis().isEmpty()) {
            h.append("<h2 id=\"waits\">Where the time went</h2>\n");
            phases(h, r.phaseMillis(), total);
        }
        h.append("<h2 id=\"instances\">Instances (").append(r.hosts().size()).append(")</h2>\n");
        if (r.hosts().isEmpty()) {
            h.append("<p class=\"muted\">").append(r.dryRun() ? "A dry run waits for no instance." : "No instance.").append("</p>\n");
        } else {
            instances(h, r);
        }
        if (!r.terminated().isEmpty()) {
            h.append("<h2 id=\"terminated\">").append(r.dryRun() ? "Would be terminated" : "Terminated").append("</h2>\n<ul>");
            r.terminated().forEach(id -> h.append("<li class=\"mono\">").append(esc(id)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append(HtmlPage.foot());
        return h.toString();
    }

    private static void instances(StringBuilder h, Ec2Result r) {
        h.append("<table><tr><th>Instance</th><th>State / type</th><th>Zone / subnet</th><th>Private IP / DNS</th>"
                + "<th>Public IP / DNS</th><th>SSH login / host key fingerprints</th></tr>\n");
        for (Ec2Host host : r.hosts()) {
            h.append("<tr><td><code>").append(esc(host.instanceId())).append("</code> ").append(host.launched()
                    ? "<span class=\"tag\">launched</span>" : "<span class=\"tag\">reused</span>");
            if (host.spot()) {
                h.append(" <span class=\"tag\">spot</span>");
            }
            if (host.name() != null && !host.name().equals(host.instanceId())) {
                h.append("<br>").append(esc(host.name()));
            }
            if (host.expiresAt() != null) {
                h.append("<br><span class=\"muted\">expires ").append(esc(host.expiresAt())).append("</span>");
            }
            h.append("</td><td>").append(esc(host.state())).append("<br>").append(esc(host.instanceType()))
                    .append("</td><td>").append(esc(host.availabilityZone())).append("<br><code class=\"muted\">")
                    .append(esc(host.subnetId())).append("</code></td><td><code>").append(esc(dash(host.privateIp())))
                    .append("</code><br><code class=\"muted\">").append(esc(dash(host.privateDns()))).append("</code></td><td><code>")
                    .append(esc(dash(host.publicIp()))).append("</code><br><code class=\"muted\">").append(esc(dash(host.publicDns())))
                    .append("</code></td><td><code>").append(esc(host.user() + "@" + host.host() + ":" + host.port()))
                    .append("</code>");
            if (host.hostKeyFingerprints().isEmpty()) {
                h.append("<br><span class=\"bad\">no host key read</span>");
            }
            for (String print : host.hostKeyFingerprints()) {
                h.append("<br><code class=\"muted\">").append(esc(print)).append("</code>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** One bar per phase on a shared scale, in the order they ran. */
    private static void phases(StringBuilder h, Map<String, Long> phases, long total) {
        int label = 140;
        int width = 760;
        int barArea = width - label - 90;
        int rowH = 22;
        int height = phases.size() * rowH + 4;
        h.append("<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"EC2 wait phases\">\n");
        int y = 2;
        double x = label;
        for (Map.Entry<String, Long> e : phases.entrySet()) {
            double w = Math.max(2, barArea * (double) e.getValue() / Math.max(1, total));
            h.append("<text class=\"lane-label\" x=\"").append(label - 8).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(esc(e.getKey())).append("</text>")
                    .append(String.format(Locale.ROOT, "<rect class=\"p-ec2\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">",
                            x, y + 2, w, rowH - 6)).append("<title>").append(esc(e.getKey() + ": " + duration(e.getValue())))
                    .append("</title></rect>").append(String.format(Locale.ROOT, "<text class=\"dur\" x=\"%.1f\" y=\"%d\">",
                            Math.min(x + w + 6, width - 84.0), y + 14)).append(esc(duration(e.getValue()))).append("</text>\n");
            x += w;
            y += rowH;
        }
        h.append("</svg></div>\n");
    }

    private static void figure(StringBuilder h, String label, String value) {
        h.append("<div><dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd></div>");
    }

    private static void meta(StringBuilder h, String label, String value) {
        h.append("<div><dt>").append(esc(label)).append("</dt><dd class=\"mono\">").append(esc(dash(value))).append("</dd></div>");
    }

    private static String dash(String value) {
        return value == null || value.isEmpty() ? "–" : value;
    }
}
