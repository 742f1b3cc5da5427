package io.jenkins.plugins.slipway.jenkins.chart;

import io.jenkins.plugins.slipway.shared.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders the metrics trend over builds as standalone SVG, with the JDK only: four small panels (violations,
 * duplication %, coverage %, lines of code), one point per build, oldest on the left. No script; labels are
 * XML-escaped, so the SVG is safe to inline in a page.
 */
public final class TrendChart {
    private static final int WIDTH = 640;
    private static final int PANEL_HEIGHT = 110;
    private static final int LEFT = 70;
    private static final int RIGHT = 16;
    private static final int TOP = 22;
    private static final int BOTTOM = 18;

    private record Series(String title, String colour, Function<TrendPoint, Double> value, boolean percent) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("Violations", "#cf222e", TrendPoint::getViolations, false),
            new Series("Duplicated lines %", "#8250df", TrendPoint::getDuplicationPercent, true),
            new Series("Line coverage %", "#1a7f37", TrendPoint::getCoveragePercent, true),
            new Series("Lines of code", "#0969da", TrendPoint::getLinesOfCode, false));

    private TrendChart() {
    }

    /** The SVG document for the points, oldest first. */
    public static String render(List<TrendPoint> points) {
        List<TrendPoint> pts = points == null ? List.of() : points;
        int height = SERIES.size() * (PANEL_HEIGHT + TOP + BOTTOM) + 4;
        StringBuilder s = new StringBuilder(4096);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">\n");
        s.append("<title>Code metrics trend</title>\n");
        int y0 = 0;
        for (Series series : SERIES) {
            panel(s, series, pts, y0);
            y0 += PANEL_HEIGHT + TOP + BOTTOM;
        }
        return s.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder s, Series series, List<TrendPoint> pts, int y0) {
        int plotTop = y0 + TOP;
        int plotBottom = plotTop + PANEL_HEIGHT;
        int plotWidth = WIDTH - LEFT - RIGHT;
        s.append("<g class=\"series\" data-series=\"").append(Html.escape(series.title())).append("\">\n");
        s.append("<text x=\"").append(LEFT).append("\" y=\"").append(y0 + 15).append("\" font-weight=\"bold\">")
                .append(Html.escape(series.title())).append("</text>\n");
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(plotTop).append("\" width=\"").append(plotWidth)
                .append("\" height=\"").append(PANEL_HEIGHT).append("\" fill=\"none\" stroke=\"#ccc\"/>\n");
        double max = 0;
        boolean any = false;
        for (TrendPoint p : pts) {
            Double v = series.value().apply(p);
            if (v != null && !v.isNaN()) {
                max = Math.max(max, v);
                any = true;
            }
        }
        if (!any) {
            s.append("<text x=\"").append(LEFT + plotWidth / 2).append("\" y=\"").append(plotTop + PANEL_HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#888\">no data</text>\n</g>\n");
            return;
        }
        double top = series.percent() ? 100 : niceCeiling(max);
        s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(plotTop + 4)
                .append("\" text-anchor=\"end\">").append(format(top)).append("</text>\n");
        s.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(plotBottom)
                .append("\" text-anchor=\"end\">0</text>\n");
        List<String> coords = new ArrayList<>();
        int n = pts.size();
        for (int i = 0; i < n; i++) {
            TrendPoint p = pts.get(i);
            Double v = series.value().apply(p);
            double x = n == 1 ? LEFT + plotWidth / 2.0 : LEFT + 8 + i * (plotWidth - 16.0) / (n - 1);
            if (v == null || v.isNaN()) {
                continue;
            }
            double y = plotBottom - (top == 0 ? 0 : v / top * PANEL_HEIGHT);
            String xy = String.format(Locale.ROOT, "%.1f,%.1f", x, y);
            coords.add(xy);
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">", x, y,
                    series.colour())).append("<title>").append(Html.escape(p.getLabel())).append(": ")
                    .append(format(v)).append(series.percent() ? "%" : "").append("</title></circle>\n");
        }
        if (coords.size() > 1) {
            s.append("<polyline fill=\"none\" stroke=\"").append(series.colour()).append("\" stroke-width=\"2\" points=\"")
                    .append(String.join(" ", coords)).append("\"/>\n");
        }
        if (n > 0) {
            s.append("<text x=\"").append(LEFT).append("\" y=\"").append(plotBottom + 13).append("\">")
                    .append(Html.escape(pts.get(0).getLabel())).append("</text>\n");
            s.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(plotBottom + 13)
                    .append("\" text-anchor=\"end\">").append(Html.escape(pts.get(n - 1).getLabel())).append("</text>\n");
        }
        s.append("</g>\n");
    }

    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
