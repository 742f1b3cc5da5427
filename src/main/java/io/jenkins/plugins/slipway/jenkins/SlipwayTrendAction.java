package io.jenkins.plugins.slipway.jenkins;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.chart.BuildTrend;
import io.jenkins.plugins.slipway.jenkins.metrics.CodeMetricsAction;
import io.jenkins.plugins.slipway.jenkins.tests.RunTestsAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The job page's Slipway trend: tests (passed, failed, skipped), line coverage, findings and deploy duration over the
 * last builds, as SVG drawn by {@link BuildTrend}, each bar and point linking to its build.
 */
public final class SlipwayTrendAction implements Action {
    static final int MAX_BUILDS = 30;

    private final Job<?, ?> job;

    SlipwayTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /**
     * Oldest first, builds without any Slipway step left out; links are {@code hrefPrefix + number + "/"}. Tests and
     * coverage come from the build's first {@code runTests}, coverage else from {@code codeMetrics}; the deploy
     * duration adds up the build's {@code sshDeploy} calls.
     */
    static List<BuildTrend.Build> builds(Run<?, ?> newest, int max, String hrefPrefix) {
        List<BuildTrend.Build> builds = new ArrayList<>();
        for (Run<?, ?> r = newest; r != null && builds.size() < max; r = r.getPreviousBuild()) {
            SlipwayRunAction slipway = r.getAction(SlipwayRunAction.class);
            RunTestsAction tests = r.getAction(RunTestsAction.class);
            CodeMetricsAction metrics = r.getAction(CodeMetricsAction.class);
            if (slipway == null && tests == null && metrics == null) {
                continue;
            }
            Double coverage = tests == null ? null : percent(tests.getLineCoverage());
            if (coverage == null && metrics != null) {
                coverage = metrics.getLineCoverage();
            }
            Double deploy = null;
            if (slipway != null) {
                long millis = slipway.getEntries().stream().filter(e -> e.getStep().equals("sshDeploy"))
                        .mapToLong(SlipwayRunAction.StageEntry::getDurationMillis).sum();
                boolean deployed = slipway.getEntries().stream().anyMatch(e -> e.getStep().equals("sshDeploy"));
                deploy = deployed ? millis / 1000.0 : null;
            }
            builds.add(new BuildTrend.Build("#" + r.getNumber(), hrefPrefix + r.getNumber() + "/",
                    tests == null ? null : tests.getPassed(), tests == null ? null : tests.getFailed() + tests.getErrors(),
                    tests == null ? null : tests.getSkipped(), coverage,
                    metrics == null ? null : (double) metrics.getViolations(), deploy));
        }
        Collections.reverse(builds);
        return builds;
    }

    /** {@code "81.25%"} or {@code "81.25"} as a number; null when not a number. */
    static Double percent(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.trim().replace("%", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The chart for the job page (links relative to the job's URL). */
    public String getSvg() {
        return BuildTrend.render(builds(job.getLastBuild(), MAX_BUILDS, ""));
    }

    /** The chart for this action's own page (one level below the job's URL). */
    public String getPageSvg() {
        return BuildTrend.render(builds(job.getLastBuild(), MAX_BUILDS, "../"));
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Slipway trend";
    }

    @Override
    public String getUrlName() {
        return "slipwayTrend";
    }
}
