package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.request.browser.BrowserRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowserRequestTest {

    private static BrowserRequest read(String json) throws SlipwayException {
        try {
            return Json.read(Json.MAPPER.readTree(json), BrowserRequest.class, "browser");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldFillDefaults() throws Exception {
        BrowserRequest request = read("{\"appCommand\": \"./run {port}\", \"scenarios\": [\"ui.json\"]}");

        assertThat(request.browser()).isEqualTo("htmlunit");
        assertThat(request.readyPath()).isEqualTo("/");
        assertThat(request.readyCheck()).isEqualTo("http");
        assertThat(request.readyTimeoutSeconds()).isEqualTo(60);
        assertThat(request.stepTimeoutSeconds()).isEqualTo(10);
        assertThat(request.appPort()).isZero();
        assertThat(request.outputDir()).isEqualTo("slipway-browser");
    }

    @Test
    void shouldRejectBothOrNeitherApp() {
        assertThatThrownBy(() -> read("{\"scenarios\": [\"ui.json\"]}"))
                .hasMessageContaining("Give exactly one of appCommand");
        assertThatThrownBy(() -> read("{\"appCommand\": \"x\", \"appUrl\": \"http://h\", \"scenarios\": [\"a\"]}"))
                .hasMessageContaining("not both");
    }

    @Test
    void shouldNameTheWrongParameter() {
        assertThatThrownBy(() -> read("{\"appUrl\": \"ftp://h\", \"scenarios\": [\"a\"]}")).hasMessageContaining("appUrl");
        assertThatThrownBy(() -> read("{\"appUrl\": \"http://h\", \"scenarios\": [\"a\"], \"browser\": \"firefox\"}"))
                .hasMessageContaining("browser must be 'htmlunit' or 'chrome'");
        assertThatThrownBy(() -> read("{\"appUrl\": \"http://h\", \"suiteCommand\": \"pytest\"}"))
                .hasMessageContaining("junitXml is required");
        assertThatThrownBy(() -> read("{\"appUrl\": \"http://h\"}")).hasMessageContaining("Nothing to run");
        assertThatThrownBy(() -> read("{\"appUrl\": \"http://h\", \"scenarios\": [\"a\"], \"brwoser\": \"chrome\"}"))
                .hasMessageContaining("unknown parameter 'brwoser'");
    }

    @Test
    void shouldValidateScenarioSteps() {
        assertThatThrownBy(() -> new Scenario.Step("/", null, null, "id=b", null, null, null, null, null, null, null,
                null, null, null, null)).hasMessageContaining("exactly one action").hasMessageContaining("[open, click]");
        assertThatThrownBy(() -> new Scenario.Step(null, "text", null, null, null, null, null, null, null, null, null,
                null, null, null, null)).hasMessageContaining("needs \"into\"");
        assertThat(Locator.parse("link=Sign in")).isEqualTo(new Locator(Locator.Kind.LINK, "Sign in"));
        assertThat(Locator.parse("#main > p")).isEqualTo(new Locator(Locator.Kind.CSS, "#main > p"));
        assertThat(List.of(Locator.parse("name=q").toString(), Locator.parse("xpath=//a").toString()))
                .containsExactly("name=q", "xpath=//a");
    }
}
