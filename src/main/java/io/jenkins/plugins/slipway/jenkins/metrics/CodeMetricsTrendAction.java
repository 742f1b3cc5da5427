package io.jenkins.plugins.slipway.jenkins.metrics;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.chart.TrendChart;
import io.jenkins.plugins.slipway.jenkins.chart.TrendPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The job page's code-metrics trend: violations, duplication, coverage and size over the last builds, as SVG. */
public final class CodeMetricsTrendAction implements Action {
    static final int MAX_BUILDS = 30;

    private final Job<?, ?> job;

    CodeMetricsTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** Oldest first, builds without metrics left out. */
    static List<TrendPoint> points(Run<?, ?> newest, int max) {
        List<TrendPoint> points = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> r = newest; r != null && seen < max; r = r.getPreviousBuild()) {
            CodeMetricsAction action = r.getAction(CodeMetricsAction.class);
            if (action != null) {
                points.add(action.trendPoint("#" + r.getNumber()));
                seen++;
            }
        }
        Collections.reverse(points);
        return points;
    }

    /** The chart as an SVG document (numbers and escaped build labels only), inlined by the page. */
    public String getSvg() {
        return TrendChart.render(points(job.getLastBuild(), MAX_BUILDS));
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Code metrics trend";
    }

    @Override
    public String getUrlName() {
        return "codeMetricsTrend";
    }
}
