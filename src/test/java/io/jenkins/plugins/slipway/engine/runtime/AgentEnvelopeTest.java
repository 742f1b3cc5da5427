package io.jenkins.plugins.slipway.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's envelope (read with {@code MiniJson}) and a request given as plain values reach the task as a request
 * given as JSON does: the same reply bytes for real task runs, the same errors.
 */
class AgentEnvelopeTest {
    @TempDir
    Path ws;

    private TaskContext context() {
        return new TaskContext(Log.silent(), Secrets.none(), ws);
    }

    private String reply(String task, Object request) throws Exception {
        Path result = ws.resolve("reply-" + task + "-" + (request instanceof ObjectNode ? "jackson" : "plain") + ".json");
        if (request instanceof ObjectNode node) {
            TaskRunner.run(task, node, context(), result);
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) request;
            TaskRunner.run(task, map, context(), result);
        }
        return Files.readString(result, StandardCharsets.UTF_8);
    }

    @Test
    void shouldReplyToRealTasksWithTheBytesJacksonWrites() throws Exception {
        Files.writeString(ws.resolve("TEST-a.xml"), "<testsuite name=\"a\" time=\"0.5\"><testcase name=\"ok\" time=\"0.25\"/>"
                + "<testcase classname=\"C\" name=\"bad \\&quot;one&quot;\"><failure message=\"boom &lt;x&gt;\">trace"
                + " line 1\n\ttrace line 2 \u00e9</failure></testcase><testcase name=\"skip\"><skipped/></testcase>"
                + "</testsuite>");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("commandExitCode", 1);
        request.put("html", "");
        request.put("reports", List.of("**/TEST-*.xml"));
        request.put("minLineCoverage", 12.5);

        String plain = reply("test", request);
        String jackson = reply("test", Json.MAPPER.valueToTree(request));
        assertThat(plain).isEqualTo(jackson).contains("\"outcome\" : \"UNSTABLE\"").contains("trace line 2 \u00e9");

        String version = reply("version", Map.of());
        assertThat(version).isEqualTo(reply("version", Json.MAPPER.createObjectNode()))
                .isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(version)))
                .contains("\"schemaVersion\" : 1", "\"command\" : \"version\"", "\"task\" : \"version\"",
                        "\"commit\" : null");
        // the bridge's envelope keeps the commit an object outside a repository: the steps return it as such
        Path bridged = ws.resolve("bridged.json");
        TaskRunner.runForBridge("version", Map.of(), context(), bridged);
        assertThat(Files.readString(bridged, StandardCharsets.UTF_8)).contains("\"commit\" : {", "\"found\" : false");
    }

    @Test
    void shouldReplyWithTheSameErrorsAsBefore() throws Exception {
        String plain = reply("test", Map.of("minLineCoverage", 150));
        assertThat(plain).isEqualTo(reply("test", Json.MAPPER.valueToTree(Map.of("minLineCoverage", 150))))
                .contains("\"kind\" : \"BAD_INPUT\"").contains("minLineCoverage");
        assertThat(reply("no-such-task", Map.of())).isEqualTo(reply("no-such-task", Json.MAPPER.createObjectNode()))
                .contains("Unknown task 'no-such-task'");
        assertThat(reply("version", Map.of("colour", "red"))).contains("unknown parameter 'colour'");
    }

    @Test
    void shouldNameWhatIsWrongWithAnEnvelope() {
        assertThatThrownBy(() -> AgentCommand.readEnvelope(in("{\"task\": ")))
                .isInstanceOf(SlipwayException.class)
                .hasMessageStartingWith("Cannot read the request envelope from standard input: Invalid JSON at character");
        assertThatThrownBy(() -> AgentCommand.readEnvelope(in("[1]")))
                .hasMessageStartingWith("Cannot read the request envelope from standard input: expected a JSON object");
        assertThatThrownBy(() -> AgentCommand.readEnvelope(in("{\"request\": {}}")))
                .hasMessage("The request envelope on standard input has no 'task'.");
        assertThatThrownBy(() -> AgentCommand.readEnvelope(in("{\"task\": 3}")))
                .hasMessage("The request envelope on standard input has no 'task'.");
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
