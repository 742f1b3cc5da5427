package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.browser.FormApp;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserCommandTest {

    @TempDir
    Path work;

    private static String formApp() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(FormApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        return "'" + java + "' -cp '" + classes + "' " + FormApp.class.getName() + " {port}";
    }

    @Test
    void shouldRunAScenarioFromTheCommandLine() throws Exception {
        Files.writeString(work.resolve("ui.json"), """
                {"scenarios": [{"name": "form", "steps": [
                  {"open": "/"}, {"type": "cli", "into": "id=myquery"}, {"click": "id=mybutton"},
                  {"waitForText": "post returned: cli"}]}]}
                """);

        int exit = SlipwayCli.execute("browser", "-C", work.toString(), "--app-command", formApp(),
                "--scenario", "ui.json", "--ready-timeout", "30", "--json", work.resolve("result.json").toString());

        assertThat(exit).isZero();
        JsonNode result = Json.MAPPER.readTree(work.resolve("result.json").toFile());
        assertThat(result.path("outcome").asText()).isEqualTo("PASSED");
        assertThat(result.path("result").path("junitXml").asText()).isEqualTo("slipway-browser/TEST-slipway-browser.xml");
        assertThat(work.resolve("slipway-browser/TEST-slipway-browser.xml")).exists();
    }

    @Test
    void shouldExitWithTwoOnBadInputAndThreeOnAMissingBrowser() throws Exception {
        Files.writeString(work.resolve("ui.json"), "{\"scenarios\": [{\"name\": \"x\", \"steps\": [{\"open\": \"/\"}]}]}");

        assertThat(SlipwayCli.execute("browser", "-C", work.toString(), "--app-url", "http://127.0.0.1:9",
                "--scenario", "ui.json", "--browser", "netscape")).isEqualTo(2);
        assertThat(SlipwayCli.execute("browser", "-C", work.toString(), "--app-url", "http://127.0.0.1:9",
                "--scenario", "ui.json", "--browser", "chrome", "--chromedriver", "missing/chromedriver")).isEqualTo(3);
    }
}
