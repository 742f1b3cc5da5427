package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pylint, flake8 and bandit, run as the user would run them: from the workspace (so their own configuration files
 * are found there), on the Python files of the walk, each writing its machine-readable report to the output
 * directory, which {@link ReportParsers} then reads.
 *
 * <p>The workspace is the commit's, and "static" analysis must not run its code: {@code python3 -m <tool>} runs
 * isolated ({@code -I}: neither the working directory nor {@code PYTHON*} variables on {@code sys.path}, so a
 * committed {@code pylint.py} is not imported), and unless the user trusts the repository's configuration
 * ({@code trustRepositoryConfig}) the settings that load or run code from it are left out: pylint's
 * {@code init-hook}, {@code load-plugins}, {@code unsafe-load-any-extension} and {@code extension-pkg-allow-list}
 * ({@code -whitelist}), and flake8's {@code [flake8:local-plugins]}. The tools then read a copy of the configuration
 * without them; everything else in it (disabled checks, line length, excludes) still applies.
 */
final class PythonAnalysers {
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** One Python analyser: its module, its report file and how to install it. */
    enum Tool {
        PYLINT("pylint", "pylint.json", "apt-get install pylint (Debian/Ubuntu) or pip install pylint"),
        FLAKE8("flake8", "flake8.txt", "apt-get install flake8 (Debian/Ubuntu) or pip install flake8"),
        BANDIT("bandit", "bandit.json", "apt-get install python3-bandit (Debian/Ubuntu) or pip install bandit");

        final String id;
        final String reportFile;
        final String install;

        Tool(String id, String reportFile, String install) {
            this.id = id;
            this.reportFile = reportFile;
            this.install = install;
        }

        static Tool of(String id) {
            for (Tool t : values()) {
                if (t.id.equals(id)) {
                    return t;
                }
            }
            return null;
        }
    }

    private PythonAnalysers() {
    }

    /**
     * How to start a tool: its own executable on the {@code PATH} (a virtualenv's or the system's), else
     * {@code python3 -m <tool>} with the first {@code python3} on the PATH, when that interpreter has it; null when
     * neither works.
     */
    static List<String> locate(Tool tool, Path workDir, String path) throws InterruptedException {
        Path exe = onPath(tool.id, path);
        if (exe != null) {
            return List.of(exe.toString());
        }
        Path python = onPath("python3", path);
        if (python == null) {
            return null;
        }
        try {
            List<String> command = List.of(python.toString(), "-I", "-m", tool.id, "--version");
            ProcessRunner.Outcome probe = ProcessRunner.run(command, workDir, Map.of(), Duration.ofSeconds(60),
                    line -> { });
            return probe.succeeded() ? List.of(python.toString(), "-I", "-m", tool.id) : null;
        } catch (SlipwayException e) {
            return null;
        }
    }

    private static Path onPath(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String suffix : File.separatorChar == '\\' ? List.of(".exe", ".cmd", "") : List.of("")) {
                Path exe = Path.of(dir, name + suffix);
                if (Files.isRegularFile(exe) && Files.isExecutable(exe)) {
                    return exe;
                }
            }
        }
        return null;
    }

    /** The command line for one run (the files relative to the workspace, which is the working directory). */
    static List<String> command(Tool tool, List<String> prefix, Path report, List<String> files, Path workDir) {
        List<String> c = new ArrayList<>(prefix);
        switch (tool) {
            case PYLINT -> c.addAll(List.of("--output-format=json", "--output=" + report, "--persistent=n",
                    "--score=n"));
            case FLAKE8 -> c.addAll(List.of("--format=default", "--output-file=" + report, "--exit-zero"));
            case BANDIT -> {
                c.addAll(List.of("-f", "json", "-o", report.toString(), "-q"));
                if (Files.isRegularFile(workDir.resolve(".bandit"))) {
                    c.addAll(List.of("--ini", ".bandit"));
                }
            }
        }
        c.addAll(files);
        return c;
    }

    /** Runs one tool, not trusting the repository's configuration, and reads its report. */
    static List<Findings.Raw> run(Tool tool, List<String> prefix, List<String> files, Path workDir, Path report,
            Log log) throws MetricsException, InterruptedException {
        return run(tool, prefix, files, workDir, report, false, log);
    }

    /**
     * Runs one tool and reads its report. The tool writes a fresh temporary file beside {@code report}, which then
     * replaces it ({@link SafeOutput}: never through a link).
     *
     * @param trustRepositoryConfig whether the repository's configuration may load and run its code
     */
    static List<Findings.Raw> run(Tool tool, List<String> prefix, List<String> files, Path workDir, Path report,
            boolean trustRepositoryConfig, Log log) throws MetricsException, InterruptedException {
        Path written;
        Path safeConfig = null;
        try {
            SafeOutput.checkTarget(report);
            written = Files.createTempFile(report.toAbsolutePath().getParent(), "." + tool.id, ".tmp");
            if (!trustRepositoryConfig) {
                safeConfig = RepositoryConfig.withoutCode(tool, workDir, log);
            }
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, tool.id + ": cannot write " + report + ": "
                    + e.getMessage(), e);
        }
        try {
            List<Findings.Raw> found = runTool(tool, prefix, files, workDir, report, written, safeConfig, log);
            return found;
        } finally {
            try {
                Files.deleteIfExists(written);
                if (safeConfig != null) {
                    Files.deleteIfExists(safeConfig);
                }
            } catch (IOException e) {
                log.debug(tool.id + ": cannot remove a temporary file: " + e.getMessage());
            }
        }
    }

    private static List<Findings.Raw> runTool(Tool tool, List<String> prefix, List<String> files, Path workDir,
            Path report, Path written, Path safeConfig, Log log) throws MetricsException, InterruptedException {
        List<String> command = new ArrayList<>(command(tool, prefix, written,
                tool == Tool.PYLINT ? PythonModules.targets(files, workDir, log) : files, workDir));
        if (safeConfig != null) {
            command.add(prefix.size(), (tool == Tool.PYLINT ? "--rcfile=" : "--config=") + safeConfig);
        }
        ProcessRunner.Outcome outcome;
        try {
            outcome = ProcessRunner.run(command, workDir, Map.of("PYTHONDONTWRITEBYTECODE", "1", "PYLINTRC", ""), TIMEOUT,
                    line -> log.debug(tool.id + ": " + line));
        } catch (SlipwayException e) {
            throw new MetricsException(Kind.ENVIRONMENT, tool.id + " could not be started: " + e.getMessage()
                    + "; install it with " + tool.install, e);
        }
        String started = String.join(" ", command.subList(0, Math.min(command.size(), prefix.size() + 4)))
                + (files.size() > 0 ? " … (" + files.size() + " files)" : "");
        if (outcome.timedOut()) {
            throw new MetricsException(Kind.ENVIRONMENT, tool.id + " did not finish within " + TIMEOUT.toMinutes()
                    + " minutes (" + started + ")");
        }
        boolean usageError = tool == Tool.PYLINT && (outcome.exitCode() & 32) != 0
                || tool == Tool.FLAKE8 && outcome.exitCode() != 0
                || tool == Tool.BANDIT && outcome.exitCode() > 1;
        try {
            if (Files.size(written) > 0 || !usageError) {
                SafeOutput.checkTarget(report);
                Files.move(written, report, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, tool.id + ": cannot write " + report + ": " + e.getMessage(),
                    e);
        }
        if (usageError || !Files.isRegularFile(report)) {
            throw new MetricsException(Kind.ENVIRONMENT, tool.id + " failed with exit code " + outcome.exitCode()
                    + " and wrote no report (" + started + "): " + String.join(" | ", tail(outcome.lastLines()))
                    + "; check the project's " + tool.id + " configuration, or leave " + tool.id
                    + " out of 'analysers'");
        }
        try {
            return ReportParsers.read(report, workDir).findings();
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, tool.id + " wrote a report Slipway cannot read (" + report
                    + "): " + e.getMessage(), e);
        }
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }
}
