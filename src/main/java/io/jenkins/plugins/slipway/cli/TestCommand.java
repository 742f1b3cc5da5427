package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
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
@RequestOptions
final class TestCommand implements Callable<Integer> {

    @Mixin
    @JsonIgnore
    CommonOptions options;

    @Option(names = "--request", paramLabel = "FILE", description = "Read the request from a JSON file; options given too override it.")
    @JsonIgnore
    Path requestFile;

    @Option(names = {"-c", "--command"}, paramLabel = "CMD", description = "A shell command line running the tests (repeatable; run in order).")
    List<String> commands;

    @Option(names = "--exit-code", paramLabel = "N", description = "Analysis only: the exit code of the test command run elsewhere.")
    Integer commandExitCode;

    @Option(names = "--started-at", paramLabel = "EPOCH_MILLIS", description = "Analysis only: when that command started (older reports are stale).")
    Long startedAtEpochMillis;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time allowed for the commands (default 3600).")
    Integer timeoutSeconds;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Extra environment variable for the commands (repeatable).")
    Map<String, String> env;

    @Option(names = "--dir", paramLabel = "DIR", description = "Project directory, relative to the working directory.")
    String workdir;

    @Option(names = "--reports", split = ",", paramLabel = "GLOB", description = "Ant-style globs of JUnit XML reports.")
    List<String> reports;

    @Option(names = "--coverage", split = ",", paramLabel = "GLOB", description = "Ant-style globs of coverage reports (JaCoCo XML/.exec, Cobertura XML).")
    List<String> coverageReports;

    @Option(names = "--coverage-classes", split = ",", paramLabel = "DIR", description = "Class directories for JaCoCo .exec files.")
    List<String> coverageClassDirs;

    @Option(names = "--ignore-stale", negatable = true, description = "Leave out reports older than the command's start (default); --no-ignore-stale reads them too.")
    Boolean ignoreStaleReports;

    @Option(names = "--allow-empty", description = "A run without any test report passes.")
    Boolean allowEmptyResults;

    @Option(names = "--max-failed", paramLabel = "N", description = "Failed tests allowed (default 0).")
    Integer maxFailed;

    @Option(names = "--min-line-coverage", paramLabel = "PERCENT", description = "Minimum line coverage.")
    Double minLineCoverage;

    @Option(names = "--min-branch-coverage", paramLabel = "PERCENT", description = "Minimum branch coverage.")
    Double minBranchCoverage;

    @Option(names = "--max-flaky", paramLabel = "N", description = "Flaky tests allowed.")
    Integer maxFlaky;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write every test case into one normalised JUnit XML FILE (default: none), e.g. slipway/tests/junit.xml.")
    String normalisedJUnitXml;

    @Option(names = "--html", paramLabel = "FILE", description = "HTML summary to write (default slipway/tests/index.html; \"\" for none).")
    String html;

    @Option(names = "--previous", paramLabel = "FILE", description = "A previous run's result JSON (from --json): its failures are compared with this run's (new, still failing, fixed).")
    String previousResult;

    /** What the command line means where the engine's default (made for Jenkins builds) differs. */
    @RequestOptions
    static final class Defaults {
        /** No normalised copy unless asked for: rewriting a report costs more than reading it. */
        final String normalisedJUnitXml = "";
    }

    @Override
    public Integer call() throws Exception {
        TaskContext context = new TaskContext(options.log("[test] ", Secrets.none()), Secrets.none(), options.workDir());
        return TaskRunner.run("test", Requests.bind(new Defaults(), this, requestFile, options.workDir()), context,
                options.json());
    }
}
