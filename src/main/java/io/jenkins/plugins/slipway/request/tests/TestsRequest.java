package io.jenkins.plugins.slipway.request.tests;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the test stage does. Every field is optional.
 *
 * <p>Two modes: the engine runs {@code commands} itself (or detects one: Maven, Gradle, npm, pytest), or — when
 * {@code commandExitCode} is given — someone else already ran the command (the Jenkins step runs it through the
 * agent's launcher) and the engine only analyses the reports; {@code startedAtEpochMillis} then tells which
 * reports are stale.
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code runTests} step
 * (shown by Jenkins, {@code docs/steps/runTests.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param commands shell command lines run one after the other in {@code workdir}; stops at the first failing one
 * @param commandExitCode analysis only: the exit code of the command that was run elsewhere (-1: stopped at its timeout)
 * @param startedAtEpochMillis when that command started (reports older than this are stale); with {@code commands},
 *        when the caller started the run (the Jenkins step, before the engine started), else the engine's start
 * @param timeoutSeconds time allowed for all commands together (default 3600)
 * @param env extra environment variables for the commands
 * @param workdir directory of the project, relative to the workspace (default: the workspace)
 * @param reports Ant-style globs of JUnit XML reports, relative to {@code workdir}
 * @param coverageReports Ant-style globs of coverage reports (JaCoCo XML or .exec, Cobertura XML)
 * @param coverageClassDirs class directories for JaCoCo .exec files, relative to {@code workdir}
 * @param ignoreStaleReports skip reports last written before the command started (default true)
 * @param allowEmptyResults a run without any test report passes instead of failing (default false)
 * @param maxFailed failed tests (failures and errors) allowed before the stage is UNSTABLE (default 0)
 * @param minLineCoverage minimum line coverage in percent, or null for no gate
 * @param minBranchCoverage minimum branch coverage in percent, or null for no gate
 * @param maxFlaky flaky tests allowed before the stage is UNSTABLE, or null for no gate
 * @param normalisedJUnitXml where to write the normalised JUnit XML, relative to the workspace (default
 *        slipway/tests/junit.xml; "" = none, which {@code slipway test} sends unless asked: rewriting every test
 *        case costs more CPU than reading it)
 * @param html where to write the static HTML summary, relative to the workspace ("" = none)
 * @param previousResult a previous run's result JSON (as {@code slipway test --json} writes it), relative to the
 *        workspace: its failures are compared with this run's (new, still failing, fixed); null = no comparison
 */
public record TestsRequest(
        List<String> commands,
        Integer commandExitCode,
        Long startedAtEpochMillis,
        Integer timeoutSeconds,
        Map<String, String> env,
        String workdir,
        List<String> reports,
        List<String> coverageReports,
        List<String> coverageClassDirs,
        Boolean ignoreStaleReports,
        Boolean allowEmptyResults,
        Integer maxFailed,
        Double minLineCoverage,
        Double minBranchCoverage,
        Integer maxFlaky,
        String normalisedJUnitXml,
        String html,
        String previousResult) {

    public static final List<String> DEFAULT_REPORTS = List.of("**/TEST-*.xml", "**/junit*.xml", "**/pytest*.xml",
            "**/test-results*.xml", "**/*-junit.xml");
    public static final List<String> DEFAULT_COVERAGE = List.of("**/jacoco.xml", "**/coverage.xml",
            "**/cobertura.xml", "**/cobertura-coverage.xml");
    public static final List<String> DEFAULT_CLASS_DIRS = List.of("target/classes", "build/classes/java/main",
            "build/classes/kotlin/main");

    public TestsRequest {
        commands = commands == null ? List.of() : List.copyOf(commands);
        for (String command : commands) {
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("commands must not contain an empty command");
            }
        }
        if (commandExitCode != null && !commands.isEmpty()) {
            throw new IllegalArgumentException("commandExitCode is for analysing a command run elsewhere; give "
                    + "either commands or commandExitCode, not both");
        }
        if (startedAtEpochMillis != null && startedAtEpochMillis < 0) {
            throw new IllegalArgumentException("startedAtEpochMillis must not be negative, was " + startedAtEpochMillis);
        }
        timeoutSeconds = timeoutSeconds == null ? 3600 : timeoutSeconds;
        if (timeoutSeconds < 1 || timeoutSeconds > 7 * 24 * 3600) {
            throw new IllegalArgumentException("timeoutSeconds must be between 1 and 604800, was " + timeoutSeconds);
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        env.keySet().forEach(k -> {
            if (k.isBlank() || k.contains("=")) {
                throw new IllegalArgumentException("env: '" + k + "' is not a valid variable name");
            }
        });
        workdir = workdir == null || workdir.isBlank() ? "." : workdir;
        requireInside("workdir", workdir);
        reports = globs("reports", reports, DEFAULT_REPORTS);
        coverageReports = globs("coverageReports", coverageReports, DEFAULT_COVERAGE);
        coverageClassDirs = globs("coverageClassDirs", coverageClassDirs, DEFAULT_CLASS_DIRS);
        ignoreStaleReports = ignoreStaleReports == null || ignoreStaleReports;
        allowEmptyResults = allowEmptyResults != null && allowEmptyResults;
        maxFailed = maxFailed == null ? 0 : maxFailed;
        if (maxFailed < 0) {
            throw new IllegalArgumentException("maxFailed must not be negative, was " + maxFailed);
        }
        percent("minLineCoverage", minLineCoverage);
        percent("minBranchCoverage", minBranchCoverage);
        if (maxFlaky != null && maxFlaky < 0) {
            throw new IllegalArgumentException("maxFlaky must not be negative, was " + maxFlaky);
        }
        normalisedJUnitXml = normalisedJUnitXml == null ? "slipway/tests/junit.xml" : normalisedJUnitXml;
        html = html == null ? "slipway/tests/index.html" : html;
        if (!normalisedJUnitXml.isEmpty()) {
            requireInside("normalisedJUnitXml", normalisedJUnitXml);
        }
        if (!html.isEmpty()) {
            requireInside("html", html);
        }
        previousResult = previousResult == null || previousResult.isBlank() ? null : previousResult;
        if (previousResult != null) {
            requireInside("previousResult", previousResult);
        }
    }

    /** A request without a previous result to compare with. */
    public TestsRequest(List<String> commands, Integer commandExitCode, Long startedAtEpochMillis, Integer timeoutSeconds,
            Map<String, String> env, String workdir, List<String> reports, List<String> coverageReports,
            List<String> coverageClassDirs, Boolean ignoreStaleReports, Boolean allowEmptyResults, Integer maxFailed,
            Double minLineCoverage, Double minBranchCoverage, Integer maxFlaky, String normalisedJUnitXml, String html) {
        this(commands, commandExitCode, startedAtEpochMillis, timeoutSeconds, env, workdir, reports, coverageReports,
                coverageClassDirs, ignoreStaleReports, allowEmptyResults, maxFailed, minLineCoverage, minBranchCoverage,
                maxFlaky, normalisedJUnitXml, html, null);
    }

    /** True when the command was run elsewhere and only the reports are analysed. */
    public boolean analysisOnly() {
        return commandExitCode != null;
    }

    private static List<String> globs(String name, List<String> value, List<String> defaults) {
        if (value == null || value.isEmpty()) {
            return defaults;
        }
        for (String glob : value) {
            if (glob == null || glob.isBlank()) {
                throw new IllegalArgumentException(name + " must not contain an empty pattern");
            }
        }
        return List.copyOf(value);
    }

    private static void percent(String name, Double value) {
        io.jenkins.plugins.slipway.request.Checks.percent(name, value);
    }

    private static void requireInside(String name, String path) {
        Path p;
        try {
            p = Path.of(path).normalize();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": '" + path + "' is not a valid path", e);
        }
        if (p.isAbsolute() || p.startsWith("..")) {
            throw new IllegalArgumentException(name + " must be a path inside the workspace, was '" + path + "'");
        }
    }
}
