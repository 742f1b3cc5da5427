package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.TaskRunner;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.request.metrics.GateSeverity;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.Capability;
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
            "Reports (metrics.json, findings.sarif.json, pmd.xml, cpd.xml, index.html, …) go to --output-dir."})
@RequestOptions
final class MetricsCommand implements Callable<Integer> {

    @Mixin
    @JsonIgnore
    CommonOptions options;

    @Mixin
    @JsonIgnore
    RequestFile request;

    @Was("--source")
    @Option(names = "--source-roots", split = ",", paramLabel = "DIR", description = StepHelp.CodeMetrics.SOURCE_ROOTS + " Comma-separated; default: the working directory.")
    List<String> sourceRoots;

    @Was("--include")
    @Option(names = "--includes", split = ",", paramLabel = "GLOB", description = StepHelp.CodeMetrics.INCLUDES + " Comma-separated.")
    List<String> includes;

    @Was("--exclude")
    @Option(names = "--excludes", split = ",", paramLabel = "GLOB", description = StepHelp.CodeMetrics.EXCLUDES + " Comma-separated.")
    List<String> excludes;

    @Was("--java-rules")
    @Option(names = "--java-rule-sets", split = ",", paramLabel = "RULESET", description = StepHelp.CodeMetrics.JAVA_RULE_SETS + " Comma-separated; \"\" for none.")
    List<String> javaRuleSets;

    @Was("--javascript-rules")
    @Option(names = "--javascript-rule-sets", split = ",", paramLabel = "RULESET", description = StepHelp.CodeMetrics.JAVASCRIPT_RULE_SETS + " Comma-separated; \"\" for none.")
    List<String> javascriptRuleSets;

    @Option(names = "--analysers", split = ",", paramLabel = "NAME", description = StepHelp.CodeMetrics.ANALYSERS + " Comma-separated; \"\" for none (only --reports).")
    List<String> analysers;

    @Option(names = "--reports", split = ",", paramLabel = "GLOB", description = StepHelp.CodeMetrics.REPORTS + " Comma-separated.")
    List<String> reports;

    @Option(names = "--trust-repository-config", description = StepHelp.CodeMetrics.TRUST_REPOSITORY_CONFIG)
    Boolean trustRepositoryConfig;

    @Option(names = "--aux-classpath", paramLabel = "PATH", description = StepHelp.CodeMetrics.AUX_CLASSPATH)
    String auxClasspath;

    @Was("--cpd-min-tokens")
    @Option(names = "--cpd-minimum-tokens", paramLabel = "N", description = StepHelp.CodeMetrics.CPD_MINIMUM_TOKENS)
    Integer cpdMinimumTokens;

    @Was("--cache")
    @Option(names = "--cache-file", paramLabel = "FILE", description = StepHelp.CodeMetrics.CACHE_FILE)
    String cacheFile;

    @Option(names = "--baseline", paramLabel = "FILE", description = StepHelp.CodeMetrics.BASELINE)
    String baseline;

    @Was("--coverage")
    @Option(names = "--coverage-reports", split = ",", paramLabel = "GLOB", description = StepHelp.CodeMetrics.COVERAGE_REPORTS + " Comma-separated.")
    List<String> coverageReports;

    @Was("--coverage-classes")
    @Option(names = "--coverage-class-dirs", split = ",", paramLabel = "DIR", description = StepHelp.CodeMetrics.COVERAGE_CLASS_DIRS + " Comma-separated.")
    List<String> coverageClassDirs;

    @Was("--output")
    @Option(names = "--output-dir", paramLabel = "DIR", description = StepHelp.CodeMetrics.OUTPUT_DIR)
    String outputDir;

    @Mixin
    Gates gates;

    /** The quality gate: the request's {@code gates} object. */
    @RequestOptions
    static final class Gates {
        @Option(names = "--max-violations", paramLabel = "PRIORITY=N", description = StepHelp.CodeMetrics.MAX_VIOLATIONS + " Repeatable.")
        Map<String, Integer> maxViolations;

        @Was("--max-duplication")
        @Option(names = "--max-duplicated-lines-percent", paramLabel = "PERCENT", description = StepHelp.CodeMetrics.MAX_DUPLICATED_LINES_PERCENT)
        Double maxDuplicatedLinesPercent;

        @Was("--min-coverage")
        @Option(names = "--min-line-coverage", paramLabel = "PERCENT", description = StepHelp.CodeMetrics.MIN_LINE_COVERAGE)
        Double minLineCoverage;

        @Was("--max-density")
        @Option(names = "--max-violations-per1000-lines", paramLabel = "N", description = StepHelp.CodeMetrics.MAX_VIOLATIONS_PER1000_LINES)
        Double maxViolationsPer1000Lines;

        @Was("--no-new-high-priority")
        @Option(names = "--no-new-high-priority-violations", negatable = false, description = StepHelp.CodeMetrics.NO_NEW_HIGH_PRIORITY_VIOLATIONS)
        Boolean noNewHighPriorityViolations;

        @Option(names = "--max-coverage-drop", paramLabel = "POINTS", description = StepHelp.CodeMetrics.MAX_COVERAGE_DROP)
        Double maxCoverageDrop;

        @Option(names = "--gate-severity", paramLabel = "GATE=UNSTABLE|FAILED", description = StepHelp.CodeMetrics.GATE_SEVERITY + " Repeatable; default UNSTABLE.")
        Map<String, GateSeverity> severity;
    }

    @Override
    public Integer call() throws Exception {
        TaskContext context = new TaskContext(options.log("[metrics] ", Secrets.none()), Secrets.none(),
                options.workDir());
        return TaskRunner.run(Capability.METRICS.task(), Requests.bind(this, request.file(), options.workDir()), context, options.json());
    }
}
