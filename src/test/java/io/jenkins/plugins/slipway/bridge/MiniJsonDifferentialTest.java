package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.cli.SlipwayCli;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MiniJson (what the agent side uses, JDK only) against Jackson (what the engine writes with) on real engine replies:
 * real tasks run through the CLI write their result envelopes, and both readers must see the same values; what
 * MiniJson writes back must read the same in Jackson.
 */
class MiniJsonDifferentialTest {

    private static final Path ENGINE_RESOURCES = Path.of("src/test/resources/io/jenkins/plugins/slipway/engine");

    @TempDir
    static Path work;

    private static Path replies;

    @BeforeAll
    static void runRealTasks() throws IOException {
        replies = Files.createDirectories(work.resolve("replies"));
        Path tests = Files.createDirectories(work.resolve("tests"));
        Files.writeString(tests.resolve("TEST-odd.xml"), """
                <testsuite name="odd"><testcase classname="a.B" name="quotes &quot;and&quot; \\ backslash" time="0.5"/>
                <testcase classname="a.B" name="unicode é ✓ 😀 and a tab&#9;here">
                <failure message="expected &lt;1&gt; but was &lt;2&gt;">line 1
                	at a.B.test(B.java:12)
                line with \u2028 separator</failure></testcase></testsuite>
                """, StandardCharsets.UTF_8);
        assertThat(SlipwayCli.execute("version", "--json", replies.resolve("version.json").toString())).isZero();
        assertThat(SlipwayCli.execute("test", "-C", tests.toString(), "--exit-code", "1", "--html", "",
                "--json", replies.resolve("test.json").toString())).isEqualTo(1);
        assertThat(SlipwayCli.execute("test", "-C", tests.toString(), "--min-line-coverage", "150",
                "--json", replies.resolve("error.json").toString())).isEqualTo(2);
        assertThat(SlipwayCli.execute("test", "-C", ENGINE_RESOURCES.resolve("tests/maven-calc/reports").toAbsolutePath()
                .toString(), "--exit-code", "0", "--html", "", "--coverage", "jacoco.xml",
                "--json", replies.resolve("coverage.json").toString())).isBetween(0, 1);
        assertThat(SlipwayCli.execute("metrics", "-C", ENGINE_RESOURCES.resolve("metrics/sample").toAbsolutePath()
                .toString(), "--analysers", "pmd", "--output", work.resolve("metrics").toString(),
                "--json", replies.resolve("metrics.json").toString())).isBetween(0, 1);
    }

    static Stream<String> replies() {
        return Stream.of("version", "test", "error", "coverage", "metrics");
    }

    @ParameterizedTest
    @MethodSource("replies")
    void shouldReadEveryRealEngineReplyAsJacksonDoes(String name) throws IOException {
        String json = Files.readString(replies.resolve(name + ".json"), StandardCharsets.UTF_8);

        Object mini = MiniJson.parse(json);
        Object jackson = Json.MAPPER.readValue(json, Object.class);

        assertThat(mini).isInstanceOf(Map.class).isEqualTo(jackson);
        assertThat(Json.MAPPER.readValue(MiniJson.write(mini), Object.class)).isEqualTo(jackson);
        assertThat(MiniJson.parse(Json.MAPPER.writeValueAsString(jackson))).isEqualTo(mini);
    }

    @ParameterizedTest
    @MethodSource("replies")
    void shouldHaveRunTheTaskForReal(String name) throws IOException {
        Map<?, ?> envelope = (Map<?, ?>) MiniJson.parse(Files.readString(replies.resolve(name + ".json")));
        assertThat(envelope.get("task")).isIn("version", "test", "metrics");
        if (name.equals("error")) {
            assertThat(envelope.get("error")).asString().contains("minLineCoverage");
        } else {
            assertThat((Map<?, ?>) envelope.get("result")).isNotEmpty();
            // the command line's envelope: the commit, or null outside a git repository (as here)
            assertThat(envelope.containsKey("commit")).isTrue();
            assertThat(envelope.get("commit") == null || envelope.get("commit") instanceof Map).isTrue();
        }
        if (name.equals("test")) {
            assertThat(envelope.toString()).contains("😀").contains("expected <1> but was <2>").contains("\\ backslash");
        }
        if (name.equals("metrics")) {
            assertThat(((Map<?, ?>) envelope.get("result")).containsKey("violations")).isTrue();
            assertThat(List.of(envelope.get("outcome"))).containsAnyOf("PASSED", "UNSTABLE", "FAILED");
        }
    }
}
