package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway test}: run the tests (or analyse a run made elsewhere) and gate on the reports. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the tests, read every JUnit and coverage report, and gate on them.",
            "Without --command the test command is detected (Maven, Gradle, npm, pytest); with --exit-code the "
                    + "command was run elsewhere and only its reports are analysed."})
final class TestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--request", paramLabel = "FILE", description = "Read the request from a JSON file; options given too override it.")
    Path requestFile;

    @Option(names = {"-c", "--command"}, paramLabel = "CMD", description = "A shell command line running the tests (repeatable; run in order).")
    List<String> commands;

    @Option(names = "--exit-code", paramLabel = "N", description = "Analysis only: the exit code of the test command run elsewhere.")
    Integer exitCode;

    @Option(names = "--started-at", paramLabel = "EPOCH_MILLIS", description = "Analysis only: when that command started (older reports are stale).")
    Long startedAt;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time allowed for the commands (default 3600).")
    Integer timeout;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Extra environment variable for the commands (repeatable).")
    Map<String, String> env;

    @Option(names = "--dir", paramLabel = "DIR", description = "Project directory, relative to the working directory.")
    String dir;

    @Option(names = "--reports", split = ",", paramLabel = "GLOB", description = "Ant-style globs of JUnit XML reports.")
    List<String> reports;

    @Option(names = "--coverage", split = ",", paramLabel = "GLOB", description = "Ant-style globs of coverage reports (JaCoCo XML/.exec, Cobertura XML).")
    List<String> coverage;

    @Option(names = "--coverage-classes", split = ",", paramLabel = "DIR", description = "Class directories for JaCoCo .exec files.")
    List<String> coverageClasses;

    @Option(names = "--no-ignore-stale", negatable = false, description = "Also read reports older than the command's start.")
    boolean keepStale;

    @Option(names = "--allow-empty", description = "A run without any test report passes.")
    Boolean allowEmpty;

    @Option(names = "--max-failed", paramLabel = "N", description = "Failed tests allowed (default 0).")
    Integer maxFailed;

    @Option(names = "--min-line-coverage", paramLabel = "PERCENT", description = "Minimum line coverage.")
    Double minLine;

    @Option(names = "--min-branch-coverage", paramLabel = "PERCENT", description = "Minimum branch coverage.")
    Double minBranch;

    @Option(names = "--max-flaky", paramLabel = "N", description = "Flaky tests allowed.")
    Integer maxFlaky;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write every test case into one normalised JUnit XML FILE (default: none), e.g. slipway/tests/junit.xml.")
    String junitXml;

    @Option(names = "--html", paramLabel = "FILE", description = "HTML summary to write (default slipway/tests/index.html; \"\" for none).")
    String html;

    @Option(names = "--previous", paramLabel = "FILE", description = "A previous run's result JSON (from --json): its failures are compared with this run's (new, still failing, fixed).")
    String previous;

    @Override
    public Integer call() throws Exception {
        ObjectNode request = requestFile == null ? Json.MAPPER.createObjectNode() : readRequest();
        putList(request, "commands", commands);
        put(request, "commandExitCode", exitCode);
        put(request, "startedAtEpochMillis", startedAt);
        put(request, "timeoutSeconds", timeout);
        if (env != null) {
            request.set("env", Json.MAPPER.valueToTree(env));
        }
        put(request, "workdir", dir);
        putList(request, "reports", reports);
        putList(request, "coverageReports", coverage);
        putList(request, "coverageClassDirs", coverageClasses);
        if (keepStale) {
            request.put("ignoreStaleReports", false);
        }
        put(request, "allowEmptyResults", allowEmpty);
        put(request, "maxFailed", maxFailed);
        put(request, "minLineCoverage", minLine);
        put(request, "minBranchCoverage", minBranch);
        put(request, "maxFlaky", maxFlaky);
        put(request, "normalisedJUnitXml", junitXml);
        if (!request.has("normalisedJUnitXml")) {
            request.put("normalisedJUnitXml", ""); // only when asked for: rewriting a report costs more than reading it
        }
        put(request, "html", html);
        put(request, "previousResult", previous);
        TaskContext context = new TaskContext(options.log("[test] ", Secrets.none()), Secrets.none(), options.workDir());
        return TaskRunner.run("test", request, context, options.json());
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
