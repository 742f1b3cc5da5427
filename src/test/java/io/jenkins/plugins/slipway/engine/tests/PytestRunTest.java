package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.request.tests.TestsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real pytest with pytest-cov on the example Tornado project (skipped where they are not installed). */
class PytestRunTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path ws;

    private static boolean pytestAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pytest, pytest_cov, tornado")
                    .redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void shouldRunRealPytestWithCoverageAndGateOnItsReports() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && pytestAvailable(), "needs /usr/bin/python3 with pytest, "
                + "pytest-cov and tornado");
        TestsServiceTest.copyTree(TestData.resource("python-formapp/project"), ws.resolve("formapp-src"));

        TestsResult result = new TestsService().run(new TestsRequest(
                List.of(PYTHON + " -m pytest -p no:cacheprovider --junitxml=build/pytest-junit.xml --cov=formapp "
                        + "--cov-branch --cov-report xml:build/coverage.xml"),
                null, null, 120, Map.of("PYTHONDONTWRITEBYTECODE", "1"), "formapp-src", null, null, null, null,
                null, null, 50.0, null, null, "slipway/tests/junit.xml", null), new TaskContext(Log.silent(), Secrets.none(), ws));

        assertThat(result.command().exitCode()).as("pytest exits 1 when a test fails").isEqualTo(1);
        assertThat(result.totals().tests()).isEqualTo(9);
        assertThat(result.totals().failed()).isEqualTo(1);
        assertThat(result.totals().skipped()).isEqualTo(1);
        assertThat(result.failures()).singleElement().satisfies(f ->
                assertThat(f.name()).isEqualTo("test_deliberately_failing"));
        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.reasons()).containsExactly("1 test(s) failed (1 failures, 0 errors); at most 0 allowed "
                + "(maxFailed).");
        assertThat(result.coverage().unresolvedFiles()).isZero();
        assertThat(result.coverage().files()).extracting(f -> f.path())
                .contains("formapp-src/formapp/app.py");
        assertThat(result.coverage().lines().percent()).isGreaterThan(50.0).isLessThan(100.0);
        assertThat(ws.resolve("slipway/tests/junit.xml")).isRegularFile();
    }

    @Test
    void shouldAddCoverageToTheDetectedPytestCommandWhenPytestCovIsInstalled() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && pytestAvailable(), "needs /usr/bin/python3 with pytest, "
                + "pytest-cov and tornado");
        TestsServiceTest.copyTree(TestData.resource("python-formapp/project"), ws);
        // Debian's python3 (with pytest-cov) first on the PATH, as on an agent with the Debian packages
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE", "1");

        TestsResult result = new TestsService().run(new TestsRequest(null, null, null, 120, env, null, null, null,
                null, null, null, null, 50.0, null, null, null, null), new TaskContext(Log.silent(), Secrets.none(),
                ws));

        assertThat(result.command().detected()).isTrue();
        assertThat(result.command().commands()).containsExactly("python3 -m pytest --junitxml="
                + "slipway/tests/pytest-junit.xml --cov=. --cov-report=xml:slipway/tests/coverage.xml");
        assertThat(result.totals().tests()).isEqualTo(9);
        assertThat(result.reports().coverageRead()).containsExactly("slipway/tests/coverage.xml");
        assertThat(result.coverage().files()).extracting(f -> f.path()).contains("formapp/app.py");
        assertThat(result.coverage().lines().percent()).isGreaterThan(50.0);
        assertThat(result.reasons()).noneMatch(r -> r.contains("coverage"));
    }
}
