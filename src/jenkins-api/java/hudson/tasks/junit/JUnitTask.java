package hudson.tasks.junit;

/** Compile-only declaration (junit plugin, optional dependency). */
public interface JUnitTask {
    String getTestResults();

    boolean isAllowEmptyResults();

}
