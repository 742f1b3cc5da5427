package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.request.tests.TestsRequest;

import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.coverage.CoverageException;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReader;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReport;
import io.jenkins.plugins.slipway.engine.junit.JUnitXmlParser;
import io.jenkins.plugins.slipway.engine.junit.JUnitXmlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The test stage: runs the test command (or analyses a run made elsewhere), reads every JUnit and coverage report
 * it wrote, gates on the thresholds and writes a normalised JUnit XML and an HTML summary.
 */
public final class TestsService {
    /** File systems keep modification times coarsely (FAT: 2 s); a report this much older still counts. */
    private static final long STALE_TOLERANCE_MILLIS = 2000;
    private static final int MAX_LISTED = 200;

    private final CommandLauncher launcher;

    public TestsService() {
        this(CommandLauncher.shell());
    }

    TestsService(CommandLauncher launcher) {
        this.launcher = launcher;
    }

    public TestsResult run(TestsRequest request, TaskContext context) throws TestsException, InterruptedException {
        Log log = context.log();
        Path workspace = context.workDir();
        Path dir = context.resolve(request.workdir());
        if (!Files.isDirectory(dir)) {
            throw new TestsException(SlipwayException.Kind.BAD_INPUT, "workdir '" + request.workdir()
                    + "' does not exist in " + workspace + ". Give the project directory relative to the workspace.");
        }
        TestsResult.CommandRun command;
        long startedAt;
        if (request.analysisOnly()) {
            startedAt = request.startedAtEpochMillis() == null ? -1 : request.startedAtEpochMillis();
            command = new TestsResult.CommandRun(request.commands(), false, true, request.commandExitCode(),
                    request.commandExitCode() == -1, 0);
        } else {
            // a caller that started the run earlier (the Jenkins step, on the agent's clock) says when
            startedAt = request.startedAtEpochMillis() != null
                    ? Math.min(request.startedAtEpochMillis(), System.currentTimeMillis()) : System.currentTimeMillis();
            command = runCommands(request, dir, log);
        }

        List<String> stale = new ArrayList<>();
        Set<String> ownOutputs = new HashSet<>(List.of(outputPath(workspace, request.normalisedJUnitXml()),
                outputPath(workspace, request.html())));
        List<Path> reportFiles = find(dir, request.reports(), request.ignoreStaleReports() ? startedAt : -1, stale,
                ownOutputs, "reports");
        List<Path> coverageFiles = find(dir, request.coverageReports(),
                request.ignoreStaleReports() ? startedAt : -1, stale, ownOutputs, "coverageReports");

        Path junitOut = request.normalisedJUnitXml().isEmpty() ? null
                : workspace.resolve(request.normalisedJUnitXml()).normalize();
        if (junitOut != null) {
            try {
                SafeOutput.file(workspace, junitOut);
            } catch (IOException e) {
                throw new TestsException(SlipwayException.Kind.ENVIRONMENT, "junitXml: cannot write " + junitOut
                        + ": " + e.getMessage(), e);
            }
        }
        List<String> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Collector collector;
        try (JUnitXmlWriter writer = junitOut == null ? null : new JUnitXmlWriter(junitOut)) {
            collector = new Collector(writer);
            JUnitXmlParser parser = new JUnitXmlParser();
            int index = 0;
            for (Path file : reportFiles) {
                String name = display(workspace, file);
                log.waitingFor("reading test report " + ++index + " of " + reportFiles.size() + ", " + name
                        + (writer == null ? "" : ", and writing " + request.normalisedJUnitXml()));
                long before = collector.tests;
                JUnitXmlParser.Problem problem = parser.parse(file, name, collector);
                if (problem != null) {
                    problems.add(problem.toString());
                    log.warn("test report " + problem);
                } else {
                    log.debug("read " + name + ": " + (collector.tests - before) + " tests");
                }
                if (read.size() < MAX_LISTED) {
                    read.add(name);
                }
            }
            if (writer != null) {
                writer.finish();
            }
        } catch (IOException | IllegalStateException e) {
            throw new TestsException(SlipwayException.Kind.ENVIRONMENT, "Cannot write the normalised JUnit XML "
                    + request.normalisedJUnitXml() + ": " + e.getMessage() + ". Check the disk space and permissions "
                    + "of the workspace.", e);
        }

        CoverageReport coverage = null;
        CoverageReader coverageReader = new CoverageReader(workspace, List.of(dir));
        List<Path> classDirs = request.coverageClassDirs().stream().map(dir::resolve).toList();
        List<String> coverageRead = new ArrayList<>();
        for (Path file : coverageFiles) {
            try {
                log.waitingFor("reading coverage report " + display(workspace, file));
                CoverageReport one = coverageReader.read(file, classDirs);
                coverage = coverage == null ? one : coverage.merge(one);
                if (coverageRead.size() < MAX_LISTED) {
                    coverageRead.add(display(workspace, file));
                }
                log.info("read coverage from " + display(workspace, file));
            } catch (CoverageException e) {
                problems.add(e.getMessage());
                log.warn(e.getMessage());
            }
        }

        TestsResult.Totals totals = collector.totals();
        List<String> reasons = new ArrayList<>();
        Outcome outcome = gate(request, command, totals, coverage, reportFiles.size(), problems, stale, reasons);
        String summary = summary(totals, coverage, outcome, reasons);
        TestsResult.Outputs outputs = new TestsResult.Outputs(junitOut == null ? null : request.normalisedJUnitXml(),
                request.html().isEmpty() ? null : request.html());
        TestsResult result = new TestsResult(outcome, summary, List.copyOf(reasons), command, totals,
                collector.suites(), List.copyOf(collector.failures), List.copyOf(collector.flaky), collector.slowest(),
                new TestsResult.Reports(read, cap(problems), cap(stale), coverageFiles.size(),
                        List.copyOf(coverageRead)),
                coverage == null ? null : coverage.files().size() > 5000 ? coverage.withoutFiles() : coverage, outputs,
                compare(request.previousResult(), workspace, collector.failures, log));
        // each failing test by name (the first 20; every one is in the result and the reports)
        int shown = 0;
        for (TestsResult.Failure f : collector.failures) {
            if (shown++ == 20) {
                log.info("… and " + (collector.failures.size() - 20) + " more failing test(s): see the report");
                break;
            }
            String message = f.message() == null ? "" : f.message().strip().lines().findFirst().orElse("");
            log.info(("ERROR".equals(f.kind()) ? "ERROR " : "FAILED ") + f.classname() + "." + f.name()
                    + (message.isEmpty() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "…"
                            : message)));
        }
        if (!request.html().isEmpty()) {
            Path html = workspace.resolve(request.html()).normalize();
            writeHtml(workspace, html, result);
            log.info("report: " + html);
        }
        reasons.forEach(reason -> log.info(reason));
        return result;
    }

    private TestsResult.CommandRun runCommands(TestsRequest request, Path dir, Log log)
            throws TestsException, InterruptedException {
        List<String> commands = request.commands();
        boolean detected = false;
        if (commands.isEmpty()) {
            String found = Detector.detect(dir);
            if (Detector.isPytest(found)) {
                found += pytestCoverage(request, dir, log);
            }
            commands = List.of(found);
            detected = true;
            log.info("no test command given; detected: " + commands.get(0));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(request.timeoutSeconds()).toNanos();
        long start = System.nanoTime();
        int exit = 0;
        boolean timedOut = false;
        for (String line : commands) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                timedOut = true;
                exit = -1;
                break;
            }
            log.info("$ " + line);
            log.waitingFor("waiting for the test command `" + line + "`");
            ProcessRunner.Outcome outcome;
            try {
                outcome = launcher.run(line, dir, request.env(), left, log::info);
            } catch (SlipwayException e) {
                throw new TestsException(e.kind(), "Cannot run the test command '" + line + "': " + e.getMessage(), e);
            }
            exit = outcome.exitCode();
            timedOut = outcome.timedOut();
            if (!outcome.succeeded()) {
                break;
            }
        }
        return new TestsResult.CommandRun(commands, detected, false, exit, timedOut,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The pytest-cov options when the plugin is installed where the command runs, else "" (and says how to add it). */
    private String pytestCoverage(TestsRequest request, Path dir, Log log) throws InterruptedException {
        ProcessRunner.Outcome probe;
        try {
            probe = launcher.run(Detector.PYTEST_COV_PROBE, dir, request.env(), Duration.ofSeconds(60), line -> { });
        } catch (SlipwayException e) {
            probe = null;
        }
        if (probe != null && probe.succeeded()) {
            log.info("pytest-cov is installed: coverage goes to " + Detector.PYTEST_COVERAGE);
            return Detector.PYTEST_COV_OPTIONS;
        }
        log.info("pytest-cov is not installed, so the tests run without coverage; install it (apt-get install "
                + "python3-pytest-cov, or pip install pytest-cov) to have coverage");
        return "";
    }

    private static List<Path> find(Path dir, List<String> globs, long startedAt, List<String> stale,
            Set<String> excluded, String parameter) throws TestsException {
        List<Path> files = new ArrayList<>();
        List<String> matches;
        try {
            matches = AntGlob.find(dir, globs);
        } catch (IOException e) {
            throw new TestsException(SlipwayException.Kind.ENVIRONMENT, "Cannot search " + dir + " for " + parameter
                    + " " + globs + ": " + e.getMessage(), e);
        }
        for (String rel : matches) {
            Path file = dir.resolve(rel).normalize();
            if (excluded.contains(file.toString())) {
                continue;
            }
            if (startedAt > 0) {
                try {
                    if (Files.getLastModifiedTime(file).toMillis() < startedAt - STALE_TOLERANCE_MILLIS) {
                        stale.add(rel);
                        continue;
                    }
                } catch (IOException e) {
                    // unreadable: the parser will say so
                }
            }
            files.add(file);
        }
        return files;
    }

    static Outcome gate(TestsRequest request, TestsResult.CommandRun command, TestsResult.Totals totals,
            CoverageReport coverage, int reportCount, List<String> problems, List<String> stale, List<String> reasons) {
        Outcome outcome = Outcome.PASSED;
        String commandText = String.join(" && ", command.commands());
        boolean commandFailed = command.timedOut() || command.exitCode() != 0;
        if (command.timedOut()) {
            reasons.add("The test command '" + commandText + "' timed out after " + request.timeoutSeconds()
                    + " s and was stopped; raise timeoutSeconds or find the hanging test.");
            outcome = Outcome.FAILED;
        }
        String staleNote = stale.isEmpty() ? "" : " (" + stale.size() + " older report(s) were ignored as stale)";
        if (reportCount == 0) {
            if (commandFailed && !command.timedOut()) {
                reasons.add("The test command " + (commandText.isEmpty() ? "" : "'" + commandText + "' ")
                        + "failed (exit code " + command.exitCode() + ") and wrote no test report matching "
                        + request.reports() + staleNote + ": the build probably failed before the tests ran; "
                        + "see its output above.");
                outcome = Outcome.FAILED;
            } else if (!request.allowEmptyResults()) {
                reasons.add("No test report matched " + request.reports() + " in " + request.workdir() + staleNote
                        + ". Check the reports patterns, or set allowEmptyResults if a run without tests is fine.");
                outcome = Outcome.FAILED;
            }
        } else if (totals.tests() == 0 && problems.size() >= reportCount) {
            reasons.add("Every test report was unreadable: " + problems.get(0));
            outcome = Outcome.FAILED;
        } else if (totals.tests() == 0 && !request.allowEmptyResults()) {
            reasons.add(reportCount + " test report(s) matching " + request.reports() + " were read but hold no test "
                    + "case: the tests probably did not run (a collection error, every test deselected or skipped "
                    + "before it started). Set allowEmptyResults if a run without tests is fine.");
            outcome = Outcome.FAILED;
        } else if (commandFailed && !command.timedOut() && totals.failedOrErrors() == 0) {
            reasons.add("The test command failed (exit code " + command.exitCode() + ") although no test failed: "
                    + "the build itself failed (compilation, a plugin, a crashed test JVM); see its output above.");
            outcome = Outcome.FAILED;
        }
        if (totals.failedOrErrors() > request.maxFailed()) {
            reasons.add(totals.failedOrErrors() + " test(s) failed (" + totals.failed() + " failures, "
                    + totals.errors() + " errors); at most " + request.maxFailed() + " allowed (maxFailed).");
            outcome = outcome.and(Outcome.UNSTABLE);
        }
        if (request.maxFlaky() != null && totals.flaky() > request.maxFlaky()) {
            reasons.add(totals.flaky() + " flaky test(s) passed only on a rerun; at most " + request.maxFlaky()
                    + " allowed (maxFlaky).");
            outcome = outcome.and(Outcome.UNSTABLE);
        }
        outcome = coverageGate("line", request.minLineCoverage(), coverage == null ? null : coverage.lines().percent(),
                coverage, request, reasons, outcome);
        outcome = coverageGate("branch", request.minBranchCoverage(),
                coverage == null ? null : coverage.branches().percent(), coverage, request, reasons, outcome);
        if (!problems.isEmpty()) {
            reasons.add(problems.size() + " report file(s) could not be read completely: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
            outcome = outcome.and(Outcome.UNSTABLE);
        }
        return outcome;
    }

    private static Outcome coverageGate(String what, Double minimum, Double actual, CoverageReport coverage,
            TestsRequest request, List<String> reasons, Outcome outcome) {
        if (minimum == null) {
            return outcome;
        }
        String parameter = "line".equals(what) ? "minLineCoverage" : "minBranchCoverage";
        if (coverage == null) {
            reasons.add(parameter + " is " + minimum + "% but no coverage report matched " + request.coverageReports()
                    + "; make the build write one (JaCoCo, coverage.py --cov-report xml).");
            return outcome.and(Outcome.UNSTABLE);
        }
        if (actual == null) {
            reasons.add(parameter + " is " + minimum + "% but the coverage reports " + coverage.reports() + " hold no "
                    + what + " data, so the gate is missed; make the tool record " + what + " coverage ("
                    + ("branch".equals(what) ? "coverage.py --cov-branch, JaCoCo records it always" : "any line")
                    + ") or drop " + parameter + ".");
            return outcome.and(Outcome.UNSTABLE);
        }
        if (actual < minimum) {
            reasons.add(String.format(Locale.ROOT, "%s coverage is %.2f%%, below the minimum of %.2f%% (%s).",
                    Character.toUpperCase(what.charAt(0)) + what.substring(1), actual, minimum, parameter));
            return outcome.and(Outcome.UNSTABLE);
        }
        return outcome;
    }

    private static String summary(TestsResult.Totals t, CoverageReport coverage, Outcome outcome, List<String> reasons) {
        StringBuilder s = new StringBuilder();
        s.append(t.tests()).append(" tests: ").append(t.passed()).append(" passed, ").append(t.failed())
                .append(" failed, ").append(t.errors()).append(" errors, ").append(t.skipped()).append(" skipped");
        if (t.flaky() > 0) {
            s.append(", ").append(t.flaky()).append(" flaky");
        }
        if (coverage != null && coverage.lines().percent() != null) {
            s.append("; line coverage ").append(coverage.lines().percent()).append('%');
            if (coverage.branches().percent() != null) {
                s.append(", branch ").append(coverage.branches().percent()).append('%');
            }
        }
        if (outcome != Outcome.PASSED && !reasons.isEmpty()) {
            s.append(". ").append(reasons.get(0));
        }
        return s.toString();
    }

    /** This run's failures against the previous run's; null without a previous result. */
    static TestsResult.Comparison compare(String previous, Path workspace, List<TestsResult.Failure> failures, Log log) {
        if (previous == null) {
            return null;
        }
        Path file = workspace.resolve(previous).normalize();
        Set<String> before = new java.util.LinkedHashSet<>();
        try {
            com.fasterxml.jackson.databind.JsonNode root = io.jenkins.plugins.slipway.engine.core.Json.MAPPER.readTree(file.toFile());
            if (root != null && root.path("result").isObject()) {
                root = root.get("result");
            }
            if (root == null || !root.path("failures").isArray()) {
                String note = "previous result " + previous + " holds no test result (no \"failures\" list): not compared";
                log.warn(note);
                return new TestsResult.Comparison(previous, note, List.of(), List.of(), List.of());
            }
            root.get("failures").forEach(f -> before.add(f.path("classname").asText() + "." + f.path("name").asText()));
        } catch (IOException e) {
            String note = "previous result " + previous + " cannot be read (" + (Files.exists(file) ? e.getMessage()
                    : "no such file") + "): not compared";
            log.warn(note);
            return new TestsResult.Comparison(previous, note, List.of(), List.of(), List.of());
        }
        Set<String> now = new java.util.LinkedHashSet<>();
        failures.forEach(f -> now.add(f.classname() + "." + f.name()));
        List<String> added = now.stream().filter(n -> !before.contains(n)).toList();
        List<String> still = now.stream().filter(before::contains).toList();
        List<String> fixed = before.stream().filter(n -> !now.contains(n)).toList();
        log.info("against " + previous + ": " + added.size() + " new failure(s), " + still.size() + " still failing, "
                + fixed.size() + " fixed");
        return new TestsResult.Comparison(previous, null, added, still, fixed);
    }

    private static void writeHtml(Path workspace, Path file, TestsResult result) throws TestsException {
        try {
            SafeOutput.file(workspace, file);
            HtmlPage.write(file, HtmlSummary.render(result));
        } catch (IOException e) {
            throw new TestsException(SlipwayException.Kind.ENVIRONMENT, "Cannot write the HTML summary " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static String outputPath(Path workspace, String path) {
        return path.isEmpty() ? "" : workspace.resolve(path).normalize().toString();
    }

    private static String display(Path workspace, Path file) {
        return file.startsWith(workspace) ? workspace.relativize(file).toString().replace('\\', '/') : file.toString();
    }

    private static List<String> cap(List<String> list) {
        return list.size() <= MAX_LISTED ? List.copyOf(list) : List.copyOf(list.subList(0, MAX_LISTED));
    }
}
