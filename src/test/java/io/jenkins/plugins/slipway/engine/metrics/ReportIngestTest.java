package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.AnalyserRun;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports written by real tools in the test itself (PMD's and Checkstyle's SARIF, pylint, flake8 and bandit),
 * plus ruff and ESLint reports of their documented shape, read through {@code reports}.
 */
class ReportIngestTest {
    private static final String DATA = "/io/jenkins/plugins/slipway/engine/metrics/reports/";

    @TempDir
    Path workspace;

    private TaskContext context() {
        return new TaskContext(Log.silent(), Secrets.none(), workspace);
    }

    private static MetricsRequest reportsOnly(List<String> reports) {
        return new MetricsRequest(null, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(), reports, null);
    }

    /** A Java tool's main class in its own JVM, on the test classpath, in the workspace. */
    private int java(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectOutput(workspace.resolve("../tool.log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    private static int sarifResults(Path sarif) throws IOException {
        int n = 0;
        for (JsonNode run : Json.MAPPER.readTree(sarif.toFile()).path("runs")) {
            n += run.path("results").size();
        }
        return n;
    }

    @Test
    void shouldReadTheSarifThatPmdAndCheckstyleWrite() throws Exception {
        MetricsServiceTest.copy("sample", workspace);
        Files.createDirectories(workspace.resolve("build"));
        java("net.sourceforge.pmd.cli.PmdCli", "check", "--no-progress", "--no-cache", "-d", "src/main/java",
                "-R", "rulesets/java/quickstart.xml", "-f", "sarif", "-r", "build/pmd.sarif");
        java("com.puppycrawl.tools.checkstyle.Main", "-c", "/google_checks.xml", "-f", "sarif", "-o",
                "build/checkstyle.sarif", "src/main/java");
        int pmdOwn = sarifResults(workspace.resolve("build/pmd.sarif"));
        int checkstyleOwn = sarifResults(workspace.resolve("build/checkstyle.sarif"));
        assertThat(pmdOwn).isPositive();
        assertThat(checkstyleOwn).isPositive();

        MetricsResult result = new MetricsService().run(reportsOnly(List.of("build/*.sarif")), context());

        assertThat(result.violations().byTool()).containsOnly(Map.entry("pmd", pmdOwn),
                Map.entry("checkstyle", checkstyleOwn));
        assertThat(result.analysers()).filteredOn(a -> a.status().equals("INGESTED"))
                .extracting(AnalyserRun::name, AnalyserRun::detail)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("checkstyle", "build/checkstyle.sarif"),
                        org.assertj.core.groups.Tuple.tuple("pmd", "build/pmd.sarif"));
        // PMD's rule priorities survive the round trip; Checkstyle's warnings are priority 3; paths are relative
        assertThat(result.violations().items()).anySatisfy(v -> {
            assertThat(v.tool()).isEqualTo("pmd");
            assertThat(v.rule()).isEqualTo("EmptyCatchBlock");
            assertThat(v.file()).isEqualTo("src/main/java/demo/Orders.java");
            assertThat(v.line()).isEqualTo(20);
            assertThat(v.priority()).isEqualTo(3);
        });
        assertThat(result.violations().items()).filteredOn(v -> v.tool().equals("checkstyle"))
                .isNotEmpty().allSatisfy(v -> {
                    assertThat(v.file()).isEqualTo("src/main/java/demo/Orders.java");
                    assertThat(v.priority()).isEqualTo(3);
                    assertThat(v.line()).isPositive();
                });
        PythonAnalysersTest.assertSarifShape(Json.MAPPER.readTree(workspace.resolve("slipway/metrics/findings.sarif.json")
                .toFile()), result);
    }

    @Test
    void shouldReadWhatPylintFlake8AndBanditWroteInAnEarlierStep() throws Exception {
        for (String tool : List.of("pylint", "flake8", "bandit")) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), "needs /usr/bin/" + tool);
        }
        MetricsServiceTest.copy("python", workspace);
        Files.createDirectories(workspace.resolve("reports"));
        shell("pylint --output-format=json --persistent=n shop > reports/pylint.json");
        shell("pylint --output-format=parseable --persistent=n shop > reports/pylint.txt");
        shell("flake8 --output-file=reports/flake8.txt shop");
        shell("bandit -r -f json -o reports/bandit.json -q shop");
        int pylintOwn = Json.MAPPER.readTree(workspace.resolve("reports/pylint.json").toFile()).size();
        int banditOwn = Json.MAPPER.readTree(workspace.resolve("reports/bandit.json").toFile()).path("results").size();
        long flake8Own = Files.readAllLines(workspace.resolve("reports/flake8.txt")).stream()
                .filter(l -> !l.isBlank()).count();

        MetricsResult json = new MetricsService().run(reportsOnly(List.of("reports/pylint.json",
                "reports/flake8.txt", "reports/bandit.json")), context());
        Map<String, Integer> sarif = PythonAnalysersTest.sarifCounts(Json.MAPPER.readTree(
                workspace.resolve("slipway/metrics/findings.sarif.json").toFile()));
        MetricsResult text = new MetricsService().run(reportsOnly(List.of("reports/pylint.txt")), context());
        MetricsResult pylintJson = new MetricsService().run(reportsOnly(List.of("reports/pylint.json")), context());

        assertThat(pylintOwn).isGreaterThan(5);
        assertThat(sarif).containsOnly(Map.entry("pylint", pylintOwn), Map.entry("flake8", (int) flake8Own),
                Map.entry("bandit", banditOwn));
        // one finding per problem and line: 7 flake8 findings and bandit's eval are pylint's too
        assertThat(json.violations().byTool()).containsOnly(Map.entry("pylint", pylintOwn - 8),
                Map.entry("flake8", (int) flake8Own - 7), Map.entry("bandit", banditOwn - 1),
                Map.entry("flake8, pylint", 7), Map.entry("bandit, pylint", 1));
        // the parseable text and the JSON report name the same findings
        assertThat(keys(text)).isEqualTo(keys(pylintJson));
        assertThat(json.violations().items()).anySatisfy(v -> {
            assertThat(v.tool()).isEqualTo("flake8, pylint");
            assertThat(v.rule()).isEqualTo("F401 / unused-import");
            assertThat(v.priority()).isEqualTo(3);
            assertThat(v.file()).isEqualTo("shop/orders.py");
            assertThat(v.line()).isEqualTo(2);
        });
    }

    private static List<String> keys(MetricsResult r) {
        return r.violations().items().stream().map(v -> v.tool() + ":" + v.file() + ":" + v.line() + ":" + v.rule()
                + ":" + v.priority()).sorted().toList();
    }

    private void shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).directory(workspace.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    }

    private void fixture(String name, String to) throws Exception {
        String text = new String(getClass().getResourceAsStream(DATA + name).readAllBytes(), StandardCharsets.UTF_8);
        Files.createDirectories(workspace.resolve(to).getParent());
        Files.writeString(workspace.resolve(to), text.replace("${WS}", workspace.toString()));
    }

    @Test
    void shouldReadRuffAndEslintJsonWithAbsolutePathsAndMapTheirSeverities() throws Exception {
        MetricsServiceTest.copy("python", workspace);
        fixture("ruff.json", "out/ruff.json");
        fixture("eslint.json", "out/eslint.json");

        MetricsResult result = new MetricsService().run(reportsOnly(List.of("out/*.json")), context());

        assertThat(result.violations().byTool()).containsOnly(Map.entry("ruff", 4), Map.entry("eslint", 3));
        assertThat(result.violations().items()).extracting(Violation::tool, Violation::file, Violation::line,
                Violation::rule, Violation::priority).contains(
                org.assertj.core.groups.Tuple.tuple("ruff", "shop/orders.py", 2, "F401", 3),
                org.assertj.core.groups.Tuple.tuple("ruff", "shop/orders.py", 20, "S602", 2),
                org.assertj.core.groups.Tuple.tuple("ruff", "shop/orders.py", 27, "E711", 4),
                org.assertj.core.groups.Tuple.tuple("ruff", "shop/broken.py", 1, "syntax-error", 1),
                org.assertj.core.groups.Tuple.tuple("eslint", "web/cart.js", 3, "no-unused-vars", 2),
                org.assertj.core.groups.Tuple.tuple("eslint", "web/cart.js", 5, "eqeqeq", 3),
                org.assertj.core.groups.Tuple.tuple("eslint", "web/broken.js", 2, "parse-error", 1));
    }

    @Test
    void shouldRejectAReportItCannotReadNamingTheFileAndTheFormats() throws Exception {
        Files.writeString(workspace.resolve("odd.json"), "{\"hello\": 1}");

        assertThatThrownBy(() -> new MetricsService().run(reportsOnly(List.of("odd.json")), context()))
                .isInstanceOf(MetricsException.class).hasMessageContaining("odd.json")
                .hasMessageContaining("SARIF 2.1.0")
                .satisfies(e -> assertThat(((SlipwayException) e).kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT));
    }
}
