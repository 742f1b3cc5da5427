package io.jenkins.plugins.slipway.jenkins.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.slipway.jenkins.EngineBinding;
import io.jenkins.plugins.slipway.request.Capability;
import io.jenkins.plugins.slipway.request.browser.BrowserRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserTestStepTest {

    /** The step's request as the engine binds it (plain data by the record's components, the bridge's JSON). */
    private static BrowserRequest engine(BrowserRequest request) throws Exception {
        return EngineBinding.bind(Capability.BROWSER.task(), request, BrowserRequest.class);
    }

    @Test
    void shouldTurnTheStepIntoTheEngineRequest() throws Exception {
        BrowserTestStep step = new BrowserTestStep();
        step.setAppCommand("python3 serve.py {port}");
        step.setAppEnv("MODE=test\n\n  GREETING=a=b ");
        step.setScenarios("ui/form.json, ui/login.json\nui/search.json");
        step.setReadyPath("/health");
        step.setReadyStatus(200);
        step.setBrowser("chrome");

        BrowserRequest request = engine(step.request());

        assertThat(request).isEqualTo(new BrowserRequest("python3 serve.py {port}", null, null,
                Map.of("MODE", "test", "GREETING", "a=b"), null, "/health", 200, null, null,
                List.of("ui/form.json", "ui/login.json", "ui/search.json"), null, null, null, "chrome", null, null,
                null, null, null));
        assertThat(request.readyTimeoutSeconds()).as("an unset field is the record's default").isEqualTo(60);
    }

    @Test
    void shouldHandTheEngineTheAppCommandWhoeverIsNamedToStartIt() throws Exception {
        BrowserTestStep step = new BrowserTestStep();
        step.setAppCommand("python3 serve.py --port {port} --name 'it''s'");
        step.setAppDir("web app");
        step.setAppEnv("MODE=test");
        step.setScenarios("ui/form.json");
        step.setReadyPath("/health");

        for (String by : new String[] {null, "launcher", "engine"}) {
            step.setAppStartedBy(by);
            step.checkAppStartedBy();
            assertThat(engine(step.request())).as("appStartedBy %s", by).isEqualTo(new BrowserRequest(
                    "python3 serve.py --port {port} --name 'it''s'", null, "web app", Map.of("MODE", "test"), null,
                    "/health", null, null, null, List.of("ui/form.json"), null, null, null, null, null, null, null,
                    null, null));
        }
        step.setAppStartedBy("docker");
        assertThatThrownBy(step::checkAppStartedBy).isInstanceOf(AbortException.class)
                .hasMessageContaining("'engine' (the default) or 'launcher', not 'docker'");
    }

    @Test
    void shouldRefuseAStepWithoutAppOrWithoutTests() {
        BrowserTestStep step = new BrowserTestStep();
        step.setScenarios("ui.json");
        assertThatThrownBy(() -> step.request()).isInstanceOf(AbortException.class)
                .hasMessageContaining("exactly one of appCommand");
        step.setAppUrl("http://staging:8080");
        step.setScenarios(" ");
        assertThatThrownBy(() -> step.request()).isInstanceOf(AbortException.class)
                .hasMessageContaining("browserTest: Nothing to run");
        step.setScenarios("ui.json");
        step.setReadyTimeoutSeconds(-5);
        assertThatThrownBy(() -> step.request()).as("a negative number is the record's to name")
                .hasMessageContaining("browserTest: readyTimeoutSeconds must be a positive number of seconds, was -5");
        step.setReadyTimeoutSeconds(0);
        step.setScenarios(" ");
        step.setSuiteCommand("pytest ui");
        step.setJunitXml("reports/*.xml");
        step.setAppEnv("NOEQUALS");
        assertThatThrownBy(() -> step.request()).hasMessageContaining("browserTest: appEnv takes KEY=VALUE").hasMessageContaining("'NOEQUALS'");
    }

    @Test
    void shouldListCasesAndFilesInTheAction() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outcome", "UNSTABLE");
        result.put("summary", "2 browser tests in htmlunit: 1 passed, 1 failed");
        result.put("browser", "htmlunit");
        result.put("appUrl", "http://127.0.0.1:40123");
        result.put("tests", 2);
        result.put("failures", 1);
        result.put("cases", List.of(
                Map.of("suite", "form", "name", "post", "status", "PASSED", "artifacts", List.of()),
                Map.of("suite", "form", "name", "wrong", "status", "FAILED", "message", "failed at step 3",
                        "artifacts", List.of("wrong-step3-asserttext.html", "wrong-step3-asserttext.url.txt"))));
        result.put("junitXml", "slipway-browser/TEST-slipway-browser.xml");
        result.put("appLog", "slipway-browser/app.log");
        result.put("outputDir", "slipway-browser");
        result.put("artifacts", List.of("slipway-browser/wrong-step3-asserttext.html"));

        BrowserTestAction action = BrowserTestAction.of(io.jenkins.plugins.slipway.bridge.PlainData.toRecord(result,
                io.jenkins.plugins.slipway.request.browser.BrowserReply.class, "the result"), 2);

        assertThat(action.getUrlName()).isEqualTo("browserTest-2");
        assertThat(action.getDisplayName()).isEqualTo("Browser tests (2)");
        assertThat(action.getCases()).extracting(BrowserTestAction.CaseRow::getStatus).containsExactly("PASSED", "FAILED");
        assertThat(action.getCases().get(1).getArtifacts()).isEqualTo("wrong-step3-asserttext.html, wrong-step3-asserttext.url.txt");
        assertThat(action.getArtifacts()).containsExactly("slipway-browser/TEST-slipway-browser.xml",
                "slipway-browser/app.log", "slipway-browser/wrong-step3-asserttext.html");
    }

    @Test
    void shouldGiveALaterCallItsOwnOutputFolderUnlessOneIsGiven() throws Exception {
        BrowserTestStep step = new BrowserTestStep();
        step.setAppUrl("http://127.0.0.1:8080/");
        step.setScenarios("ui/form.json");
        BrowserRequest first = engine(step.request(1));
        assertThat(first.outputDir()).as("the first call keeps the engine's default").isEqualTo(BrowserTestStep.OUTPUT_DIR);
        assertThat(engine(step.request(2)).outputDir()).isEqualTo("slipway-browser-2");
        step.setOutputDir("ui-out");
        assertThat(engine(step.request(2)).outputDir()).isEqualTo("ui-out");
    }
}
