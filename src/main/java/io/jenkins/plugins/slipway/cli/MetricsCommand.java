package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
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
final class MetricsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--request", paramLabel = "FILE", description = "Read the request from a JSON file; options given too override it.")
    Path requestFile;

    @Option(names = "--source", split = ",", paramLabel = "DIR", description = "Source roots (default: the working directory).")
    List<String> sourceRoots;

    @Option(names = "--include", split = ",", paramLabel = "GLOB", description = "Ant-style globs a file must match.")
    List<String> includes;

    @Option(names = "--exclude", split = ",", paramLabel = "GLOB", description = "Ant-style globs of files to leave out.")
    List<String> excludes;

    @Option(names = "--java-rules", split = ",", paramLabel = "RULESET", description = "PMD rule sets for Java (default rulesets/java/quickstart.xml; \"\" for none).")
    List<String> javaRules;

    @Option(names = "--javascript-rules", split = ",", paramLabel = "RULESET", description = "PMD rule sets for JavaScript (\"\" for none).")
    List<String> jsRules;

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
    List<String> coverage;

    @Option(names = "--coverage-classes", split = ",", paramLabel = "DIR", description = "Class directories for JaCoCo .exec files.")
    List<String> coverageClasses;

    @Option(names = "--output", paramLabel = "DIR", description = "Report directory (default slipway/metrics).")
    String outputDir;

    @Option(names = "--max-violations", paramLabel = "PRIORITY=N", description = "Maximum violations of a priority 1..5 or 'total' (repeatable).")
    Map<String, Integer> maxViolations;

    @Option(names = "--max-duplication", paramLabel = "PERCENT", description = "Maximum duplicated lines, in percent.")
    Double maxDuplication;

    @Option(names = "--min-coverage", paramLabel = "PERCENT", description = "Minimum line coverage, in percent.")
    Double minCoverage;

    @Option(names = "--max-density", paramLabel = "N", description = "Maximum violations per 1,000 lines of code.")
    Double maxDensity;

    @Option(names = "--no-new-high-priority", negatable = false, description = "Priority 1-2 violations may not grow against the baseline.")
    boolean noNewHigh;

    @Option(names = "--max-coverage-drop", paramLabel = "POINTS", description = "Line coverage may not drop more than this against the baseline.")
    Double maxCoverageDrop;

    @Option(names = "--gate-severity", paramLabel = "GATE=UNSTABLE|FAILED", description = "What missing a gate does (violations, duplication, coverage, density, newHighPriority, coverageDrop; default UNSTABLE).")
    Map<String, Outcome> severity;

    @Override
    public Integer call() throws Exception {
        ObjectNode request = requestFile == null ? Json.MAPPER.createObjectNode() : readRequest();
        putList(request, "sourceRoots", sourceRoots);
        putList(request, "includes", includes);
        putList(request, "excludes", excludes);
        putRules(request, "javaRuleSets", javaRules);
        putRules(request, "javascriptRuleSets", jsRules);
        putRules(request, "analysers", analysers);
        putList(request, "reports", reports);
        put(request, "auxClasspath", auxClasspath);
        put(request, "cpdMinimumTokens", cpdMinimumTokens);
        put(request, "cacheFile", cacheFile);
        put(request, "baseline", baseline);
        putList(request, "coverageReports", coverage);
        putList(request, "coverageClassDirs", coverageClasses);
        put(request, "outputDir", outputDir);
        ObjectNode gates = request.has("gates") && request.get("gates").isObject()
                ? (ObjectNode) request.get("gates") : Json.MAPPER.createObjectNode();
        put(gates, "maxViolations", maxViolations);
        put(gates, "maxDuplicatedLinesPercent", maxDuplication);
        put(gates, "minLineCoverage", minCoverage);
        put(gates, "maxViolationsPer1000Lines", maxDensity);
        if (noNewHigh) {
            gates.put("noNewHighPriorityViolations", true);
        }
        put(gates, "maxCoverageDrop", maxCoverageDrop);
        put(gates, "severity", severity);
        if (!gates.isEmpty()) {
            request.set("gates", gates);
        }
        TaskContext context = new TaskContext(options.log("[metrics] ", Secrets.none()), Secrets.none(),
                options.workDir());
        return TaskRunner.run("metrics", request, context, options.json());
    }

    private ObjectNode readRequest() throws SlipwayException {
        try {
            JsonNode node = Json.MAPPER.readTree(requestFile.toFile());
            if (!(node instanceof ObjectNode object)) {
                throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "--request " + requestFile
                        + " must hold a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "Cannot read --request " + requestFile + ": "
                    + e.getMessage(), e);
        }
    }

    private static void putRules(ObjectNode node, String name, List<String> value) {
        if (value != null) {
            node.set(name, Json.MAPPER.valueToTree(value.stream().filter(v -> !v.isBlank()).toList()));
        }
    }

    private static void put(ObjectNode node, String name, Object value) {
        if (value != null) {
            node.set(name, Json.MAPPER.valueToTree(value));
        }
    }

    private static void putList(ObjectNode node, String name, List<String> value) {
        if (value != null && !value.isEmpty()) {
            node.set(name, Json.MAPPER.valueToTree(value));
        }
    }
}
