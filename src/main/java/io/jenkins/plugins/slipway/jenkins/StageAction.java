package io.jenkins.plugins.slipway.jenkins;

import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * The build page of one Slipway stage: every stage's Action extends it. It holds what every stage shows — the
 * engine's status ({@code PASSED}, {@code UNSTABLE}, {@code FAILED}…) and one-line summary — and gives each call of a
 * step in a build its own page: URL {@code <step>} for the first call, {@code <step>-<n>} for the n-th, display name
 * {@code <title>} or {@code <title> (n)}. A call's number is claimed once, when the step starts ({@link #claim}), and
 * the same number names its page, its line in the Slipway box, its default report path ({@link CallPaths}) and its
 * archived report. Persisted in {@code build.xml}: plain fields of concrete types only.
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

    /**
     * Claims the number of a new call of {@code step} in {@code run}: 1 for the first call, n for the n-th. Called when
     * the step starts — for a Pipeline step on the CPS thread, so the branches of a {@code parallel} number their
     * calls in the order the script starts them, not in the order they finish — and recorded at once as the call's
     * line of the build's Slipway box (status {@code RUNNING}), so no later call can claim it again.
     */
    public static int claim(Run<?, ?> run, String step) {
        return SlipwayRunAction.open(run, step);
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
        return step + CallPaths.suffix(index);
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
