package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.TaskRunner;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.Capability;
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

    @Mixin
    @JsonIgnore
    RequestFile request;

    @Option(names = {"-c", "--command"}, paramLabel = "CMD", description = StepHelp.RunTests.COMMAND + " Repeatable; the commands run in order.")
    List<String> commands;

    @Option(names = "--exit-code", paramLabel = "N", description = "Analysis only: the exit code of the test command run elsewhere.")
    Integer commandExitCode;

    @Option(names = "--started-at", paramLabel = "EPOCH_MILLIS", description = "Analysis only: when that command started (older reports are stale).")
    Long startedAtEpochMillis;

    @Was("--timeout")
    @Option(names = "--timeout-seconds", paramLabel = "SECONDS", description = StepHelp.RunTests.TIMEOUT_SECONDS + " Default 3600.")
    Integer timeoutSeconds;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = StepHelp.RunTests.ENV + " Repeatable.")
    Map<String, String> env;

    @Option(names = "--dir", paramLabel = "DIR", description = StepHelp.RunTests.WORKDIR)
    String workdir;

    @Option(names = "--reports", split = ",", paramLabel = "GLOB", description = StepHelp.RunTests.REPORTS + " Comma-separated.")
    List<String> reports;

    @Was("--coverage")
    @Option(names = "--coverage-reports", split = ",", paramLabel = "GLOB", description = StepHelp.RunTests.COVERAGE_REPORTS + " Comma-separated.")
    List<String> coverageReports;

    @Was("--coverage-classes")
    @Option(names = "--coverage-class-dirs", split = ",", paramLabel = "DIR", description = StepHelp.RunTests.COVERAGE_CLASS_DIRS + " Comma-separated.")
    List<String> coverageClassDirs;

    @Was("--ignore-stale")
    @Option(names = "--ignore-stale-reports", negatable = true, description = StepHelp.RunTests.IGNORE_STALE_REPORTS + " On by default; --no-ignore-stale-reports reads them too.")
    Boolean ignoreStaleReports;

    @Was("--allow-empty")
    @Option(names = "--allow-empty-results", description = StepHelp.RunTests.ALLOW_EMPTY_RESULTS)
    Boolean allowEmptyResults;

    @Option(names = "--max-failed", paramLabel = "N", description = StepHelp.RunTests.MAX_FAILED + " Default 0.")
    Integer maxFailed;

    @Option(names = "--min-line-coverage", paramLabel = "PERCENT", description = StepHelp.RunTests.MIN_LINE_COVERAGE)
    Double minLineCoverage;

    @Option(names = "--min-branch-coverage", paramLabel = "PERCENT", description = StepHelp.RunTests.MIN_BRANCH_COVERAGE)
    Double minBranchCoverage;

    @Option(names = "--max-flaky", paramLabel = "N", description = StepHelp.RunTests.MAX_FLAKY)
    Integer maxFlaky;

    @Was("--junit-xml")
    @Option(names = "--normalised-junit-xml", paramLabel = "FILE", description = StepHelp.RunTests.NORMALISED_JUNIT_XML + " On the command line the default is none; e.g. slipway/tests/junit.xml.")
    String normalisedJUnitXml;

    @Option(names = "--html", paramLabel = "FILE", description = StepHelp.RunTests.HTML + " \"\" for none.")
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
        return TaskRunner.run(Capability.TEST.task(), Requests.bind(new Defaults(), this, request.file(), options.workDir()), context,
                options.json());
    }
}
