package io.jenkins.plugins.slipway.jenkins;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;

/** The build's "Slipway" page: every Slipway step of the build with its status, summary and duration. */
public final class SlipwayRunAction implements RunAction2, jenkins.tasks.SimpleBuildStep.LastBuildAction {
    private final List<StageEntry> entries = new ArrayList<>();
    private transient Run<?, ?> run;

    /** One step's line. A plain class with concrete fields so the build record can be read back. */
    public static final class StageEntry {
        /** The status of a call that has started and not finished yet. */
        public static final String RUNNING = "RUNNING";
        /**
         * The status shown, never recorded, for a call still {@link #RUNNING} on a build that has ended: it was stopped
         * before its worker started, or Jenkins stopped or restarted while it ran, so it never recorded its outcome.
         */
        public static final String DID_NOT_FINISH = "DID NOT FINISH";
        static final String DID_NOT_FINISH_SUMMARY = "the step never recorded its outcome: the build ended before it did "
                + "(killed, stopped before the step started, or Jenkins restarted)";
        private final String step;
        private final String status;
        private final String summary;
        private final long durationMillis;
        private final String report;
        /** 1 for the first call of the step in the build, n for the n-th; 0 in builds recorded before calls were numbered. */
        private final int index;

        public StageEntry(String step, String status, String summary, long durationMillis) {
            this(step, status, summary, durationMillis, null);
        }

        /** An entry whose step's own HTML report was archived as {@code report} (an artifact path). */
        public StageEntry(String step, String status, String summary, long durationMillis, String report) {
            this(step, status, summary, durationMillis, report, 0);
        }

        /** The line of the {@code index}-th call of {@code step}. */
        public StageEntry(String step, String status, String summary, long durationMillis, String report, int index) {
            this.step = step;
            this.status = status;
            this.summary = summary;
            this.durationMillis = durationMillis;
            this.report = report;
            this.index = index;
        }

        /** The step's archived HTML report (relative to the build's {@code artifact/}), or null. */
        public String getReport() {
            return report;
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

        /** 1 for the first call of the step in the build, n for the n-th; 0 when the build did not record it. */
        public int getIndex() {
            return index;
        }

        public long getDurationMillis() {
            return durationMillis;
        }

        public String getDuration() {
            if (RUNNING.equals(status) || DID_NOT_FINISH.equals(status)) {
                return "no duration";
            }
            return durationMillis < 1000 ? durationMillis + " ms" : String.format("%.1f s", durationMillis / 1000.0);
        }

        /**
         * This line as a page shows it while the build {@code building} or after: a call still {@link #RUNNING} on a
         * build that has ended {@link #DID_NOT_FINISH did not finish}. Only what is shown changes, never the record.
         */
        public StageEntry shownWhile(boolean building) {
            if (building || !RUNNING.equals(status)) {
                return this;
            }
            return new StageEntry(step, DID_NOT_FINISH, DID_NOT_FINISH_SUMMARY, durationMillis, report, index);
        }

        /** The Jenkins status symbol of the line: blue, yellow, red, grey for aborted and unfinished calls. */
        public String getIcon() {
            return switch (status) {
                case "PASSED" -> "symbol-status-blue";
                case "UNSTABLE" -> "symbol-status-yellow";
                case "FAILED", "ERROR" -> "symbol-status-red";
                case RUNNING -> "symbol-status-nobuilt-anime";
                default -> "symbol-status-aborted";
            };
        }
    }

    /**
     * Records the start of a new call of {@code step} and returns its number: 1 + the calls of the step the build
     * has recorded so far (every call is recorded when it starts, so parallel calls never share a number).
     */
    static int open(Run<?, ?> run, String step) {
        synchronized (SlipwayRunAction.class) {
            return of(run).claim(step);
        }
    }

    /** The run's action, added when it has none yet (callers hold the class lock). */
    private static SlipwayRunAction of(Run<?, ?> run) {
        SlipwayRunAction action = run.getAction(SlipwayRunAction.class);
        if (action == null) {
            action = new SlipwayRunAction();
            run.addAction(action);
        }
        return action;
    }

    /**
     * Records how the {@code index}-th call of {@code step} ended, in place of its {@code RUNNING} line (a build
     * recorded without one gets a new line).
     */
    static void close(Run<?, ?> run, String step, int index, String status, String summary, long millis, String report) {
        synchronized (SlipwayRunAction.class) {
            of(run).settle(new StageEntry(step, status, summary, millis, report, index), false);
        }
    }

    /** As {@link #close}, only when the call has not been closed yet (it stopped before recording its outcome). */
    static void closeIfRunning(Run<?, ?> run, String step, int index, String status, String summary) {
        synchronized (SlipwayRunAction.class) {
            SlipwayRunAction action = run.getAction(SlipwayRunAction.class);
            if (action != null) {
                action.settle(new StageEntry(step, status, summary, 0, null, index), true);
            }
        }
    }

    private synchronized int claim(String step) {
        int n = (int) entries.stream().filter(e -> e.getStep().equals(step)).count() + 1;
        entries.add(new StageEntry(step, StageEntry.RUNNING, "running", 0, null, n));
        return n;
    }

    private synchronized void settle(StageEntry done, boolean onlyIfRunning) {
        for (int i = 0; i < entries.size(); i++) {
            StageEntry e = entries.get(i);
            if (e.getStep().equals(done.getStep()) && e.getIndex() == done.getIndex()) {
                if (!onlyIfRunning || StageEntry.RUNNING.equals(e.getStatus())) {
                    entries.set(i, done);
                }
                return;
            }
        }
        if (!onlyIfRunning) {
            entries.add(done);
        }
    }

    /** The archived HTML report of the {@code n}-th call of {@code step} in {@code run}, or null. */
    public static String reportOf(Run<?, ?> run, String step, int n) {
        SlipwayRunAction action = run == null ? null : run.getAction(SlipwayRunAction.class);
        if (action == null) {
            return null;
        }
        List<StageEntry> calls = action.getEntries().stream().filter(e -> e.getStep().equals(step)).toList();
        for (StageEntry e : calls) {
            if (e.getIndex() == n) {
                return e.getReport();
            }
        }
        // a build recorded before calls were numbered: the n-th line of the step
        return n <= calls.size() && calls.get(n - 1).getIndex() == 0 ? calls.get(n - 1).getReport() : null;
    }

    public synchronized List<StageEntry> getEntries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /**
     * The lines as the pages draw them: once the build is no longer building, a call still {@code RUNNING} shows as
     * {@link StageEntry#DID_NOT_FINISH} — decided when the page is drawn, so {@code build.xml} is never rewritten.
     */
    public List<StageEntry> getShownEntries() {
        boolean building = run == null || run.isBuilding();
        return getEntries().stream().map(e -> e.shownWhile(building)).toList();
    }

    /**
     * The page of the stage an entry stands for ({@code runTests}, {@code codeMetrics}, {@code browserTest-2}, …),
     * or null when that step has no page of its own or did not record one (it stopped with an error). Resolved when
     * the page is drawn, so an old build or a failed step never shows a dead link.
     */
    public synchronized String linkOf(StageEntry entry) {
        int k = entry.getIndex();
        if (k == 0) { // a build recorded before calls were numbered: the entry's place among the step's lines
            for (StageEntry e : entries) {
                if (e.getStep().equals(entry.getStep())) {
                    k++;
                }
                if (e == entry) {
                    break;
                }
            }
        }
        // the URL every StageAction gets: <step> for the first call, <step>-<n> for the n-th; codeMetrics keeps one page
        String candidate = "codeMetrics".equals(entry.getStep()) ? entry.getStep() : entry.getStep() + CallPaths.suffix(k);
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

    /** The job page's Slipway trend (tests, coverage, findings, deploy duration), shown while the last build has Slipway steps. */
    @Override
    public java.util.Collection<? extends hudson.model.Action> getProjectActions() {
        return run == null ? List.of() : List.of(new SlipwayTrendAction(run.getParent()));
    }
}
