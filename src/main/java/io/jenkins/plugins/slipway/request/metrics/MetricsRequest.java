package io.jenkins.plugins.slipway.request.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to measure. Relative paths resolve against the working directory (the workspace). JDK only: the
 * {@code codeMetrics} step builds it, the CLI binds its options into it, the engine runs it; its defaults and checks
 * are written here once.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code codeMetrics} step
 * (shown by Jenkins, {@code docs/steps/codeMetrics.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param sourceRoots directories (or files) to analyse; default the working directory
 * @param includes Ant-style globs relative to the working directory a file must match (empty = every file)
 * @param excludes Ant-style globs of files to leave out (VCS, build output and dependency folders are always left out)
 * @param javaRuleSets PMD rule sets for Java (default {@code rulesets/java/quickstart.xml}); empty list = no Java rules
 * @param javascriptRuleSets PMD rule sets for JavaScript (default best practices + error prone)
 * @param auxClasspath the project's classpath for type resolution (path-separator separated), optional
 * @param cpdMinimumTokens the smallest duplicate CPD reports, in tokens (default 50)
 * @param cacheFile PMD's incremental-analysis cache file (may be outside the workspace); null = no cache
 * @param baseline a previous run's result JSON for the delta gates; null = no delta gates
 * @param coverageReports Ant-style globs of coverage reports (JaCoCo XML/.exec, Cobertura XML)
 * @param coverageClassDirs class directories for JaCoCo .exec files
 * @param gates the quality gate
 * @param outputDir where the reports go (default {@code slipway/metrics})
 * @param analysers the analysers to run: {@code pmd}, {@code pylint}, {@code flake8}, {@code bandit}; null = PMD and
 *        every Python analyser installed on the machine; an analyser named here must be installed
 * @param trustRepositoryConfig let the repository's pylint/flake8 configuration load and run its code
 *     ({@code init-hook}, {@code load-plugins}, flake8 local plugins); default false: those settings are left out
 * @param reports Ant-style globs of reports an earlier step wrote (SARIF 2.1.0, pylint JSON or text, flake8, ruff
 *        JSON, bandit JSON, ESLint JSON) whose findings join the analysers'
 */
public record MetricsRequest(List<String> sourceRoots, List<String> includes, List<String> excludes,
        List<String> javaRuleSets, List<String> javascriptRuleSets, String auxClasspath, Integer cpdMinimumTokens,
        String cacheFile, String baseline, List<String> coverageReports, List<String> coverageClassDirs,
        MetricsGates gates, String outputDir, List<String> analysers, List<String> reports,
        Boolean trustRepositoryConfig) {

    /** Every analyser {@code analysers} may name. */
    public static final List<String> ANALYSERS = List.of("pmd", "pylint", "flake8", "bandit");

    public static final List<String> DEFAULT_JAVA_RULES = List.of("rulesets/java/quickstart.xml");
    public static final List<String> DEFAULT_JAVASCRIPT_RULES = List.of("category/ecmascript/bestpractices.xml",
            "category/ecmascript/errorprone.xml");

    public MetricsRequest {
        sourceRoots = sourceRoots == null || sourceRoots.isEmpty() ? List.of(".") : List.copyOf(sourceRoots);
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        javaRuleSets = javaRuleSets == null ? DEFAULT_JAVA_RULES : List.copyOf(javaRuleSets);
        javascriptRuleSets = javascriptRuleSets == null ? DEFAULT_JAVASCRIPT_RULES : List.copyOf(javascriptRuleSets);
        cpdMinimumTokens = cpdMinimumTokens(cpdMinimumTokens);
        coverageReports = coverageReports == null ? List.of() : List.copyOf(coverageReports);
        coverageClassDirs = coverageClassDirs == null ? List.of() : List.copyOf(coverageClassDirs);
        gates = gates == null ? MetricsGates.NONE : gates;
        outputDir = outputDir == null || outputDir.isBlank() ? "slipway/metrics" : outputDir;
        for (String root : sourceRoots) {
            if (root == null || root.isBlank()) {
                throw new IllegalArgumentException("sourceRoots must not contain blank entries");
            }
        }
        blankFree("includes", includes);
        blankFree("excludes", excludes);
        blankFree("javaRuleSets", javaRuleSets);
        blankFree("javascriptRuleSets", javascriptRuleSets);
        blankFree("coverageReports", coverageReports);
        reports = reports == null ? List.of() : List.copyOf(reports);
        trustRepositoryConfig = Boolean.TRUE.equals(trustRepositoryConfig);
        blankFree("reports", reports);
        analysers = analysers == null ? null : analysers(analysers);
    }

    /** {@code cpdMinimumTokens}: at least 10 tokens; null is the default, 50. */
    public static int cpdMinimumTokens(Integer tokens) {
        int t = tokens == null ? 50 : tokens;
        if (t < 10) {
            throw new IllegalArgumentException("cpdMinimumTokens must be >= 10, was " + tokens);
        }
        return t;
    }

    /** {@code analysers}: names among {@link #ANALYSERS} in any letter case, each once; an empty list runs none. */
    public static List<String> analysers(List<String> analysers) {
        List<String> names = new ArrayList<>();
        for (String a : analysers) {
            String name = a == null ? "" : a.strip().toLowerCase(Locale.ROOT);
            if (!ANALYSERS.contains(name)) {
                throw new IllegalArgumentException("analysers: unknown analyser '" + a + "'; choose among "
                        + ANALYSERS + ", e.g. [\"pmd\", \"pylint\"] (an empty list runs none)");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static void blankFree(String name, List<String> values) {
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new IllegalArgumentException(name + " must not contain blank entries");
        }
    }

    /** A request measuring the working directory with every default. */
    public static MetricsRequest defaults() {
        return new MetricsRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
