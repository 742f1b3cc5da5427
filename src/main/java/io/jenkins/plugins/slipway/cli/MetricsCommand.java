package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway metrics}: PMD, CPD, size and coverage of the workspace, judged by a quality gate. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Measure the sources: PMD static analysis (Java, JavaScript), pylint, flake8 and bandit (Python, "
                + "when installed), reports of earlier steps, CPD duplication (Java, Python, JavaScript), "
                + "code/comment/blank lines per language and coverage, and gate on them.",
            "Reports (metrics.json, findings.sarif.json, pmd.xml, cpd.xml, index.html, …) go to --output."})
@RequestOptions
final class MetricsCommand implements Callable<Integer> {

    @Mixin
    @JsonIgnore
    CommonOptions options;

    @Option(names = "--request", paramLabel = "FILE", description = "Read the request from a JSON file; options given too override it.")
    @JsonIgnore
    Path requestFile;

    @Option(names = "--source", split = ",", paramLabel = "DIR", description = "Source roots (default: the working directory).")
    List<String> sourceRoots;

    @Option(names = "--include", split = ",", paramLabel = "GLOB", description = "Ant-style globs a file must match.")
    List<String> includes;

    @Option(names = "--exclude", split = ",", paramLabel = "GLOB", description = "Ant-style globs of files to leave out.")
    List<String> excludes;

    @Option(names = "--java-rules", split = ",", paramLabel = "RULESET", description = "PMD rule sets for Java (default rulesets/java/quickstart.xml; \"\" for none).")
    List<String> javaRuleSets;

    @Option(names = "--javascript-rules", split = ",", paramLabel = "RULESET", description = "PMD rule sets for JavaScript (\"\" for none).")
    List<String> javascriptRuleSets;

    @Option(names = "--analysers", split = ",", paramLabel = "NAME", description = "Analysers to run: pmd, pylint, flake8, bandit (default: PMD and every Python analyser installed; \"\" for none).")
    List<String> analysers;

    @Option(names = "--reports", split = ",", paramLabel = "GLOB", description = "Reports of earlier steps to read: SARIF 2.1.0, pylint JSON/text, flake8, ruff JSON, bandit JSON, ESLint JSON.")
    List<String> reports;

    @Option(names = "--aux-classpath", paramLabel = "PATH", description = "The project's classpath, for type resolution.")
    String auxClasspath;

    @Option(names = "--cpd-min-tokens", paramLabel = "N", description = "Smallest duplicate CPD reports (default 50).")
    Integer cpdMinimumTokens;

    @Option(names = "--cache", paramLabel = "FILE", description = "PMD incremental-analysis cache file.")
    String cacheFile;

    @Option(names = "--baseline", paramLabel = "FILE", description = "A previous metrics.json for the delta gates.")
    String baseline;

    @Option(names = "--coverage", split = ",", paramLabel = "GLOB", description = "Coverage reports (JaCoCo XML/.exec, Cobertura XML).")
    List<String> coverageReports;

    @Option(names = "--coverage-classes", split = ",", paramLabel = "DIR", description = "Class directories for JaCoCo .exec files.")
    List<String> coverageClassDirs;

    @Option(names = "--output", paramLabel = "DIR", description = "Report directory (default slipway/metrics).")
    String outputDir;

    @Mixin
    Gates gates;

    /** The quality gate: the request's {@code gates} object. */
    @RequestOptions
    static final class Gates {
        @Option(names = "--max-violations", paramLabel = "PRIORITY=N", description = "Maximum violations of a priority 1..5 or 'total' (repeatable).")
        Map<String, Integer> maxViolations;

        @Option(names = "--max-duplication", paramLabel = "PERCENT", description = "Maximum duplicated lines, in percent.")
        Double maxDuplicatedLinesPercent;

        @Option(names = "--min-coverage", paramLabel = "PERCENT", description = "Minimum line coverage, in percent.")
        Double minLineCoverage;

        @Option(names = "--max-density", paramLabel = "N", description = "Maximum violations per 1,000 lines of code.")
        Double maxViolationsPer1000Lines;

        @Option(names = "--no-new-high-priority", negatable = false, description = "Priority 1-2 violations may not grow against the baseline.")
        Boolean noNewHighPriorityViolations;

        @Option(names = "--max-coverage-drop", paramLabel = "POINTS", description = "Line coverage may not drop more than this against the baseline.")
        Double maxCoverageDrop;

        @Option(names = "--gate-severity", paramLabel = "GATE=UNSTABLE|FAILED", description = "What missing a gate does (violations, duplication, coverage, density, newHighPriority, coverageDrop; default UNSTABLE).")
        Map<String, Outcome> severity;
    }

    @Override
    public Integer call() throws Exception {
        TaskContext context = new TaskContext(options.log("[metrics] ", Secrets.none()), Secrets.none(),
                options.workDir());
        return TaskRunner.run("metrics", Requests.bind(this, requestFile, options.workDir()), context, options.json());
    }
}
