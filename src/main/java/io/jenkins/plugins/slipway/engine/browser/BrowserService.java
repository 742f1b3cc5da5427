package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.request.browser.BrowserRequest;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The browser stage: starts the app on a free port (or uses a running one), waits until it answers, runs the
 * scenarios in a real browser and/or the user's own suite, writes JUnit XML and evidence, and always stops the
 * app with every child process.
 */
public final class BrowserService {

    static final String JUNIT_FILE = "TEST-slipway-browser.xml";

    public BrowserResult run(BrowserRequest request, TaskContext context) throws SlipwayException, InterruptedException {
        Log log = context.log();
        Path workDir = context.workDir();
        Path out = context.resolve(request.outputDir());
        Map<String, List<Scenario>> scenarios = loadScenarios(request, context);
        Optional<Browsers.ChromePaths> chrome = Browsers.check(request, workDir);
        try {
            context.outputDir(request.outputDir());
        } catch (IOException e) {
            throw new BrowserException(Kind.ENVIRONMENT, "outputDir: cannot use the output directory " + out + ": "
                    + e.getMessage(), e);
        }
        AppProcess app = request.appCommand() != null
                ? AppProcess.start(request.appCommand(), request.appPort(),
                        request.appDir() == null ? workDir : context.resolve(request.appDir()), request.appEnv(),
                        out.resolve("app.log"), log)
                : AppProcess.external(request.appUrl());
        try {
            app.awaitReady(request.readyCheck(), request.readyPath(), request.readyStatus(),
                    Duration.ofSeconds(request.readyTimeoutSeconds()), log);
            List<CaseResult> cases = new ArrayList<>();
            String junit = null;
            if (!scenarios.isEmpty()) {
                cases.addAll(runScenarios(request, scenarios, app, chrome, out, log));
                Path file = out.resolve(JUNIT_FILE);
                try {
                    JUnitXml.write(file, "browserTest", request.browser(), cases);
                } catch (IOException e) {
                    throw new BrowserException(Kind.ENVIRONMENT, "Cannot write " + file + ": " + e.getMessage(), e);
                }
                junit = relative(workDir, file);
            }
            Integer suiteExit = null;
            List<String> reports = List.of();
            if (request.suiteCommand() != null) {
                ProcessRunner.Outcome suite = runSuite(request, app, context);
                suiteExit = suite.timedOut() ? -1 : suite.exitCode();
                List<Path> found = findReports(workDir, request.junitXml(), out);
                reports = found.stream().map(p -> relative(workDir, p)).toList();
                for (Path report : found) {
                    try {
                        cases.addAll(JUnitXml.read(report));
                    } catch (IOException e) {
                        throw new BrowserException(Kind.BAD_INPUT, "The suite wrote " + e.getMessage(), e);
                    }
                }
                if (suite.timedOut()) {
                    log.error("The suite did not finish within " + request.suiteTimeoutSeconds() + " s and was stopped.");
                } else if (suite.exitCode() != 0) {
                    log.warn("The suite exited with code " + suite.exitCode());
                }
                if (found.isEmpty()) {
                    log.error("The suite wrote no JUnit XML matching " + request.junitXml() + " under " + workDir);
                }
            }
            return result(request, app, cases, junit, suiteExit, reports, workDir, out);
        } finally {
            app.close();
            if (app.started()) {
                log.info("Stopped the app (pid " + app.pid() + ") and its child processes; its log: "
                        + relative(workDir, app.logFile()));
            }
        }
    }

    private static Map<String, List<Scenario>> loadScenarios(BrowserRequest request, TaskContext context)
            throws BrowserException {
        Map<String, List<Scenario>> all = new LinkedHashMap<>();
        for (String name : request.scenarios()) {
            Path file = context.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new BrowserException(Kind.BAD_INPUT, "The scenario file " + file + " does not exist.");
            }
            String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                throw new BrowserException(Kind.BAD_INPUT, "The scenario file " + file + " is YAML; write scenarios "
                        + "as JSON (see docs/steps/browserTest.md).");
            }
            Scenario.File parsed;
            try {
                parsed = Json.readFile(file, Scenario.File.class);
            } catch (SlipwayException e) {
                throw new BrowserException(Kind.BAD_INPUT, "Bad scenario file: " + e.getMessage(), e);
            }
            String suite = stripExtension(file.getFileName().toString());
            all.computeIfAbsent(suite, k -> new ArrayList<>()).addAll(parsed.scenarios());
        }
        return all;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static List<CaseResult> runScenarios(BrowserRequest request, Map<String, List<Scenario>> scenarios,
            AppProcess app, Optional<Browsers.ChromePaths> chrome, Path out, Log log)
            throws BrowserException, InterruptedException {
        List<CaseResult> cases = new ArrayList<>();
        log.info("Opening " + request.browser());
        try (BrowserSession session = Browsers.open(request, chrome, out.resolve(".profiles"))) {
            ScenarioRunner runner = new ScenarioRunner(session, app.baseUrl(), request.allowedOrigins(), out,
                    request.stepTimeoutSeconds(),
                    app::deathNotice, log);
            for (Map.Entry<String, List<Scenario>> file : scenarios.entrySet()) {
                for (Scenario scenario : file.getValue()) {
                    String death = app.deathNotice();
                    if (death != null) {
                        cases.add(new CaseResult(file.getKey(), scenario.name(), "FAILED", 1,
                                "Scenario '" + scenario.name() + "' did not run: " + death, 0, List.of(), List.of()));
                        continue;
                    }
                    cases.add(runner.run(file.getKey(), scenario));
                }
            }
        } finally {
            Browsers.deleteTree(out.resolve(".profiles"));
        }
        return cases;
    }

    private static ProcessRunner.Outcome runSuite(BrowserRequest request, AppProcess app, TaskContext context)
            throws SlipwayException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("APP_URL", app.baseUrl().toString());
        env.put("SLIPWAY_BROWSER", request.browser());
        if (app.baseUrl().getPort() > 0) {
            env.put("APP_PORT", Integer.toString(app.baseUrl().getPort()));
        }
        Log log = context.log().withPrefix("[suite] ");
        context.log().info("Running the suite with APP_URL=" + app.baseUrl() + ": " + request.suiteCommand());
        List<String> shell = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
                ? List.of("cmd.exe", "/c", request.suiteCommand()) : List.of("/bin/sh", "-c", request.suiteCommand());
        return ProcessRunner.run(shell, context.workDir(), env, Duration.ofSeconds(request.suiteTimeoutSeconds()),
                log::info);
    }

    private static List<Path> findReports(Path workDir, List<String> globs, Path ownOutput) throws BrowserException {
        List<PathMatcher> matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        Path own = ownOutput.resolve(JUNIT_FILE);
        try (Stream<Path> files = Files.walk(workDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(own))
                    .filter(p -> matchers.stream().anyMatch(m -> m.matches(workDir.relativize(p))))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BrowserException(Kind.ENVIRONMENT, "Cannot search " + workDir + " for " + globs + ": " + e.getMessage(), e);
        }
    }

    private static BrowserResult result(BrowserRequest request, AppProcess app, List<CaseResult> cases, String junit,
            Integer suiteExit, List<String> reports, Path workDir, Path out) {
        int failures = (int) cases.stream().filter(c -> "FAILED".equals(c.status())).count();
        int skipped = (int) cases.stream().filter(c -> "SKIPPED".equals(c.status())).count();
        List<String> artifacts = cases.stream().flatMap(c -> c.artifacts().stream())
                .map(a -> relative(workDir, out.resolve(a))).toList();
        boolean suiteBroken = suiteExit != null && (suiteExit == -1 || (suiteExit != 0 && failures == 0)
                || reports.isEmpty());
        Outcome outcome;
        if (suiteBroken || cases.isEmpty()) {
            outcome = Outcome.FAILED;
        } else if (failures > 0) {
            outcome = Outcome.UNSTABLE;
        } else {
            outcome = Outcome.PASSED;
        }
        StringBuilder summary = new StringBuilder();
        summary.append(cases.size()).append(cases.size() == 1 ? " browser test" : " browser tests")
                .append(" in ").append(request.browser()).append(": ")
                .append(cases.size() - failures - skipped).append(" passed");
        if (failures > 0) {
            summary.append(", ").append(failures).append(" failed");
        }
        if (skipped > 0) {
            summary.append(", ").append(skipped).append(" skipped");
        }
        cases.stream().filter(c -> "FAILED".equals(c.status())).findFirst()
                .ifPresent(c -> summary.append(" — ").append(SeleniumSession.firstLine(c.message())));
        if (suiteExit != null && suiteExit == -1) {
            summary.append("; the suite timed out");
        } else if (suiteExit != null && reports.isEmpty()) {
            summary.append("; the suite (exit code ").append(suiteExit).append(") wrote no JUnit XML matching ")
                    .append(request.junitXml());
        } else if (suiteExit != null && suiteExit != 0 && failures == 0) {
            summary.append("; the suite exited with code ").append(suiteExit);
        }
        return new BrowserResult(outcome, summary.toString(), request.browser(), app.baseUrl().toString(), cases.size(),
                failures, skipped, List.copyOf(cases), junit, suiteExit, reports, relative(workDir, out),
                app.logFile() == null ? null : relative(workDir, app.logFile()), artifacts);
    }

    private static String relative(Path workDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workDir) ? workDir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
