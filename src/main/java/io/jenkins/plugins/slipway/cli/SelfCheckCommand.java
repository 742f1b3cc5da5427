package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.VersionTask;
import io.jenkins.plugins.slipway.engine.runtime.ResultEnvelope;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipway selfcheck}: says, per stage, whether this machine can run it — the engine's libraries load, the
 * temporary directory is writable, and which tools on the {@code PATH} (Chromium, chromedriver, tar, Maven,
 * Python, pylint, flake8, bandit) each stage uses and what their absence disables.
 */
@Command(name = "selfcheck", mixinStandardHelpOptions = true,
        description = {"Say per stage whether this machine can run it: what works, and what each missing tool disables.",
            "Exit code 0 when every stage can run (some perhaps without a missing tool's part); with --stage, 1 when a "
                + "named stage lacks anything it uses; 3 when Java or the engine itself is missing something."})
final class SelfCheckCommand implements Callable<Integer> {

    /** The stages, in pipeline order. */
    static final List<String> STAGES = List.of("test", "metrics", "browser", "ec2", "deploy", "demo");

    @CommandLine.Mixin
    CommonOptions options;

    @Option(names = "--stage", split = ",", paramLabel = "STAGE",
            description = "Stages this machine must run completely (comma-separated: test, metrics, browser, ec2, "
                    + "deploy, demo): exit code 1 when one of them lacks a tool or library it uses.")
    List<String> stages;

    /** Where tools are looked for: the {@code PATH} (tests give another). */
    String path = System.getenv().getOrDefault("PATH", "");

    /**
     * One thing a stage uses: {@code required} ones stop the stage when missing, the others disable
     * {@code disables}.
     */
    record Check(String name, boolean ok, boolean required, String detail, String disables) {
    }

    /** A stage: READY (everything it uses is here), LIMITED (it runs without what is listed), CANNOT_RUN. */
    record Stage(String name, String status, List<String> missing) {
    }

    @Override
    public Integer call() throws Exception {
        List<String> named = named();
        Log log = options.log("", Secrets.none());
        Check java = new Check("Java 17 or newer", Runtime.version().feature() >= 17, true, "Java " + Runtime.version(),
                "every stage");
        Path tmp = Files.createTempFile("slipway-selfcheck", ".tmp");
        Check temp = new Check("temporary directory", Files.deleteIfExists(tmp), true, tmp.getParent().toString(),
                "every stage");
        Map<String, List<Check>> byStage = new LinkedHashMap<>();
        byStage.put("test", List.of(
                library("JaCoCo (coverage)", "org.jacoco.core.analysis.CoverageBuilder"),
                tool("mvn", "detecting and running a Maven project's tests when no command is given"),
                tool("python3", "detecting and running a pytest project's tests when no command is given")));
        byStage.put("metrics", List.of(
                library("PMD (static analysis)", "net.sourceforge.pmd.PmdAnalysis"),
                library("CPD (duplication)", "net.sourceforge.pmd.cpd.CpdAnalysis"),
                library("JaCoCo (coverage)", "org.jacoco.core.analysis.CoverageBuilder"),
                tool("pylint", "pylint's findings on Python code"),
                tool("flake8", "flake8's findings on Python code"),
                tool("bandit", "bandit's security findings on Python code")));
        byStage.put("browser", List.of(
                library("Selenium (browser)", "org.openqa.selenium.WebDriver"),
                library("HtmlUnit (browser)", "org.openqa.selenium.htmlunit.HtmlUnitDriver"),
                tool("chromium", "browser 'chromium' (headless Chromium); HtmlUnit still runs"),
                tool("chromedriver", "browser 'chromium' (headless Chromium); HtmlUnit still runs")));
        byStage.put("ec2", List.of(library("AWS SDK v2 (EC2)", "software.amazon.awssdk.services.ec2.Ec2Client")));
        byStage.put("deploy", List.of(
                library("sshj (deploy)", "net.schmizz.sshj.SSHClient"),
                tool("tar", "a directory as the artifact (it is packed with tar); a file artifact still deploys")));
        byStage.put("demo", List.of(
                library("Apache MINA SSHD (local hosts)", "org.apache.sshd.server.SshServer"),
                library("JGit (git)", "org.eclipse.jgit.api.Git"),
                library("PMD (static analysis)", "net.sourceforge.pmd.PmdAnalysis"),
                library("HtmlUnit (browser)", "org.openqa.selenium.htmlunit.HtmlUnitDriver"),
                library("sshj (deploy)", "net.schmizz.sshj.SSHClient")));

        boolean engineOk = java.ok() && temp.ok();
        log.info(line(java));
        log.info(line(temp));
        List<Stage> results = new ArrayList<>();
        boolean namedIncomplete = false;
        for (Map.Entry<String, List<Check>> e : byStage.entrySet()) {
            List<String> missing = new ArrayList<>();
            boolean cannot = !engineOk;
            for (Check c : e.getValue()) {
                if (!c.ok()) {
                    missing.add(c.name() + " (" + c.detail() + "): " + (c.required() ? "the stage cannot run"
                            : "disables " + c.disables()));
                    cannot |= c.required();
                }
            }
            String status = cannot ? "CANNOT_RUN" : missing.isEmpty() ? "READY" : "LIMITED";
            results.add(new Stage(e.getKey(), status, missing));
            boolean isNamed = named.contains(e.getKey());
            namedIncomplete |= isNamed && !"READY".equals(status);
            log.info(String.format(Locale.ROOT, "%-8s %s%s", e.getKey(), switch (status) {
                case "READY" -> "ready";
                case "LIMITED" -> "runs, without what is missing below";
                default -> "CANNOT RUN";
            }, isNamed ? " (named in --stage)" : ""));
            for (String m : missing) {
                log.info("           missing " + m);
            }
        }
        boolean allRun = engineOk && results.stream().noneMatch(s -> "CANNOT_RUN".equals(s.status()));
        String summary;
        if (!named.isEmpty()) {
            summary = namedIncomplete ? "Stage(s) " + named + ": not everything they use is on this machine (see "
                    + "above)." : "Stage(s) " + named + " can run completely on this machine.";
        } else {
            summary = allRun ? "Slipway " + VersionTask.version() + " can run every stage here"
                    + (results.stream().anyMatch(s -> "LIMITED".equals(s.status()))
                            ? "; some without the parts listed as missing." : ".")
                    : "Slipway cannot run some stages here: see CANNOT RUN above.";
        }
        log.info(summary);
        int exit = !engineOk ? 3 : !named.isEmpty() ? (namedIncomplete ? 1 : 0) : allRun ? 0 : 3;
        if (options.json() != null) {
            List<Check> all = new ArrayList<>(List.of(java, temp));
            byStage.values().forEach(all::addAll);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", allRun && !namedIncomplete);
            result.put("stages", results);
            result.put("checks", all);
            Map<String, Object> envelope = ResultEnvelope.of("selfcheck", exit == 0 ? "PASSED" : "FAILED",
                    summary.replace(" (see above)", "").replace(": see CANNOT RUN above", ""), result,
                    ResultEnvelope.commitOf(options.workDir()));
            result.forEach(envelope::putIfAbsent); // where selfcheck --json wrote them before, for one release
            CommonOptions.writeJson(options.json(), envelope);
        }
        return exit;
    }

    private List<String> named() throws SlipwayException {
        List<String> named = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String s : stages == null ? List.<String>of() : stages) {
            String name = s.strip().toLowerCase(Locale.ROOT);
            if (STAGES.contains(name)) {
                named.add(name);
            } else {
                unknown.add("'" + s + "'");
            }
        }
        if (!unknown.isEmpty()) {
            // every unknown name at once
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "--stage: unknown stage"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + "; choose among "
                    + String.join(", ", STAGES));
        }
        return named;
    }

    private static String line(Check c) {
        return String.format(Locale.ROOT, "%s %-32s %s", c.ok() ? "ok     " : "MISSING", c.name(), c.detail());
    }

    private Check library(String name, String className) {
        boolean ok;
        try {
            Class.forName(className, false, getClass().getClassLoader());
            ok = true;
        } catch (ClassNotFoundException | LinkageError e) {
            ok = false;
        }
        return new Check(name, ok, true, ok ? "loads" : className + " does not load", "the stage");
    }

    private Check tool(String tool, String disables) {
        Path found = which(tool, path);
        return new Check(tool, found != null, false, found == null ? "not on the PATH" : found.toString(), disables);
    }

    static Path which(String tool) {
        return which(tool, System.getenv().getOrDefault("PATH", ""));
    }

    static Path which(String tool, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
