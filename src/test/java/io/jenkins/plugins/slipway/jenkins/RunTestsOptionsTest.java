package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.tests.TestsRequest;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

class RunTestsOptionsTest {

    private static RunTestsOptions options(Object stepOrBuilder) throws Exception {
        Field f = stepOrBuilder.getClass().getDeclaredField("options");
        f.setAccessible(true);
        return (RunTestsOptions) f.get(stepOrBuilder);
    }

    @Test
    void shouldBuildARequestTheRealEngineAccepts() throws Exception {
        RunTestsStep step = new RunTestsStep();
        step.setEnv("CI=true\n\n  MAVEN_OPTS=-Xmx1g -Dx=y \n");
        step.setWorkdir(" app ");
        step.setReports("**/surefire-reports/TEST-*.xml,\n**/failsafe-reports/TEST-*.xml");
        step.setMinLineCoverage(80.0);
        step.setMaxFlaky(2);
        step.setHtml("");
        Map<String, Object> request = options(step).request();
        request.put("commandExitCode", 1);
        request.put("startedAtEpochMillis", 1_700_000_000_000L);

        TestsRequest parsed = Json.read(Json.MAPPER.valueToTree(request), TestsRequest.class, "runTests");

        assertThat(parsed.env()).containsEntry("CI", "true").containsEntry("MAVEN_OPTS", "-Xmx1g -Dx=y");
        assertThat(parsed.workdir()).isEqualTo("app");
        assertThat(parsed.reports()).containsExactly("**/surefire-reports/TEST-*.xml", "**/failsafe-reports/TEST-*.xml");
        assertThat(parsed.minLineCoverage()).isEqualTo(80.0);
        assertThat(parsed.minBranchCoverage()).isNull();
        assertThat(parsed.maxFlaky()).isEqualTo(2);
        assertThat(parsed.html()).isEmpty();
        assertThat(parsed.analysisOnly()).isTrue();
    }

    @Test
    void shouldKeepTheEngineDefaultsWhenNothingIsSet() throws Exception {
        Map<String, Object> request = options(new RunTestsBuilder()).request();
        request.put("commandExitCode", 0);

        TestsRequest parsed = Json.read(Json.MAPPER.valueToTree(request), TestsRequest.class, "runTests");
        TestsRequest defaults = new TestsRequest(null, 0, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        assertThat(parsed).isEqualTo(defaults);
        assertThat(new RunTestsStep().isPublishJUnit()).isTrue();
        assertThat(new RunTestsStep().isStopOnFailure()).isFalse();
    }

    @Test
    void shouldValidateFormValues() {
        assertThat(RunTestsOptions.envProblem("A=1\nB")).isEqualTo("Not of the form NAME=VALUE: B");
        assertThat(RunTestsOptions.envProblem("A=1\n")).isNull();
        assertThat(RunTestsOptions.list(" , ")).isNull();
    }

    @Test
    void shouldHaveAHelpFileAndAFormFieldForEveryParameterOfStepAndBuilder() throws Exception {
        for (Class<?> type : List.of(RunTestsStep.class, RunTestsBuilder.class)) {
            String jelly = resource(type, "config.jelly");
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class)) {
                    String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                    assertThat(resource(type, "help-" + field + ".html")).as(type.getSimpleName() + " " + field)
                            .startsWith("<div>");
                    assertThat(jelly).contains("field=\"" + field + "\"");
                }
            }
        }
    }

    private static String resource(Class<?> type, String name) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/" + name)) {
            assertThat(in).as(type.getSimpleName() + "/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
