package io.jenkins.plugins.slipway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.SecretSource;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a pipeline: the stages in order with one shared context, stopping at the first failed stage, then writes
 * one JSON result and one static HTML report for the whole run.
 *
 * <p>The shared context: placeholders ({@code ${commit.shortId}}, {@code ${build}}, the pipeline's variables) in
 * every request string; the hosts of a launch stage injected into the next deploy stage without hosts; secrets a
 * stage hands on (e.g. the login key of local hosts); resources a stage keeps running (local hosts) stopped at the
 * end of the run.
 */
public final class PipelineService {

    static final Set<String> DEPLOY_TASKS = Set.of("deploy", "deploy-rollback");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)}");
    private static final Pattern RELEASE_COMMIT = Pattern.compile(".*-([0-9a-f]{7,40})$");

    private final StageRunner runner;
    private final SourceInfo source;

    public PipelineService(StageRunner runner, SourceInfo source) {
        this.runner = runner;
        this.source = source;
    }

    public PipelineResult run(PipelineRequest request, String build, TaskContext context) throws SlipwayException,
            InterruptedException {
        Log log = context.log();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<Path, JsonNode> commits = new LinkedHashMap<>();
        // the run is made from its stages' source: the first stage's, when it names one (the demo's service, a
        // repository of its own, not the checkout around it), else the workspace's
        Path runSource = request.stages().isEmpty() || request.stages().get(0).source() == null ? context.workDir()
                : context.resolve(request.stages().get(0).source());
        JsonNode runCommit = source.commit(runSource);
        commits.put(runSource, runCommit);

        Secrets secrets = context.secrets();
        JsonNode hosts = null;
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        List<StageRecord> records = new ArrayList<>();
        boolean stopped = false;
        Outcome overall = Outcome.PASSED;
        // Ctrl-C or a kill ends the JVM without the finally below: still stop what the run started
        Thread onExit = new Thread(() -> closeAll(resources, log), "slipway-run-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            for (PipelineRequest.Stage stage : request.stages()) {
                Path sourceDir = stage.source() == null ? context.workDir() : context.resolve(stage.source());
                JsonNode commit = commits.computeIfAbsent(sourceDir, source::commit);
                Map<String, String> placeholders = placeholders(commit, build, request.variables());
                if (stopped) {
                    records.add(new StageRecord(stage.name(), stage.task(), "SKIPPED", stage.expect() == null, "not run: an earlier stage failed",
                            millis(t0), 0, commit, null, null, null));
                    continue;
                }
                long start = System.nanoTime();
                if (!runner.has(stage.task())) {
                    String why = "not available in this engine build (no task '" + stage.task() + "')";
                    log.warn("stage " + stage.name() + ": " + why);
                    records.add(new StageRecord(stage.name(), stage.task(), "NOT_AVAILABLE", stage.optional(), why,
                            (start - t0) / 1_000_000, 0, commit, null, null, null));
                    if (!stage.optional()) {
                        overall = Outcome.FAILED;
                        stopped = true;
                    }
                    continue;
                }
                JsonNode req = substitute(stage.request() == null ? Json.MAPPER.createObjectNode() : stage.request().deepCopy(), placeholders);
                if (DEPLOY_TASKS.contains(stage.task()) && req.isObject() && !req.has("hosts") && hosts != null) {
                    ((ObjectNode) req).set("hosts", hosts.deepCopy());
                    log.info("stage " + stage.name() + ": deploying to the " + hosts.size() + " hosts of the launch stage");
                }
                if ((DEPLOY_TASKS.contains(stage.task()) || stage.task().equals("ec2-launch")) && req.isObject() && !req.has("report")) {
                    // each deploy or launch stage gets its own page beside the run report, so two stages never share one
                    ((ObjectNode) req).put("report", request.reportDir() + "/stage-" + stage.name().replaceAll("[^A-Za-z0-9_.-]", "-") + ".html");
                }
                log.info("── stage " + stage.name() + " (" + stage.task() + ")");
                TaskContext stageContext = new TaskContext(log.withPrefix("[" + stage.name() + "] "), secrets, context.workDir());
                StageResult result = null;
                ObjectNode error = null;
                try {
                    result = runner.run(stage.task(), req, stageContext);
                } catch (SlipwayException e) {
                    error = JsonNodeFactory.instance.objectNode();
                    error.put("kind", e.kind().name());
                    error.put("message", secrets.redact(e.getMessage()));
                    log.error("stage " + stage.name() + ": " + e.getMessage());
                }
                long duration = (System.nanoTime() - start) / 1_000_000;
                if (result instanceof AutoCloseable closeable) {
                    synchronized (resources) {
                        resources.push(closeable);
                    }
                }
                if (result instanceof SecretSource source) {
                    secrets = secrets.plus(source.secretsForLaterStages());
                }
                JsonNode resultJson = result == null ? null : redact(Json.MAPPER.valueToTree(result), secrets);
                if (resultJson != null && resultJson.path("hosts").isArray() && stage.task().endsWith("launch")) {
                    hosts = resultJson.get("hosts");
                }
                String status = result == null ? "ERROR" : result.outcome().name();
                String summary = result == null ? error.get("message").asText() : secrets.redact(result.summary());
                JsonNode changes = DEPLOY_TASKS.contains(stage.task()) ? changes(resultJson, commit, sourceDir) : null;
                boolean expected = stage.expect() == null ? !status.equals("FAILED") && !status.equals("ERROR")
                        : stage.expect().equals(status);
                records.add(new StageRecord(stage.name(), stage.task(), status, expected, summary, (start - t0) / 1_000_000,
                        duration, commit, resultJson, error, changes));
                log.info("── stage " + stage.name() + ": " + status + (stage.expect() != null && expected ? " (as expected)" : "")
                        + " in " + duration + " ms — " + summary);
                if (stage.expect() != null) {
                    if (!expected) {
                        overall = Outcome.FAILED;
                        stopped = !stage.continueOnFailure();
                    }
                } else if (status.equals("UNSTABLE")) {
                    overall = overall.and(Outcome.UNSTABLE);
                } else if (!expected) {
                    overall = Outcome.FAILED;
                    stopped = !stage.continueOnFailure();
                }
            }
        } finally {
            closeAll(resources, log);
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook does the same
            }
        }
        if (!runCommit.path("found").asBoolean(false)) {
            // a workspace holding several sources: the run is made from the first stage's commit
            runCommit = records.stream().map(StageRecord::commit).filter(c -> c != null && c.path("found").asBoolean(false))
                    .findFirst().orElse(runCommit);
        }
        long duration = millis(t0);
        String summary = summary(records, overall);
        Path dir = context.resolve(request.reportDir());
        Path jsonFile = dir.resolve("slipway-run.json");
        Path htmlFile = dir.resolve("slipway-run.html");
        PipelineResult result = new PipelineResult(request.name(), overall, summary, started.toString(), duration, build,
                runCommit, records, jsonFile.toString(), htmlFile.toString());
        try {
            context.outputDir(request.reportDir());
            Json.writeFile(jsonFile, result);
            HtmlPage.write(htmlFile, secrets.redact(PipelineHtmlReport.render(result, PipelineHtmlReport.linker(dir, context.workDir()))));
        } catch (IOException e) {
            throw new SlipwayException(SlipwayException.Kind.ENVIRONMENT, "Cannot write the run's report to " + dir + ": "
                    + e.getMessage() + ". Check that the directory is writable (reportDir).", e);
        }
        return result;
    }

    /** Stops what the run started, newest first; safe to call twice and from a shutdown hook. */
    private static void closeAll(Deque<AutoCloseable> resources, Log log) {
        synchronized (resources) {
            if (!resources.isEmpty()) {
                log.info("stopping what the run started (" + resources.size() + ")");
            }
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    log.warn("cannot stop a resource of the run: " + e.getMessage());
                }
            }
        }
    }

    static Map<String, String> placeholders(JsonNode commit, String build, Map<String, String> variables) {
        boolean found = commit.path("found").asBoolean(false);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("commit.id", found ? commit.path("id").asText() : "unknown");
        values.put("commit.shortId", found ? commit.path("shortId").asText() : "nocommit");
        values.put("commit.branch", found && commit.hasNonNull("branch") ? commit.path("branch").asText() : "detached");
        values.put("commit.author", found ? commit.path("author").asText() : "unknown");
        values.put("build", build);
        values.putAll(variables);
        return values;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static String summary(List<StageRecord> records, Outcome overall) {
        long passed = records.stream().filter(r -> r.expected() && !r.status().equals("NOT_AVAILABLE") && !r.status().equals("SKIPPED")).count();
        StringBuilder s = new StringBuilder(overall.name()).append(": ").append(passed).append(" of ").append(records.size())
                .append(" stages as expected");
        records.stream().filter(r -> !r.expected() && !r.status().equals("SKIPPED")).findFirst()
                .ifPresent(r -> s.append("; stage ").append(r.name()).append(" ").append(r.status()).append(": ").append(r.summary()));
        long missing = records.stream().filter(r -> r.status().equals("NOT_AVAILABLE")).count();
        if (missing > 0) {
            s.append("; ").append(missing).append(" not available in this engine build");
        }
        return s.toString();
    }

    /** Replaces the known placeholders in every string of {@code node}; unknown ones (e.g. shell variables) stay. */
    static JsonNode substitute(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            obj.properties().forEach(e -> names.add(e.getKey()));
            for (String name : names) {
                obj.set(name, substitute(obj.get(name), values));
            }
            return obj;
        }
        if (node.isArray()) {
            ArrayNode arr = (ArrayNode) node;
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, substitute(arr.get(i), values));
            }
            return arr;
        }
        return node;
    }

    private static JsonNode redact(JsonNode node, Secrets secrets) {
        if (secrets.isEmpty()) {
            return node;
        }
        String text = Json.write(node);
        String redacted = secrets.redact(text);
        if (text.equals(redacted)) {
            return node;
        }
        try {
            return Json.MAPPER.readTree(redacted);
        } catch (IOException e) {
            return TextNode.valueOf("(result withheld: it contained a secret)");
        }
    }

    /**
     * The commits between the release that was on the hosts (its id ends with a short commit id, e.g.
     * {@code 7-1a2b3c4}) and the commit being deployed.
     */
    JsonNode changes(JsonNode result, JsonNode commit, Path dir) {
        return releaseChanges(result, commit, dir, source);
    }

    /**
     * The commits between the release the hosts were on (its id ends in a commit id, e.g. {@code 41-1a2b3c4}) and
     * the commit being deployed; null when either is unknown. Used by {@code slipway run} and by every single deploy.
     */
    public static JsonNode releaseChanges(JsonNode result, JsonNode commit, Path dir, SourceInfo source) {
        if (result == null || !commit.path("found").asBoolean(false)) {
            return null;
        }
        String previous = null;
        for (JsonNode host : result.path("hosts")) {
            String release = host.path("previousRelease").asText("");
            Matcher m = RELEASE_COMMIT.matcher(release);
            if (m.matches()) {
                previous = m.group(1);
                break;
            }
        }
        if (previous == null) {
            return null;
        }
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.put("from", previous);
        changes.put("to", commit.path("shortId").asText());
        changes.set("commits", source.commitsBetween(dir, previous, commit.path("id").asText()));
        return changes;
    }
}
