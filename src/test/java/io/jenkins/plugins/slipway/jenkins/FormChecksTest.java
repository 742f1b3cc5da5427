package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.request.browser.BrowserRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.tests.TestsRequest;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import io.jenkins.plugins.slipway.jenkins.browser.BrowserTestStep;
import io.jenkins.plugins.slipway.jenkins.deploy.SshDeployStep;
import io.jenkins.plugins.slipway.jenkins.ec2.Ec2LaunchStep;
import io.jenkins.plugins.slipway.jenkins.ec2.Ec2TerminateStep;
import io.jenkins.plugins.slipway.jenkins.metrics.CodeMetricsStep;
import io.jenkins.plugins.slipway.jenkins.pipeline.SlipwayVersionStep;
import io.jenkins.plugins.slipway.jenkins.tests.RunTestsStep;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every form check of every step says OK exactly for the values its engine record accepts: each row is given to the
 * problem the descriptor's {@code doCheckX} shows and to the step's request bound into the engine's record as the
 * engine binds it ({@link EngineBinding}). A new {@code doCheckX} without rows here fails
 * {@link #shouldCoverEveryFormCheckOfEveryStep}.
 */
class FormChecksTest {
    static final List<Class<?>> STEPS = List.of(RunTestsStep.class, CodeMetricsStep.class, BrowserTestStep.class,
            Ec2LaunchStep.class, Ec2TerminateStep.class, SshDeployStep.class, SlipwayVersionStep.class);

    /** One value of one form field and whether the engine's record takes it. */
    record Row(String step, String field, String value, boolean accepted) {
        @Override
        public String toString() {
            return step + "." + field + " = '" + value + "' " + (accepted ? "accepted" : "refused");
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                rows("sshDeploy", "batch", List.of("", "1", " 2 ", "25%", "100%", "9999"),
                        List.of("0", "0%", "150%", "101%", "all", "1.5", "-1", "10000")),
                rows("sshDeploy", "hostList", List.of("", "web1", "deploy@web1:2222\nops@[::1]:22", "web1, web2:65535"),
                        List.of("bad host", "web1:0", "web1:70000", "web1:ssh", "user@")),
                rows("browserTest", "browser", List.of("", "htmlunit", "chrome", "Chrome", "chromium"),
                        List.of("firefox", "html unit")),
                // appCommand's check takes appUrl too: 'command|url'
                rows("browserTest", "appCommand", List.of("npm start|", "|http://127.0.0.1:8080/"),
                        List.of("npm start|http://127.0.0.1:8080/", "|")),
                rows("runTests", "minLineCoverage", List.of("", "0", "80", "99.5", "100"),
                        List.of("-1", "100.1", "NaN", "eighty", "Infinity")),
                rows("runTests", "minBranchCoverage", List.of("", "0", "55.5", "100"), List.of("-0.5", "101", "x")),
                rows("runTests", "env", List.of("", "CI=true", "A=1, B=2\nC="), List.of("=1", "JAVA_HOME", "A=1\n=2", " = x")),
                rows("codeMetrics", "maxViolations", List.of("", "1=0", "1=0, total=200", "5=3\n2=1"),
                        List.of("1:0", "1=zero", "7=1", "1=-1", "total=1.5")),
                rows("codeMetrics", "gateSeverity", List.of("", "density=failed", "coverage=UNSTABLE, violations=Failed"),
                        List.of("density=passed", "speed=failed", "density", "coverage=red")),
                rows("codeMetrics", "analysers", List.of("", "none", "pmd", "PMD, pylint", "flake8,bandit"),
                        List.of("eslint", "pmd, spotbugs")),
                rows("codeMetrics", "cpdMinimumTokens", List.of("", "10", "50", "400"), List.of("9", "0", "-5", "many")),
                rows("codeMetrics", "maxDuplicatedLinesPercent", List.of("", "0", "3.5", "100"),
                        List.of("-1", "100.1", "NaN", "x")),
                rows("codeMetrics", "minLineCoverage", List.of("", "0", "80", "100"), List.of("-0.5", "101", "Infinity")),
                rows("codeMetrics", "maxCoverageDrop", List.of("", "0", "0.5", "100"), List.of("-1", "250", "half")))
                .flatMap(s -> s);
    }

    private static Stream<Row> rows(String step, String field, List<String> accepted, List<String> refused) {
        return Stream.concat(accepted.stream().map(v -> new Row(step, field, v, true)),
                refused.stream().map(v -> new Row(step, field, v, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldSayOkInTheFormExactlyWhenTheEngineRecordAcceptsTheValue(Row row) throws Exception {
        String problem = formProblem(row);
        if (row.accepted()) {
            assertThatCode(() -> record(row)).as("the engine's record takes it").doesNotThrowAnyException();
            assertThat(problem).as("the form's check").isNull();
        } else {
            assertThatThrownBy(() -> record(row)).as("the engine's record refuses it").isNotNull();
            assertThat(problem).as("the form's check").isNotBlank();
        }
    }

    @Test
    void shouldRegisterEveryStepAsACapability() throws Exception {
        Set<String> functions = new TreeSet<>();
        for (Class<?> step : STEPS) {
            functions.add(functionName(step));
        }
        assertThat(functions).isEqualTo(Arrays.stream(io.jenkins.plugins.slipway.request.Capability.values())
                .map(io.jenkins.plugins.slipway.request.Capability::step).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void shouldCoverEveryFormCheckOfEveryStep() throws Exception {
        Set<String> checks = new TreeSet<>();
        for (Class<?> step : STEPS) {
            String function = functionName(step);
            for (Class<?> nested : step.getDeclaredClasses()) {
                Arrays.stream(nested.getDeclaredMethods()).map(Method::getName).filter(n -> n.startsWith("doCheck"))
                        .map(n -> function + "." + Character.toLowerCase(n.charAt(7)) + n.substring(8))
                        .forEach(checks::add);
            }
        }
        Set<String> covered = rows().map(r -> r.step() + "." + r.field()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(checks).as("the doCheckX methods of the steps' descriptors").isNotEmpty().isEqualTo(covered);
    }

    private static String functionName(Class<?> step) throws Exception {
        var field = step.getDeclaredField("STEP");
        field.setAccessible(true);
        return (String) field.get(null);
    }

    /** What the descriptor's doCheckX shows (its FormValidation made of this problem), null for OK. */
    private static String formProblem(Row row) throws Exception {
        String v = row.value();
        return switch (row.step() + "." + row.field()) {
            case "sshDeploy.batch" -> (String) call(SshDeployStep.class, "batchProblem", v);
            case "sshDeploy.hostList" -> (String) call(SshDeployStep.class, "hostListProblem", v);
            case "browserTest.browser" -> (String) call(BrowserTestStep.class, "browserProblem", v);
            case "browserTest.appCommand" -> (String) call(BrowserTestStep.class, "appProblem", app(v)[0], app(v)[1]);
            case "runTests.minLineCoverage", "runTests.minBranchCoverage" ->
                    (String) call(Params.class, "percentProblem", row.field(), v);
            case "runTests.env" -> (String) call(RunTestsStep.class, "envProblem", v);
            case "codeMetrics.maxViolations" -> (String) call(CodeMetricsStep.class, "maxViolationsProblem", v);
            case "codeMetrics.gateSeverity" -> (String) call(CodeMetricsStep.class, "gateSeverityProblem", v);
            case "codeMetrics.analysers" -> (String) call(CodeMetricsStep.class, "analysersProblem", v);
            case "codeMetrics.cpdMinimumTokens" -> (String) call(CodeMetricsStep.class, "cpdMinimumTokensProblem", v);
            case "codeMetrics.maxDuplicatedLinesPercent", "codeMetrics.minLineCoverage", "codeMetrics.maxCoverageDrop" ->
                    (String) call(Params.class, "percentProblem", row.field(), v);
            default -> throw new AssertionError("no form check for " + row);
        };
    }

    /** The step with the value set as the form saves it, its request bound into the engine's record. */
    private static Object record(Row row) throws Exception {
        String v = row.value();
        switch (row.step()) {
            case "sshDeploy" -> {
                SshDeployStep step = new SshDeployStep("deploy-key", "/srv/app");
                step.setArtifact("app.tar.gz");
                step.setHosts(List.of("web0"));
                if (row.field().equals("batch")) {
                    step.setBatch(v);
                } else {
                    step.setHostList(v);
                }
                Record request = call(step, "request", "shop#7", Map.of("BUILD_NUMBER", "7"),
                        DeployRequest.DEFAULT_REPORT, "deploy", false);
                return EngineBinding.bind("deploy", request, DeployRequest.class);
            }
            case "browserTest" -> {
                BrowserTestStep step = new BrowserTestStep();
                step.setScenarios("scenarios/login.json");
                step.setAppCommand("npm start");
                if (row.field().equals("browser")) {
                    step.setBrowser(v);
                } else {
                    step.setAppCommand(app(v)[0]);
                    step.setAppUrl(app(v)[1]);
                }
                return EngineBinding.bind("browser", (Record) call(step, "request", 1), BrowserRequest.class);
            }
            case "runTests" -> {
                RunTestsStep step = new RunTestsStep();
                switch (row.field()) {
                    case "env" -> step.setEnv(v);
                    // Stapler turns the form's text into the setter's Double; blank is null
                    case "minLineCoverage" -> step.setMinLineCoverage(v.isBlank() ? null : Double.valueOf(v));
                    default -> step.setMinBranchCoverage(v.isBlank() ? null : Double.valueOf(v));
                }
                return EngineBinding.bind("test", (Record) call(step, "request", 1, false, null, 0), TestsRequest.class);
            }
            case "codeMetrics" -> {
                CodeMetricsStep step = new CodeMetricsStep();
                step.setCacheFile("none");
                // Stapler turns the form's text into the setter's Integer or Double; blank is null
                Double percent = v.isBlank() || !row.field().startsWith("m") || row.field().equals("maxViolations")
                        ? null : Double.valueOf(v);
                switch (row.field()) {
                    case "maxViolations" -> step.setMaxViolations(v);
                    case "gateSeverity" -> step.setGateSeverity(v);
                    case "analysers" -> step.setAnalysers(v);
                    case "cpdMinimumTokens" -> step.setCpdMinimumTokens(v.isBlank() ? null : Integer.valueOf(v));
                    case "maxDuplicatedLinesPercent" -> step.setMaxDuplicatedLinesPercent(percent);
                    case "minLineCoverage" -> step.setMinLineCoverage(percent);
                    default -> step.setMaxCoverageDrop(percent);
                }
                return EngineBinding.bind("metrics", (Record) call(step, "request", null, null, 1), MetricsRequest.class);
            }
            default -> throw new AssertionError("no record for " + row);
        }
    }

    private static String[] app(String value) {
        String[] parts = value.split("\\|", -1);
        return new String[] {parts[0].isEmpty() ? null : parts[0], parts[1].isEmpty() ? null : parts[1]};
    }

    /** Calls the package-private method {@code name} of {@code target} (a step or its class for a static one). */
    @SuppressWarnings("unchecked")
    private static <T> T call(Object target, String name, Object... args) throws Exception {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length && accepts(m, args)) {
                m.setAccessible(true);
                try {
                    return (T) m.invoke(target instanceof Class<?> ? null : target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
            }
        }
        throw new AssertionError("no method " + name + Arrays.toString(args) + " in " + type.getName().toLowerCase(Locale.ROOT));
    }

    private static boolean accepts(Method m, Object[] args) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Class<?> t = types[i].isPrimitive() ? (types[i] == int.class ? Integer.class : Boolean.class) : types[i];
            if (args[i] != null && !t.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
