package io.jenkins.plugins.slipway.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.SecretSource;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration, with the engine's tasks replaced at the outermost boundary by scripted ones. */
class PipelineServiceTest {

    @TempDir
    Path work;

    /** A result as a task would return it. */
    record Fake(Outcome outcome, String summary, List<Map<String, Object>> hosts) implements StageResult {
    }

    /** A launch result that keeps something running and hands a secret on. */
    static final class Launch implements StageResult, SecretSource, AutoCloseable {
        boolean closed;

        @Override
        public Outcome outcome() {
            return Outcome.PASSED;
        }

        @Override
        public String summary() {
            return "2 hosts";
        }

        public List<Map<String, Object>> getHosts() {
            return List.of(Map.of("name", "a", "host", "127.0.0.2", "port", 2222), Map.of("name", "b", "host", "127.0.0.3", "port", 2223));
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        @Override
        public Map<String, String> secretsForLaterStages() {
            return Map.of("sshPrivateKey", "TOP-SECRET-KEY");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Records what each task received. */
    static final class Runner implements StageRunner {
        final Set<String> tasks;
        final Map<String, Outcome> outcomes;
        final List<String> calls = new ArrayList<>();
        final Map<String, JsonNode> requests = new java.util.HashMap<>();
        final Map<String, String> secretSeen = new java.util.HashMap<>();
        final Launch launch = new Launch();

        Runner(Set<String> tasks, Map<String, Outcome> outcomes) {
            this.tasks = tasks;
            this.outcomes = outcomes;
        }

        @Override
        public boolean has(String task) {
            return tasks.contains(task);
        }

        @Override
        public StageResult run(String task, JsonNode request, TaskContext context) throws SlipwayException {
            calls.add(task);
            requests.put(task + calls.size(), request);
            context.secrets().get("sshPrivateKey").ifPresent(k -> secretSeen.put(task, k));
            if (task.equals("local-launch")) {
                return launch;
            }
            if (task.equals("boom")) {
                throw new SlipwayException(SlipwayException.Kind.ENVIRONMENT, "host unreachable; key was TOP-SECRET-KEY");
            }
            Outcome outcome = outcomes.getOrDefault(task, Outcome.PASSED);
            return new Fake(outcome, task + " " + outcome, task.equals("deploy")
                    ? List.of(Map.of("name", "a", "previousRelease", "7-abcdef1", "outcome", "DEPLOYED")) : null);
        }
    }

    static class Source implements SourceInfo {
        @Override
        public JsonNode commit(Path dir) {
            ObjectNode c = Json.MAPPER.createObjectNode();
            c.put("found", true);
            c.put("id", "1234567890abcdef1234567890abcdef12345678");
            c.put("shortId", "1234567");
            c.put("branch", "main");
            c.put("author", "Ann");
            c.put("message", "Fix <the> form");
            return c;
        }

        @Override
        public JsonNode commitsBetween(Path dir, String from, String to) {
            ObjectNode c = Json.MAPPER.createObjectNode();
            c.put("shortId", "1234567");
            c.put("message", "between " + from + " and " + to.substring(0, 7));
            c.put("author", "Ann");
            return Json.MAPPER.createArrayNode().add(c);
        }
    }

    private static PipelineRequest.Stage stage(String name, String task, String request) throws Exception {
        return new PipelineRequest.Stage(name, task, Json.MAPPER.readTree(request), null, null, null, null);
    }

    private PipelineResult run(Runner runner, List<PipelineRequest.Stage> stages) throws Exception {
        return new PipelineService(runner, new Source()).run(new PipelineRequest("p", stages, "out", Map.of("port", "8081")), "42",
                new TaskContext(Log.silent(), Secrets.none(), work));
    }

    @Test
    void shouldReportTheCommitOfTheStagesSourceNotOfTheCheckoutAroundIt() throws Exception {
        // the demo: the workspace lies inside a checkout (a git repository of its own), the stages run on the service
        SourceInfo byDir = new Source() {
            @Override
            public JsonNode commit(Path dir) {
                ObjectNode c = (ObjectNode) super.commit(dir);
                boolean service = dir.endsWith("service");
                c.put("id", (service ? "5e5e5e5" : "c0c0c0c") + "890abcdef1234567890abcdef12345678");
                c.put("shortId", service ? "5e5e5e5" : "c0c0c0c");
                c.put("message", service ? "Form service: answer posted queries" : "the checkout's last commit");
                return c;
            }
        };
        Runner runner = new Runner(Set.of("test"), Map.of());
        PipelineRequest.Stage tests = new PipelineRequest.Stage("tests", "test", Json.MAPPER.readTree("{}"), null,
                null, null, "service");

        PipelineResult result = new PipelineService(runner, byDir).run(new PipelineRequest("demo", List.of(tests),
                "out", Map.of()), "1", new TaskContext(Log.silent(), Secrets.none(), work));

        assertThat(result.commit().get("shortId").asText()).isEqualTo("5e5e5e5");
        assertThat(Files.readString(work.resolve("out/slipway-run.html"))).contains("Form service: answer posted queries")
                .doesNotContain("the checkout's last commit");
    }

    @Test
    void shouldShareTheContextBetweenStagesAndWriteOneJsonAndHtmlReport() throws Exception {
        Runner runner = new Runner(Set.of("test", "local-launch", "deploy"), Map.of());
        PipelineResult result = run(runner, List.of(
                stage("tests", "test", "{\"command\": \"make test PORT=${port} HOME=${HOME}\"}"),
                stage("launch", "local-launch", "{}"),
                stage("deploy", "deploy", "{\"releaseId\": \"${build}-${commit.shortId}\", \"commit\": \"${commit.id}\"}")));

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(runner.calls).containsExactly("test", "local-launch", "deploy");
        assertThat(runner.requests.get("test1").get("command").asText()).isEqualTo("make test PORT=8081 HOME=${HOME}");
        JsonNode deploy = runner.requests.get("deploy3");
        assertThat(deploy.get("releaseId").asText()).isEqualTo("42-1234567");
        assertThat(deploy.get("hosts")).hasSize(2);
        assertThat(deploy.get("hosts").get(1).get("host").asText()).isEqualTo("127.0.0.3");
        assertThat(runner.secretSeen).containsEntry("deploy", "TOP-SECRET-KEY").doesNotContainKey("test");
        assertThat(runner.launch.closed).as("what the launch started is stopped at the end of the run").isTrue();

        StageRecord deployRecord = result.stages().get(2);
        assertThat(deployRecord.commit().get("shortId").asText()).isEqualTo("1234567");
        assertThat(deployRecord.changes().get("from").asText()).isEqualTo("abcdef1");
        assertThat(deployRecord.changes().get("commits").get(0).get("message").asText()).isEqualTo("between abcdef1 and 1234567");

        JsonNode json = Json.MAPPER.readTree(work.resolve("out/slipway-run.json").toFile());
        assertThat(json.get("stages")).hasSize(3);
        assertThat(json.get("commit").get("id").asText()).startsWith("1234567");
        String html = Files.readString(work.resolve("out/slipway-run.html"));
        assertThat(html).contains("<svg", "Timeline", "Stages", "Host key fingerprints", "127.0.0.3", "Fix &lt;the&gt; form",
                        "Changes", "between abcdef1", "href=\"slipway-run.json\"")
                .doesNotContain("<script", "<style", "style=", "TOP-SECRET-KEY")
                .contains("<link rel=\"stylesheet\" href=\"slipway.css\">");
        assertThat(work.resolve("out/slipway.css")).as("the stylesheet beside the report").hasContent(HtmlPage.css());
    }

    @Test
    void shouldStopAtTheFirstFailedStage() throws Exception {
        Runner runner = new Runner(Set.of("test", "metrics", "deploy"), Map.of("metrics", Outcome.FAILED));
        PipelineResult result = run(runner, List.of(stage("tests", "test", "{}"), stage("metrics", "metrics", "{}"),
                stage("deploy", "deploy", "{}")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(runner.calls).containsExactly("test", "metrics");
        assertThat(result.stages()).extracting(StageRecord::status).containsExactly("PASSED", "FAILED", "SKIPPED");
        assertThat(result.summary()).contains("stage metrics FAILED");
    }

    @Test
    void shouldGoOnAfterAnUnstableStageAndReportItSo() throws Exception {
        Runner runner = new Runner(Set.of("test", "metrics"), Map.of("test", Outcome.UNSTABLE));
        PipelineResult result = run(runner, List.of(stage("tests", "test", "{}"), stage("metrics", "metrics", "{}")));
        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(runner.calls).containsExactly("test", "metrics");
    }

    @Test
    void shouldMarkAMissingTaskNotAvailableAndGoOnOnlyWhenTheStageIsOptional() throws Exception {
        Runner runner = new Runner(Set.of("test"), Map.of());
        PipelineResult optional = run(runner, List.of(
                new PipelineRequest.Stage("metrics", "metrics", null, true, null, null, null), stage("tests", "test", "{}")));
        assertThat(optional.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(optional.stages().get(0).status()).isEqualTo("NOT_AVAILABLE");
        assertThat(optional.stages().get(0).summary()).contains("not available in this engine build");
        assertThat(optional.summary()).contains("1 not available");

        PipelineResult required = run(new Runner(Set.of("test"), Map.of()), List.of(stage("metrics", "metrics", "{}"), stage("tests", "test", "{}")));
        assertThat(required.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(required.stages().get(1).status()).isEqualTo("SKIPPED");
    }

    @Test
    void shouldAcceptAnExpectedFailureAndRecordAnErrorWithoutItsSecret() throws Exception {
        Runner runner = new Runner(Set.of("local-launch", "deploy", "boom"), Map.of("deploy", Outcome.FAILED));
        PipelineResult result = run(runner, List.of(stage("launch", "local-launch", "{}"),
                new PipelineRequest.Stage("broken", "deploy", null, null, "FAILED", null, null),
                stage("boom", "boom", "{}")));

        assertThat(result.stages().get(1).status()).isEqualTo("FAILED");
        assertThat(result.stages().get(1).expected()).isTrue();
        StageRecord boom = result.stages().get(2);
        assertThat(boom.status()).isEqualTo("ERROR");
        assertThat(boom.error().get("kind").asText()).isEqualTo("ENVIRONMENT");
        assertThat(boom.summary()).contains("host unreachable").doesNotContain("TOP-SECRET-KEY");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        String html = Files.readString(work.resolve("out/slipway-run.html"));
        assertThat(html).contains("<b>Why: </b>ENVIRONMENT: host unreachable", "Failed as expected: ", "unexpected")
                .doesNotContain("TOP-SECRET-KEY");
        assertThat(html.indexOf("id=\"stage-boom\"")).as("the unexpected error first, then the expected failure, then the rest")
                .isLessThan(html.indexOf("id=\"stage-broken\"")).isPositive();
        assertThat(html.indexOf("id=\"stage-broken\"")).isLessThan(html.indexOf("id=\"stage-launch\""));
    }

    @Test
    void shouldValidateThePipelineFile() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PipelineRequest("p", List.of(), null, null))
                .hasMessageContaining("at least one stage");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PipelineRequest.Stage("x", null, null, null, null, null, null))
                .hasMessageContaining("needs a 'task'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PipelineRequest.Stage("x", "deploy", null, null, "MAYBE", null, null))
                .hasMessageContaining("expect must be");
    }
}
