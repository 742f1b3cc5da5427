package io.jenkins.plugins.slipway.jenkins;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;

/** The build's "Slipway" page: every Slipway step of the build with its status, summary and duration. */
public final class SlipwayRunAction implements RunAction2 {
    private final List<StageEntry> entries = new ArrayList<>();
    private transient Run<?, ?> run;

    /** One step's line. A plain class with concrete fields so the build record can be read back. */
    public static final class StageEntry {
        private final String step;
        private final String status;
        private final String summary;
        private final long durationMillis;

        public StageEntry(String step, String status, String summary, long durationMillis) {
            this.step = step;
            this.status = status;
            this.summary = summary;
            this.durationMillis = durationMillis;
        }

        public String getStep() {
            return step;
        }

        public String getStatus() {
            return status;
        }

        public String getSummary() {
            return summary;
        }

        public long getDurationMillis() {
            return durationMillis;
        }

        public String getDuration() {
            return durationMillis < 1000 ? durationMillis + " ms" : String.format("%.1f s", durationMillis / 1000.0);
        }
    }

    static synchronized void addTo(Run<?, ?> run, String step, String status, String summary, long millis) {
        SlipwayRunAction action = run.getAction(SlipwayRunAction.class);
        if (action == null) {
            action = new SlipwayRunAction();
            run.addAction(action);
        }
        action.add(new StageEntry(step, status, summary, millis));
    }

    synchronized void add(StageEntry entry) {
        entries.add(entry);
    }

    public synchronized List<StageEntry> getEntries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /**
     * The page of the stage an entry stands for ({@code runTests}, {@code codeMetrics}, {@code browserTest-2}, …),
     * or null when that step has no page of its own or did not record one (it stopped with an error). Resolved when
     * the page is drawn, so an old build or a failed step never shows a dead link.
     */
    public synchronized String linkOf(StageEntry entry) {
        int k = 0;
        for (StageEntry e : entries) {
            if (e.getStep().equals(entry.getStep())) {
                k++;
            }
            if (e == entry) {
                break;
            }
        }
        // the URL every StageAction gets: <step> for the first call, <step>-<n> for the n-th; codeMetrics keeps one page
        String candidate = k == 1 || "codeMetrics".equals(entry.getStep()) ? entry.getStep() : entry.getStep() + "-" + k;
        if (run == null) {
            return null;
        }
        for (hudson.model.Action a : run.getActions(hudson.model.Action.class)) {
            if (a instanceof StageAction && candidate.equals(a.getUrlName())) {
                return candidate;
            }
        }
        return null;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-rocket-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Slipway";
    }

    @Override
    public String getUrlName() {
        return "slipway";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
