package io.jenkins.plugins.slipway.jenkins.chart;

import io.jenkins.plugins.slipway.shared.Html;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The job page's Slipway trend as standalone SVG, with the JDK only: tests (passed, failed, skipped as stacked bars),
 * line coverage %, findings and deploy duration, one column per build, oldest on the left. Every bar and point is a
 * link to its build and carries a tooltip. No script; labels are XML-escaped, so the SVG is safe to inline in a page.
 */
public final class BuildTrend {
    private static final int WIDTH = 640;
    private static final int PLOT_HEIGHT = 90;
    private static final int LEFT = 70;
    private static final int RIGHT = 16;
    private static final int TOP = 22;
    private static final int BOTTOM = 20;
    private static final int PANEL = TOP + PLOT_HEIGHT + BOTTOM;

    private static final String PASS = "#1a7f37";
    private static final String FAIL = "#cf222e";
    private static final String SKIP = "#afb8c1";

    /**
     * One build's figures; a null value means the build did not measure it.
     *
     * @param label the build's label, e.g. {@code #42}
     * @param href the link to the build, relative to the page the chart is inlined in
     */
    public record Build(String label, String href, Long passed, Long failed, Long skipped, Double coveragePercent,
            Double findings, Double deploySeconds) {

        boolean hasTests() {
            return passed != null || failed != null || skipped != null;
        }

        long total() {
            return n(passed) + n(failed) + n(skipped);
        }
    }

    private BuildTrend() {
    }

    /** The SVG document for the builds, oldest first. */
    public static String render(List<Build> builds) {
        List<Build> b = builds == null ? List.of() : builds;
        int height = 4 * PANEL + 4;
        StringBuilder s = new StringBuilder(8192);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">\n<title>Slipway trend</title>\n");
        tests(s, b, 0);
        line(s, b, PANEL, "Line coverage %", "#0969da", Build::coveragePercent, true, "%");
        line(s, b, 2 * PANEL, "Findings", "#bc4c00", Build::findings, false, "");
        bars(s, b, 3 * PANEL, "Deploy duration (s)", "#8250df", Build::deploySeconds, " s");
        return s.append("</svg>\n").toString();
    }

    private static void frame(StringBuilder s, String title, int y0, String legend) {
        s.append("<g class=\"panel\" data-panel=\"").append(Html.escape(title)).append("\">\n");
        s.append("<text x=\"").append(LEFT).append("\" y=\"").append(y0 + 15).append("\" font-weight=\"bold\">")
                .append(Html.escape(title)).append("</text>");
        if (legend != null) {
            s.append(legend);
        }
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y0 + TOP).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
                .append("\" height=\"").append(PLOT_HEIGHT).append("\" fill=\"none\" stroke=\"#ccc\"/>\n");
    }

    private static void noData(StringBuilder s, int y0) {
        s.append("<text x=\"").append(LEFT + (WIDTH - LEFT - RIGHT) / 2).append("\" y=\"").append(y0 + TOP + PLOT_HEIGHT / 2)
                .append("\" text-anchor=\"middle\" fill=\"#888\">no data</text>\n</g>\n");
    }

    private static void axis(StringBuilder s, int y0, double top, List<Build> b) {
        s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(y0 + TOP + 4).append("\" text-anchor=\"end\">")
                .append(TrendChart.format(top)).append("</text><text x=\"").append(LEFT - 4).append("\" y=\"")
                .append(y0 + TOP + PLOT_HEIGHT).append("\" text-anchor=\"end\">0</text>\n");
        if (!b.isEmpty()) {
            s.append("<text x=\"").append(LEFT).append("\" y=\"").append(y0 + TOP + PLOT_HEIGHT + 13).append("\">")
                    .append(Html.escape(b.get(0).label())).append("</text><text x=\"").append(WIDTH - RIGHT).append("\" y=\"")
                    .append(y0 + TOP + PLOT_HEIGHT + 13).append("\" text-anchor=\"end\">")
                    .append(Html.escape(b.get(b.size() - 1).label())).append("</text>\n");
        }
    }

    /** The width of one build's column and its left edge. */
    private static double slot(int n) {
        return (WIDTH - LEFT - RIGHT - 8.0) / Math.max(1, n);
    }

    private static void tests(StringBuilder s, List<Build> b, int y0) {
        String legend = "<text x=\"" + (WIDTH - RIGHT) + "\" y=\"" + (y0 + 15) + "\" text-anchor=\"end\">"
                + "<tspan fill=\"" + PASS + "\">■ passed</tspan> <tspan fill=\"" + FAIL + "\">■ failed</tspan> <tspan fill=\""
                + SKIP + "\">■ skipped</tspan></text>";
        frame(s, "Tests", y0, legend);
        long max = b.stream().filter(Build::hasTests).mapToLong(Build::total).max().orElse(-1);
        if (max < 0) {
            noData(s, y0);
            return;
        }
        double top = TrendChart.niceCeiling(max);
        axis(s, y0, top, b);
        double w = slot(b.size());
        int bottom = y0 + TOP + PLOT_HEIGHT;
        for (int i = 0; i < b.size(); i++) {
            Build build = b.get(i);
            if (!build.hasTests()) {
                continue;
            }
            double bw = barWidth(w);
            double x = LEFT + 4 + i * w + (w - bw) / 2;
            s.append("<a href=\"").append(Html.escape(build.href())).append("\"><title>")
                    .append(Html.escape(build.label() + ": " + n(build.passed()) + " passed, " + n(build.failed())
                            + " failed, " + n(build.skipped()) + " skipped")).append("</title>");
            double y = bottom;
            for (Object[] seg : new Object[][] {{n(build.passed()), PASS}, {n(build.failed()), FAIL}, {n(build.skipped()), SKIP}}) {
                double h = (long) seg[0] / top * PLOT_HEIGHT;
                if (h <= 0) {
                    continue;
                }
                y -= h;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                        x, y, bw, h, seg[1]));
            }
            s.append("</a>\n");
        }
        s.append("</g>\n");
    }

    private static void line(StringBuilder s, List<Build> b, int y0, String title, String colour,
            Function<Build, Double> value, boolean percent, String unit) {
        frame(s, title, y0, null);
        double max = b.stream().map(value).filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(-1);
        if (max < 0) {
            noData(s, y0);
            return;
        }
        double top = percent ? 100 : TrendChart.niceCeiling(max);
        axis(s, y0, top, b);
        double w = slot(b.size());
        int bottom = y0 + TOP + PLOT_HEIGHT;
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < b.size(); i++) {
            Double v = value.apply(b.get(i));
            if (v == null || v.isNaN()) {
                continue;
            }
            double x = LEFT + 4 + i * w + w / 2;
            double y = bottom - (top == 0 ? 0 : v / top * PLOT_HEIGHT);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            dots.append("<a href=\"").append(Html.escape(b.get(i).href())).append("\">")
                    .append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">", x, y, colour))
                    .append("<title>").append(Html.escape(b.get(i).label() + ": " + TrendChart.format(v) + unit))
                    .append("</title></circle></a>\n");
        }
        if (points.toString().trim().contains(" ")) {
            s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
        }
        s.append(dots).append("</g>\n");
    }

    private static void bars(StringBuilder s, List<Build> b, int y0, String title, String colour,
            Function<Build, Double> value, String unit) {
        frame(s, title, y0, null);
        double max = b.stream().map(value).filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(-1);
        if (max < 0) {
            noData(s, y0);
            return;
        }
        double top = TrendChart.niceCeiling(max);
        axis(s, y0, top, b);
        double w = slot(b.size());
        int bottom = y0 + TOP + PLOT_HEIGHT;
        for (int i = 0; i < b.size(); i++) {
            Double v = value.apply(b.get(i));
            if (v == null || v.isNaN()) {
                continue;
            }
            double h = Math.max(1, v / top * PLOT_HEIGHT);
            s.append("<a href=\"").append(Html.escape(b.get(i).href())).append("\">")
                    .append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
                            LEFT + 4 + i * w + (w - barWidth(w)) / 2, bottom - h, barWidth(w), h, colour))
                    .append("<title>").append(Html.escape(b.get(i).label() + ": " + TrendChart.format(v) + unit))
                    .append("</title></rect></a>\n");
        }
        s.append("</g>\n");
    }

    /** 70% of the column, at most 28 px, at least 2. */
    private static double barWidth(double column) {
        return Math.max(2, Math.min(28, column * 0.7));
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }
}
