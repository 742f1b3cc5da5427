package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.pipeline.PipelineResult;
import io.jenkins.plugins.slipway.engine.pipeline.StageRecord;
import java.io.PrintStream;
import java.util.Locale;

/** The one-screen summary printed at the end of {@code slipway run} and {@code slipway demo}. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(PipelineResult run, PrintStream out) {
        out.println();
        out.println("════ " + run.name() + ": " + run.outcome() + " in " + seconds(run.durationMillis()) + " ════");
        int width = run.stages().stream().mapToInt(s -> s.name().length()).max().orElse(10);
        for (StageRecord s : run.stages()) {
            String status = s.status() + (s.expected() && s.status().equals("FAILED") ? " (expected)" : "");
            String summary = s.summary() == null ? "" : s.summary();
            if (summary.length() > 110) {
                summary = summary.substring(0, 107) + "...";
            }
            out.printf(Locale.ROOT, "  %-" + width + "s  %-19s %7s  %s%n", s.name(), status, seconds(s.durationMillis()), summary);
        }
        out.println("  " + run.summary());
        out.println("  report: " + run.reportFile());
        out.println("  result: " + run.resultFile());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
