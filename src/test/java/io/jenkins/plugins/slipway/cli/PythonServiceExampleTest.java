package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tests and Metrics stages of {@code docs/examples/python-service.Jenkinsfile}, with the arguments written there,
 * run through {@code slipway test} and {@code slipway metrics} on the Python example app (the seed's form app):
 * pytest with JUnit XML and coverage.py, then coverage, size, CPD and pylint / flake8 / bandit.
 */
class PythonServiceExampleTest {
    private static final Path JENKINSFILE = Path.of("docs/examples/python-service.Jenkinsfile");

    @TempDir
    Path ws;

    /** Requests and results, outside the workspace. */
    @TempDir
    Path out;

    /** The named arguments of every call of {@code step} in the Jenkinsfile, as constants. */
    static Map<String, Object> arguments(String step) throws IOException {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource("python-service.Jenkinsfile", Files.readString(JENKINSFILE, StandardCharsets.UTF_8));
        unit.compile(Phases.CONVERSION);
        Map<String, Object> found = new LinkedHashMap<>();
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (step.equals(call.getMethodAsString()) && call.getArguments() instanceof TupleExpression t) {
                    for (Expression arg : t.getExpressions()) {
                        if (arg instanceof MapExpression map) {
                            for (MapEntryExpression e : map.getMapEntryExpressions()) {
                                found.put(e.getKeyExpression().getText(), ((ConstantExpression) e.getValueExpression())
                                        .getValue());
                            }
                        }
                    }
                }
                super.visitMethodCallExpression(call);
            }
        };
        for (ModuleNode module : unit.getAST().getModules()) {
            for (ClassNode type : module.getClasses()) {
                for (MethodNode method : type.getMethods()) {
                    if (method.getCode() != null) {
                        method.getCode().visit(visitor);
                    }
                }
            }
        }
        return found;
    }

    private static boolean debianPython() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import pytest, pytest_cov, tornado, pylint")
                .redirectErrorStream(true).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void shouldRunTheTestsAndMetricsStagesOfThePythonExampleOnTheExampleApp() throws Exception {
        assumeTrue(debianPython(), "needs /usr/bin/python3 with pytest, pytest-cov, tornado and pylint");
        Path example = Path.of(getClass().getResource("/io/jenkins/plugins/slipway/engine/tests/python-formapp/project")
                .toURI());
        try (Stream<Path> all = Files.walk(example)) {
            for (Path p : all.toList()) {
                Path target = ws.resolve(example.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }

        // Tests: the step's arguments as the engine request the adapter builds from them
        Map<String, Object> tests = arguments("runTests");
        assertThat(tests).containsOnlyKeys("command", "reports", "coverageReports", "minLineCoverage");
        ObjectNode testRequest = Json.MAPPER.createObjectNode();
        // Debian's python3 (with pytest-cov and pylint) first, as on an agent with the packages of .ci/run
        testRequest.set("commands", Json.MAPPER.valueToTree(List.of("PATH=/usr/bin:$PATH; " + tests.get("command"))));
        testRequest.set("reports", Json.MAPPER.valueToTree(List.of(tests.get("reports"))));
        testRequest.set("coverageReports", Json.MAPPER.valueToTree(List.of(tests.get("coverageReports"))));
        testRequest.put("minLineCoverage", ((Number) tests.get("minLineCoverage")).doubleValue());
        Files.writeString(out.resolve("tests-request.json"), Json.write(testRequest));
        int testExit = SlipwayCli.execute("test", "-C", ws.toString(), "--request",
                out.resolve("tests-request.json").toString(), "--json", out.resolve("tests.json").toString());
        JsonNode testResult = Json.MAPPER.readTree(out.resolve("tests.json").toFile()).path("result");

        // the example has one deliberately failing test: UNSTABLE, exit 1
        assertThat(testExit).isEqualTo(1);
        assertThat(testResult.path("totals").path("tests").asInt()).isEqualTo(9);
        assertThat(testResult.path("reports").path("coverageRead").get(0).asText()).isEqualTo("coverage.xml");
        assertThat(ws.resolve("htmlcov/index.html")).isRegularFile();

        // Metrics: coverage, size, CPD and the Python analysers, with the gates of the Jenkinsfile
        Map<String, Object> metrics = arguments("codeMetrics");
        assertThat(metrics).containsOnlyKeys("coverageReports", "maxViolations", "maxViolationsPer1000Lines",
                "maxDuplicatedLinesPercent", "minLineCoverage", "noNewHighPriorityViolations");
        ObjectNode metricsRequest = Json.MAPPER.createObjectNode();
        metricsRequest.set("coverageReports", Json.MAPPER.valueToTree(List.of(metrics.get("coverageReports"))));
        ObjectNode gates = metricsRequest.putObject("gates");
        String[] maxViolations = String.valueOf(metrics.get("maxViolations")).split("=");
        gates.putObject("maxViolations").put(maxViolations[0], Integer.parseInt(maxViolations[1]));
        gates.put("maxViolationsPer1000Lines", ((Number) metrics.get("maxViolationsPer1000Lines")).doubleValue());
        gates.put("maxDuplicatedLinesPercent", ((Number) metrics.get("maxDuplicatedLinesPercent")).doubleValue());
        gates.put("minLineCoverage", ((Number) metrics.get("minLineCoverage")).doubleValue());
        gates.put("noNewHighPriorityViolations", (Boolean) metrics.get("noNewHighPriorityViolations"));
        Files.writeString(out.resolve("metrics-request.json"), Json.write(metricsRequest));
        SlipwayCli.execute("metrics", "-C", ws.toString(), "--request",
                out.resolve("metrics-request.json").toString(), "--json", out.resolve("metrics.json").toString());
        JsonNode m = Json.MAPPER.readTree(out.resolve("metrics.json").toFile()).path("result");

        assertThat(m.path("coverage").path("linePercent").asDouble()).isGreaterThan(50);
        assertThat(m.path("size").path("languages").get(0).path("language").asText()).isEqualTo("Python");
        assertThat(m.path("size").path("largestFiles").toString()).doesNotContain("coverage.xml", "result.xml",
                "htmlcov");
        assertThat(m.path("duplication").path("analysedLines").asInt()).isPositive();
        assertThat(m.path("violations").path("byTool").path("pylint").asInt()).isPositive();
        assertThat(m.path("analysers").toString()).contains("\"pylint\"", "\"RAN\"");
        assertThat(m.path("gates").size()).isEqualTo(4);
        assertThat(ws.resolve("slipway/metrics/findings.sarif.json")).isRegularFile();
        assertThat(Files.readString(ws.resolve("slipway/metrics/index.html"))).contains("pylint",
                "Per file, worst first", "formapp/app.py");
    }
}
