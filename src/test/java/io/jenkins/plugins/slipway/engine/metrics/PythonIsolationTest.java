package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Static" analysis must not run the commit's code: a committed .pylintrc with init-hook and load-plugins, a flake8
 * local plugin and a pylint.py shadowing pylint all try to leave a marker file; real pylint and flake8.
 */
class PythonIsolationTest {
    @TempDir
    Path workspace;

    @TempDir
    Path outside;

    private MetricsResult metrics(List<String> analysers, Boolean trust) throws Exception {
        MetricsRequest request = new MetricsRequest(null, null, null, List.of(), List.of(), null, null, null, null,
                null, null, null, null, analysers, null, trust);
        return new MetricsService().run(request, new TaskContext(Log.silent(), Secrets.none(), workspace));
    }

    private void project() throws Exception {
        Files.writeString(workspace.resolve("app.py"), "import os\n\n\ndef f(x):\n    return x\n");
    }

    @Test
    void shouldLeaveOutPylintsInitHookAndPluginsUnlessTheUserTrustsTheRepository() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pylint")), "needs pylint");
        project();
        Path hook = outside.resolve("init-hook-ran");
        Path plugin = outside.resolve("plugin-loaded");
        Files.writeString(workspace.resolve("evilplugin.py"), "import pathlib\npathlib.Path(" + q(plugin)
                + ").write_text('x')\n\ndef register(linter):\n    pass\n");
        Files.writeString(workspace.resolve(".pylintrc"), "[MAIN]\ninit-hook=import pathlib, sys; "
                + "pathlib.Path(" + q(hook) + ").write_text('x'); sys.path.insert(0, '.')\n"
                + "load-plugins=evilplugin\n\n[MESSAGES CONTROL]\ndisable=missing-module-docstring\n");

        MetricsResult result = metrics(List.of("pylint"), null);

        assertThat(hook).doesNotExist();
        assertThat(plugin).doesNotExist();
        // the rest of the configuration still applies: the disabled message is not reported, the others are
        assertThat(result.violations().items()).extracting(Violation::rule).contains("unused-import")
                .doesNotContain("missing-module-docstring");
        try (var files = Files.list(workspace)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".slipway-"));
        }

        metrics(List.of("pylint"), true);
        assertThat(hook).as("trustRepositoryConfig: the user allowed it").exists();
    }

    @Test
    void shouldLeaveOutFlake8LocalPluginsUnlessTheUserTrustsTheRepository() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/flake8")), "needs flake8");
        project();
        Path marker = outside.resolve("local-plugin-loaded");
        Files.writeString(workspace.resolve("localplug.py"), "import pathlib\npathlib.Path(" + q(marker)
                + ").write_text('x')\n\nclass Plugin:\n    name = 'x'\n    version = '1'\n\n"
                + "    def __init__(self, tree):\n        pass\n\n    def run(self):\n        return iter(())\n");
        Files.writeString(workspace.resolve("setup.cfg"), "[flake8]\nmax-line-length = 100\n\n"
                + "[flake8:local-plugins]\nextension =\n    XYZ = localplug:Plugin\npaths = .\n");

        MetricsResult result = metrics(List.of("flake8"), null);

        assertThat(marker).doesNotExist();
        assertThat(result.violations().items()).extracting(Violation::rule).contains("F401");

        metrics(List.of("flake8"), true);
        assertThat(marker).as("trustRepositoryConfig: the user allowed it").exists();
    }

    @Test
    void shouldNeverImportACommittedModuleInsteadOfTheAnalyser() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs python3");
        project();
        Path marker = outside.resolve("shadow-ran");
        Files.writeString(workspace.resolve("pylint.py"), "import pathlib\npathlib.Path(" + q(marker)
                + ").write_text('x')\n");
        // a PATH with python3 but no pylint executable: Slipway falls back to python3 -m pylint
        Path bin = Files.createDirectories(outside.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("python3"), python);

        List<String> command = PythonAnalysers.locate(PythonAnalysers.Tool.PYLINT, workspace, bin.toString());

        assertThat(marker).doesNotExist();
        assumeTrue(command != null, "needs pylint as a module of /usr/bin/python3");
        assertThat(command).containsSubsequence("-I", "-m", "pylint");
        Path report = workspace.resolve("pylint.json");
        PythonAnalysers.run(PythonAnalysers.Tool.PYLINT, command, List.of("app.py"), workspace, report, Log.silent());
        assertThat(marker).doesNotExist();
        assertThat(report).content().contains("unused-import");
    }

    private static String q(Path p) {
        return "'" + p.toString().replace("'", "\\'") + "'";
    }
}
