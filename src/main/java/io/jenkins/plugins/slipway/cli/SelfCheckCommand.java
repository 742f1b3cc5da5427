package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code slipway selfcheck}: checks that this machine can run every stage — the engine's libraries load, the
 * temporary directory is writable, and which optional tools (browsers, sshd, git, Python, pylint, flake8, bandit)
 * are installed.
 */
@Command(name = "selfcheck", mixinStandardHelpOptions = true,
        description = "Check that this machine can run Slipway's stages and say what is missing.")
final class SelfCheckCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions options;

    record Check(String name, boolean ok, boolean required, String detail) {
    }

    @Override
    public Integer call() throws Exception {
        Log log = options.log("", Secrets.none());
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("java", Runtime.version().feature() >= 17, true, "Java " + Runtime.version()));
        Path tmp = Files.createTempFile("slipway-selfcheck", ".tmp");
        checks.add(new Check("temporary directory", Files.deleteIfExists(tmp), true, tmp.getParent().toString()));
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("PMD (static analysis)", "net.sourceforge.pmd.PmdAnalysis");
        libraries.put("CPD (duplication)", "net.sourceforge.pmd.cpd.CpdAnalysis");
        libraries.put("JaCoCo (coverage)", "org.jacoco.core.analysis.CoverageBuilder");
        libraries.put("Selenium (browser)", "org.openqa.selenium.WebDriver");
        libraries.put("HtmlUnit (browser)", "org.openqa.selenium.htmlunit.HtmlUnitDriver");
        libraries.put("AWS SDK v2 (EC2)", "software.amazon.awssdk.services.ec2.Ec2Client");
        libraries.put("sshj (deploy)", "net.schmizz.sshj.SSHClient");
        libraries.put("Apache MINA SSHD (local hosts)", "org.apache.sshd.server.SshServer");
        libraries.put("JGit (git)", "org.eclipse.jgit.api.Git");
        for (Map.Entry<String, String> library : libraries.entrySet()) {
            boolean ok;
            try {
                Class.forName(library.getValue(), false, getClass().getClassLoader());
                ok = true;
            } catch (ClassNotFoundException | LinkageError e) {
                ok = false;
            }
            checks.add(new Check(library.getKey(), ok, true, library.getValue()));
        }
        for (String tool : List.of("chromium", "chromedriver", "sshd", "git", "python3", "mvn", "pylint", "flake8",
                "bandit")) {
            Path found = which(tool);
            checks.add(new Check("tool " + tool, found != null, false, found == null ? "not on the PATH" : found.toString()));
        }
        boolean ok = true;
        for (Check check : checks) {
            String mark = check.ok() ? "ok     " : check.required() ? "MISSING" : "absent ";
            log.info(String.format("%s %-32s %s", mark, check.name(), check.detail()));
            ok &= check.ok() || !check.required();
        }
        log.info(ok ? "Slipway " + VersionTask.version() + " is ready on this machine."
                : "Slipway cannot run here: see MISSING above.");
        if (options.json() != null) {
            CommonOptions.writeJson(options.json(), Map.of("ok", ok, "checks", checks));
        }
        return ok ? 0 : 3;
    }

    static Path which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
