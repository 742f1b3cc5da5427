package io.jenkins.plugins.slipway.jenkins;

import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * The build page of one Slipway stage: every stage's Action extends it. It holds what every stage shows — the
 * engine's status ({@code PASSED}, {@code UNSTABLE}, {@code FAILED}…) and one-line summary — and gives each call of a
 * step in a build its own page: URL {@code <step>} for the first call, {@code <step>-<n>} for the n-th, display name
 * {@code <title>} or {@code <title> (n)}. Persisted in {@code build.xml}: plain fields of concrete types only.
 */
public abstract class StageAction implements RunAction2 {
    private final String step;
    private final String status;
    private final String summary;
    private final int index;
    private transient Run<?, ?> run;

    /**
     * @param step the step's function name: the page's URL
     * @param index 1 for the first call of the step in the build, n for the n-th
     */
    protected StageAction(String step, String status, String summary, int index) {
        this.step = step;
        this.status = status;
        this.summary = summary;
        this.index = Math.max(1, index);
    }

    /** The index the next Action of {@code type} gets in {@code run}. */
    protected static int nextIndex(Run<?, ?> run, Class<? extends StageAction> type) {
        return run.getActions(type).size() + 1;
    }

    /** What the page is called in the build's side panel, without the index. */
    protected abstract String title();

    /** The side panel's icon (a Jenkins symbol). */
    protected abstract String icon();

    public String getStatus() {
        return status;
    }

    public String getSummary() {
        return summary;
    }

    /** 1 for the first call of the step in the build, n for the n-th. */
    public int getIndex() {
        return index;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public final String getIconFileName() {
        return icon();
    }

    @Override
    public final String getDisplayName() {
        return index == 1 ? title() : title() + " (" + index + ")";
    }

    @Override
    public final String getUrlName() {
        return index == 1 ? step : step + "-" + index;
    }

    @Override
    public final void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public final void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
