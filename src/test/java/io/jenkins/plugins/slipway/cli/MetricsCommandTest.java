package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
    @TempDir
    Path ws;

    @Test
    void shouldMeasureFromTheCommandLineAndUseTheLastEnvelopeAsBaseline() throws Exception {
        Files.createDirectories(ws.resolve("src"));
        Files.writeString(ws.resolve("src/A.java"), "public class A {\n    private int unused;\n"
                + "    void m() {\n        try {\n            m();\n        } catch (RuntimeException e) {\n        }\n"
                + "    }\n}\n");
        Files.writeString(ws.resolve("request.json"), "{\"sourceRoots\":[\"src\"],\"gates\":{\"maxViolations\":{\"total\":99}}}");
        Path first = ws.resolve("out/first.json");

        int exit = SlipwayCli.execute("metrics", "-C", ws.toString(), "--request", ws.resolve("request.json").toString(),
                "--javascript-rules", "", "--max-density", "1", "--gate-severity", "density=FAILED",
                "--json", first.toString());

        assertThat(exit).isEqualTo(1);
        JsonNode envelope = Json.MAPPER.readTree(first.toFile());
        assertThat(envelope.path("task").asText()).isEqualTo("metrics");
        assertThat(envelope.path("outcome").asText()).isEqualTo("FAILED");
        JsonNode result = envelope.path("result");
        assertThat(result.path("gates")).hasSize(2);
        assertThat(result.path("gates").get(1).path("gate").asText()).isEqualTo("density");
        assertThat(result.path("gates").get(1).path("effect").asText()).isEqualTo("FAILED");
        assertThat(result.path("violations").path("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(ws.resolve("slipway/metrics/index.html")).isRegularFile();

        Path second = ws.resolve("out/second.json");
        int again = SlipwayCli.execute("metrics", "-C", ws.toString(), "--source", "src", "--baseline",
                first.toString(), "--no-new-high-priority", "--json", second.toString());

        assertThat(again).isZero();
        JsonNode delta = Json.MAPPER.readTree(second.toFile()).path("result").path("gates").get(0);
        assertThat(delta.path("gate").asText()).isEqualTo("newHighPriority");
        assertThat(delta.path("passed").asBoolean()).isTrue();
    }

    @Test
    void shouldExitWithTwoNamingTheFileWhenTheBaselineGivenCannotBeRead() throws Exception {
        Files.createDirectories(ws.resolve("src"));
        Files.writeString(ws.resolve("src/A.java"), "public class A {\n}\n");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = SlipwayCli.commandLine("metrics");
        cli.setErr(new java.io.PrintWriter(err, true));

        int exit = cli.execute("metrics", "-C", ws.toString(), "--source", "src", "--baseline", "nope.json",
                "--no-new-high-priority", "--json", ws.resolve("out.json").toString());

        assertThat(exit).isEqualTo(2);
        JsonNode envelope = Json.MAPPER.readTree(ws.resolve("out.json").toFile());
        assertThat(envelope.path("error").path("kind").asText()).isEqualTo("BAD_INPUT");
        assertThat(envelope.path("error").path("message").asText()).contains("'nope.json'", "no such file");
        assertThat(envelope.path("outcome").asText()).as("no PASSED result").isEqualTo("ERROR");
    }

    @Test
    void shouldExitWithTwoOnABadParameter() {
        assertThat(SlipwayCli.execute("metrics", "-C", ws.toString(), "--max-duplication", "150")).isEqualTo(2);
        assertThat(SlipwayCli.execute("metrics", "-C", ws.toString(), "--source", "missing")).isEqualTo(2);
        assertThat(SlipwayCli.execute("metrics", "-C", ws.toString(), "--gate-severity", "speed=FAILED")).isEqualTo(2);
    }
}
