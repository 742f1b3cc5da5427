package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.GateSeverity;
import io.jenkins.plugins.slipway.request.metrics.MetricsGates;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.AnalyserRun;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pylint, flake8 and bandit (Debian's packages) on a small Python project with known problems. */
class PythonAnalysersTest {
    private static final List<String> TOOLS = List.of("pylint", "flake8", "bandit");

    @TempDir
    Path workspace;

    @BeforeEach
    void needsTheTools() {
        for (String tool : TOOLS) {
            assumeTrue(onPath(tool), "needs " + tool + " on the PATH (apt-get install pylint flake8 python3-bandit)");
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private TaskContext context() {
        return new TaskContext(Log.silent(), Secrets.none(), workspace);
    }

    private static MetricsRequest request(List<String> analysers, String baseline, MetricsGates gates,
            List<String> reports) {
        return new MetricsRequest(null, null, null, null, null, null, null, null, baseline, null, null, gates, null,
                analysers, reports, null);
    }

    /** Runs a tool the way a user would, in the workspace, and returns its standard output. */
    private String own(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workspace.getParent(), "own", ".out");
        Process p = new ProcessBuilder(command).directory(workspace.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void shouldReportWhatPylintFlake8AndBanditThemselvesReportWithTheProjectsConfiguration() throws Exception {
        MetricsServiceTest.copy("python", workspace);

        MetricsResult result = new MetricsService().run(request(null, null, null, null), context());

        JsonNode pylint = Json.MAPPER.readTree(own("pylint", "--output-format=json", "--persistent=n", "shop"));
        String flake8 = own("flake8", "shop");
        JsonNode bandit = Json.MAPPER.readTree(own("bandit", "-r", "-f", "json", "-q", "shop"));
        // the SARIF report keeps each tool's own findings: as many as each tool's own run, rule by rule, line by line
        JsonNode sarif = Json.MAPPER.readTree(workspace.resolve("slipway/metrics/findings.sarif.json").toFile());
        Map<String, Set<String>> perTool = sarifKeys(sarif);
        Map<String, Integer> perToolCount = sarifCounts(sarif);
        assertThat(pylint.size()).isGreaterThan(5);
        assertThat(perToolCount.get("pylint")).isEqualTo(pylint.size());
        assertThat(perToolCount.get("flake8")).isEqualTo((int) flake8.lines().filter(l -> !l.isBlank()).count())
                .isGreaterThan(5);
        assertThat(perToolCount.get("bandit")).isEqualTo(bandit.path("results").size()).isGreaterThan(3);
        Set<String> ownPylint = new HashSet<>();
        pylint.forEach(m -> ownPylint.add(m.path("path").asText() + ":" + m.path("line").asInt() + ":"
                + m.path("symbol").asText()));
        assertThat(perTool.get("pylint")).isEqualTo(ownPylint);
        Set<String> ownBandit = new HashSet<>();
        bandit.path("results").forEach(m -> ownBandit.add(m.path("filename").asText() + ":"
                + m.path("line_number").asInt() + ":" + m.path("test_id").asText()));
        assertThat(perTool.get("bandit")).isEqualTo(ownBandit);
        // the counts hold each problem once: the findings of several tools on one line naming it are merged
        assertThat(result.violations().total()).isEqualTo(result.violations().byTool().values().stream()
                .mapToInt(Integer::intValue).sum()).isLessThan(perToolCount.values().stream().mapToInt(Integer::intValue).sum());

        // the project's configuration is honoured: .pylintrc disables the docstring checks, setup.cfg allows 100
        // columns, and both tools' own runs agree
        assertThat(keys(result, "pylint")).noneMatch(k -> k.endsWith("missing-function-docstring"))
                .anyMatch(k -> k.endsWith("dangerous-default-value"));
        assertThat(result.violations().items()).noneMatch(v -> v.rule().equals("E501"));
        assertThat(result.violations().items()).anySatisfy(v -> {
            assertThat(v.tool()).isEqualTo("bandit");
            assertThat(v.rule()).isEqualTo("B602");
            assertThat(v.priority()).isEqualTo(1);
            assertThat(v.file()).isEqualTo("shop/orders.py");
        });
        assertThat(result.analysers()).extracting(AnalyserRun::name, AnalyserRun::status)
                .contains(org.assertj.core.groups.Tuple.tuple("pylint", "RAN"),
                        org.assertj.core.groups.Tuple.tuple("flake8", "RAN"),
                        org.assertj.core.groups.Tuple.tuple("bandit", "RAN"),
                        org.assertj.core.groups.Tuple.tuple("pmd", "RAN"));
        assertThat(result.reports()).containsKeys("pylint", "flake8", "bandit", "sarif");

        Path out = workspace.resolve("slipway/metrics");
        String html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("Findings per tool", "bandit", "B602", "dangerous-default-value", "shop/orders.py");
        assertSarifShape(Json.MAPPER.readTree(out.resolve("findings.sarif.json").toFile()), result);
    }

    @Test
    void shouldCountAProblemSeveralToolsFoundOnOneLineOnceWithOnePriority() throws Exception {
        MetricsServiceTest.copy("python", workspace);

        MetricsResult result = new MetricsService().run(request(null, null, null, null), context());

        // flake8 F401 and pylint unused-import on each of orders.py's two unused imports: one finding each
        List<Violation> imports = result.violations().items().stream()
                .filter(v -> v.file().equals("shop/orders.py") && (v.line() == 2 || v.line() == 3)).toList();
        assertThat(imports).hasSize(2).allSatisfy(v -> {
            assertThat(v.tool()).isEqualTo("flake8, pylint");
            assertThat(v.rule()).isEqualTo("F401 / unused-import");
            assertThat(v.priority()).as("the table's one priority for unused-import").isEqualTo(3);
        });
        assertThat(imports).extracting(Violation::fingerprint).doesNotHaveDuplicates();
        // eval: bandit B307 and pylint eval-used; a semicolon line: E703 + unnecessary-semicolon, W291 + trailing-whitespace
        assertThat(result.violations().items()).filteredOn(v -> v.file().equals("shop/report.py") && v.line() == 18)
                .extracting(Violation::tool, Violation::rule, Violation::priority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bandit, pylint", "B307 / eval-used", 2));
        assertThat(result.violations().items()).filteredOn(v -> v.file().equals("shop/report.py") && v.line() == 13)
                .extracting(Violation::tool, Violation::rule)
                .contains(org.assertj.core.groups.Tuple.tuple("flake8, pylint", "E703 / unnecessary-semicolon"),
                        org.assertj.core.groups.Tuple.tuple("flake8, pylint", "W291 / trailing-whitespace"),
                        org.assertj.core.groups.Tuple.tuple("pylint", "consider-using-generator"));
        // no line holds two findings of one problem from different tools any more
        Map<String, Long> perProblemLine = result.violations().items().stream()
                .filter(v -> SameProblem.identity(v.tool(), v.rule()).startsWith("problem"))
                .collect(Collectors.groupingBy(v -> SameProblem.identity(v.tool(), v.rule()) + v.file() + ":"
                        + v.line(), Collectors.counting()));
        assertThat(perProblemLine.values()).allMatch(n -> n == 1);

        // the SARIF report still has the raw finding of each tool, with the same priority
        JsonNode sarif = Json.MAPPER.readTree(workspace.resolve("slipway/metrics/findings.sarif.json").toFile());
        assertThat(sarifKeys(sarif).get("flake8")).contains("shop/orders.py:2:F401", "shop/orders.py:3:F401");
        assertThat(sarifKeys(sarif).get("pylint")).contains("shop/orders.py:2:unused-import");
        int raw = sarifCounts(sarif).values().stream().mapToInt(Integer::intValue).sum();
        assertThat(result.violations().total()).as("8 findings named twice: 2 imports, eval, semicolon, whitespace, "
                + "bare except, == None, unused variable").isEqualTo(raw - 8);

        // only pylint: the same problem keeps the table's priority, and the same fingerprint
        MetricsResult pylintOnly = new MetricsService().run(request(List.of("pylint"), null, null, null), context());
        Violation alone = pylintOnly.violations().items().stream()
                .filter(v -> v.file().equals("shop/orders.py") && v.line() == 2).findFirst().orElseThrow();
        assertThat(alone.tool()).isEqualTo("pylint");
        assertThat(alone.priority()).isEqualTo(3);
        assertThat(alone.fingerprint()).isEqualTo(imports.get(0).fingerprint());
    }

    @Test
    void shouldKeepPylintsWholeProgramChecksAsPylintReportsThemForThePackage() throws Exception {
        // a real package: orders imports billing.invoices, which imports orders, and both repeat the same six lines;
        // pylint names the module it lints last, which its own walk of the package decides
        MetricsServiceTest.copy("python-cycle", workspace);

        MetricsResult result = new MetricsService().run(request(List.of("pylint"), null, null, null), context());

        JsonNode own = Json.MAPPER.readTree(own("pylint", "--output-format=json", "--persistent=n", "shop"));
        Set<String> ownKeys = new HashSet<>();
        own.forEach(m -> ownKeys.add(m.path("path").asText() + ":" + m.path("line").asInt() + ":"
                + m.path("symbol").asText()));
        assertThat(ownKeys).anyMatch(k -> k.endsWith(":cyclic-import")).anyMatch(k -> k.endsWith(":duplicate-code"));
        assertThat(keys(result, "pylint")).isEqualTo(ownKeys);
        assertThat(result.violations().items()).filteredOn(v -> v.rule().equals("cyclic-import")).singleElement()
                .satisfies(v -> {
                    assertThat(v.message()).contains("shop.billing.invoices -> shop.orders");
                    assertThat(v.file()).as("where pylint's own run puts it").isEqualTo("shop/billing/invoices.py");
                });
    }

    private static Map<String, Set<String>> sarifKeys(JsonNode sarif) {
        Map<String, Set<String>> keys = new java.util.TreeMap<>();
        for (JsonNode run : sarif.path("runs")) {
            Set<String> set = keys.computeIfAbsent(run.path("tool").path("driver").path("name").asText(),
                    t -> new HashSet<>());
            for (JsonNode r : run.path("results")) {
                JsonNode loc = r.path("locations").get(0).path("physicalLocation");
                set.add(loc.path("artifactLocation").path("uri").asText() + ":"
                        + loc.path("region").path("startLine").asInt() + ":" + r.path("ruleId").asText());
            }
        }
        return keys;
    }

    static Map<String, Integer> sarifCounts(JsonNode sarif) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (JsonNode run : sarif.path("runs")) {
            counts.merge(run.path("tool").path("driver").path("name").asText(), run.path("results").size(),
                    Integer::sum);
        }
        return counts;
    }

    private static Set<String> keys(MetricsResult result, String tool) {
        return result.violations().items().stream().filter(v -> v.tool().equals(tool))
                .map(v -> v.file() + ":" + v.line() + ":" + v.rule()).collect(Collectors.toSet());
    }

    /** The parts of the SARIF 2.1.0 schema a consumer needs: version, one run per tool, rules, results, locations. */
    static void assertSarifShape(JsonNode sarif, MetricsResult result) {
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).contains("sarif-2.1.0");
        List<String> tools = new ArrayList<>();
        int results = 0;
        for (JsonNode run : sarif.path("runs")) {
            JsonNode driver = run.path("tool").path("driver");
            tools.add(driver.path("name").asText());
            Set<String> ruleIds = new HashSet<>();
            driver.path("rules").forEach(r -> ruleIds.add(r.path("id").asText()));
            for (JsonNode r : run.path("results")) {
                results++;
                assertThat(ruleIds).contains(r.path("ruleId").asText());
                assertThat(driver.path("rules").get(r.path("ruleIndex").asInt()).path("id").asText())
                        .isEqualTo(r.path("ruleId").asText());
                assertThat(r.path("level").asText()).isIn("error", "warning", "note");
                assertThat(r.path("message").path("text").asText()).isNotBlank();
                JsonNode loc = r.path("locations").get(0).path("physicalLocation");
                assertThat(loc.path("artifactLocation").path("uri").asText()).isNotBlank();
                assertThat(loc.path("region").path("startLine").asInt()).isPositive();
                assertThat(r.path("partialFingerprints").path("slipway/v1").asText()).hasSize(24);
            }
        }
        assertThat(tools).doesNotHaveDuplicates().containsAll(result.violations().byTool().keySet().stream()
                .flatMap(t -> java.util.Arrays.stream(t.split(", "))).collect(Collectors.toSet()));
        // merged findings count once in the result; the SARIF report has each tool's own
        assertThat(results).isGreaterThanOrEqualTo(result.violations().total());
    }

    @Test
    void shouldTripTheGatesOnPythonFindingsAndFlagOnlyReallyNewOnesAgainstTheBaseline() throws Exception {
        MetricsServiceTest.copy("python", workspace);
        MetricsGates gates = new MetricsGates(Map.of("1", 0), null, null, 5.0, true, null,
                Map.of("violations", GateSeverity.FAILED));
        MetricsResult first = new MetricsService().run(request(null, null, gates, null), context());
        assertThat(first.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(first.gates()).filteredOn(g -> !g.passed()).extracting(MetricsResult.GateResult::gate)
                .contains("violations", "density");
        Path baseline = workspace.resolve("baseline.json");
        Files.copy(workspace.resolve("slipway/metrics/metrics.json"), baseline);

        // every line moves down: the same findings, on other lines, are not new
        Path orders = workspace.resolve("shop/orders.py");
        String text = Files.readString(orders);
        Files.writeString(orders, text.replaceFirst("import os\n", "import os\n\n\n# moved\n"));
        MetricsResult moved = new MetricsService().run(request(null, "baseline.json", gates, null), context());
        assertThat(moved.violations().highPriorityFingerprints()).isEqualTo(first.violations()
                .highPriorityFingerprints());
        assertThat(lineOf(moved, "B602")).isEqualTo(lineOf(first, "B602") + 3);
        assertThat(moved.gates()).filteredOn(g -> g.gate().equals("newHighPriority")).singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue());

        // a new high-priority finding, with one fixed elsewhere: the count stays, the gate still trips
        Files.writeString(orders, Files.readString(orders)
                .replace("subprocess.call(\"tar czf /tmp/\" + name + \".tgz orders\", shell=True)",
                        "subprocess.call([\"tar\", \"czf\", \"/tmp/x.tgz\", name])")
                + "\n\ndef purge(name):\n    subprocess.call(\"rm -rf \" + name, shell=True)\n");
        MetricsResult added = new MetricsService().run(request(null, "baseline.json", gates, null), context());
        assertThat(added.gates()).filteredOn(g -> g.gate().equals("newHighPriority")).singleElement()
                .satisfies(g -> {
                    assertThat(g.passed()).isFalse();
                    assertThat(g.actual()).isEqualTo(1.0);
                    assertThat(g.message()).contains("fingerprint");
                });
    }

    private static int lineOf(MetricsResult result, String rule) {
        return result.violations().items().stream().filter(v -> v.rule().equals(rule)).mapToInt(Violation::line)
                .findFirst().orElseThrow();
    }

    @Test
    void shouldRunOnlyTheChosenAnalysersAndRejectUnknownOnes() throws Exception {
        MetricsServiceTest.copy("python", workspace);

        MetricsResult result = new MetricsService().run(request(List.of("flake8"), null, null, null), context());

        assertThat(result.violations().byTool()).containsOnlyKeys("flake8");
        assertThat(result.analysers()).filteredOn(a -> a.status().equals("SKIPPED")).extracting(AnalyserRun::name)
                .containsExactlyInAnyOrder("pmd", "pylint", "bandit");
        assertThatThrownBy(() -> request(List.of("pylint", "sonar"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sonar'")
                .hasMessageContaining("pmd, pylint, flake8, bandit");
    }

    @Test
    void shouldSayWhichAnalysersAreMissingAndHowToInstallThemAndStopWhenAChosenOneIsMissing() throws Exception {
        MetricsServiceTest.copy("python", workspace);
        Path empty = Files.createDirectories(workspace.resolve("../no-tools"));
        List<String> warnings = new ArrayList<>();
        Log log = new Log() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                warnings.add(line);
            }

            @Override
            public void error(String line) {
                warnings.add(line);
            }

            @Override
            public void debug(String line) {
            }
        };

        // a machine without the Python analysers: PMD and CPD still run, the result says what is missing
        MetricsResult result = new MetricsService(empty.toString()).run(request(null, null, null, null),
                new TaskContext(log, Secrets.none(), workspace));

        assertThat(result.analysers()).filteredOn(a -> a.status().equals("MISSING"))
                .extracting(AnalyserRun::name, AnalyserRun::detail).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pylint", "install with apt-get install pylint "
                                + "(Debian/Ubuntu) or pip install pylint"),
                        org.assertj.core.groups.Tuple.tuple("flake8", "install with apt-get install flake8 "
                                + "(Debian/Ubuntu) or pip install flake8"),
                        org.assertj.core.groups.Tuple.tuple("bandit", "install with apt-get install python3-bandit "
                                + "(Debian/Ubuntu) or pip install bandit"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("bandit is not installed", "python3-bandit"));
        assertThat(result.violations().byTool()).doesNotContainKeys("pylint", "flake8", "bandit");
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);

        // one the request names must be there
        assertThatThrownBy(() -> new MetricsService(empty.toString()).run(request(List.of("pmd", "pylint"), null, null,
                null), context())).isInstanceOf(MetricsException.class)
                .hasMessageContaining("pylint is not installed").hasMessageContaining("apt-get install pylint")
                .satisfies(e -> assertThat(((io.jenkins.plugins.slipway.engine.core.SlipwayException) e).kind())
                        .isEqualTo(io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind.ENVIRONMENT));
    }
}
