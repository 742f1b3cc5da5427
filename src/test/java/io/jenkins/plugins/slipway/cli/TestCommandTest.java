package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    @TempDir
    Path ws;

    @Test
    void shouldAnalyseReportsFromTheCommandLineAndWriteTheJsonEnvelope() throws Exception {
        Files.writeString(ws.resolve("TEST-a.xml"), "<testsuite name=\"a\"><testcase name=\"ok\"/>"
                + "<testcase name=\"bad\"><failure message=\"boom\">trace line 1\ntrace line 2</failure></testcase>"
                + "</testsuite>");
        Path json = ws.resolve("out/result.json");

        int exit = SlipwayCli.execute("test", "-C", ws.toString(), "--exit-code", "1", "--reports", "**/TEST-*.xml",
                "--html", "", "--junit-xml", "slipway/tests/junit.xml", "--json", json.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode envelope = Json.MAPPER.readTree(json.toFile());
        assertThat(envelope.path("task").asText()).isEqualTo("test");
        assertThat(envelope.path("outcome").asText()).isEqualTo("UNSTABLE");
        assertThat(envelope.path("result").path("totals").path("tests").asInt()).isEqualTo(2);
        assertThat(envelope.path("result").path("failures").get(0).path("trace").get(1).asText()).isEqualTo("trace line 2");
        assertThat(ws.resolve("slipway/tests/junit.xml")).isRegularFile();
        assertThat(ws.resolve("slipway/tests/index.html")).doesNotExist();
    }

    @Test
    void shouldWriteTheNormalisedCopyOnlyWhenAskedFor() throws Exception {
        Files.writeString(ws.resolve("TEST-a.xml"), "<testsuite name=\"a\"><testcase name=\"ok\"/></testsuite>");

        assertThat(SlipwayCli.execute("test", "-C", ws.toString(), "--exit-code", "0", "--html", "")).isZero();
        assertThat(ws.resolve("slipway/tests/junit.xml")).doesNotExist();

        Files.writeString(ws.resolve("request.json"), "{\"normalisedJUnitXml\": \"out/junit.xml\"}");
        assertThat(SlipwayCli.execute("test", "-C", ws.toString(), "--exit-code", "0", "--html", "", "--request",
                ws.resolve("request.json").toString())).isZero();
        assertThat(ws.resolve("out/junit.xml")).isRegularFile();
    }

    @Test
    void shouldExitWithTwoOnABadParameter() {
        assertThat(SlipwayCli.execute("test", "-C", ws.toString(), "--min-line-coverage", "150")).isEqualTo(2);
        assertThat(SlipwayCli.execute("test", "-C", ws.toString(), "--exit-code", "0", "-c", "make test")).isEqualTo(2);
    }
}
