package io.jenkins.plugins.slipway.engine.runtime;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.git.CommitInfo;
import io.jenkins.plugins.slipway.engine.git.GitService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every command's {@code --json} writes: one envelope, described by {@code docs/schema/slipway-result.schema.json}
 * (also in the jar, beside this class):
 * <pre>{"schemaVersion": 1, "command": "ec2 launch", "outcome": "PASSED|UNSTABLE|FAILED|ERROR", "summary": "…",
 *  "result": {…the command's own result…} or null, "commit": {"id", "shortId", "branch", …} or null}</pre>
 * with {@code "error": {"kind", "message"}} when the outcome is ERROR. Fields of the envelopes before it
 * ({@code task}; {@code run}'s and {@code selfcheck}'s result at the top level) stay for one release.
 */
public final class ResultEnvelope {

    /** Raised when a field is added or changes meaning in a way a reader must know. */
    public static final int SCHEMA_VERSION = 1;

    /** The schema, in the jar. */
    public static final String SCHEMA_RESOURCE = "slipway-result.schema.json";

    private ResultEnvelope() {
    }

    /** Writes an envelope (or any result) as JSON to a file the user named. */
    public static void write(Path file, Object value) throws java.io.IOException {
        io.jenkins.plugins.slipway.engine.core.SafeOutput.writeUserFile(file,
                io.jenkins.plugins.slipway.engine.core.Json.write(value), System.out);
    }

    /** The envelope's first fields: the schema's version and the command (as typed: "ec2 launch", "deploy rollback"). */
    public static Map<String, Object> start(String command) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("schemaVersion", SCHEMA_VERSION);
        envelope.put("command", command);
        return envelope;
    }

    /** A command's result. */
    public static Map<String, Object> of(String command, String outcome, String summary, Object result, CommitInfo commit) {
        Map<String, Object> envelope = start(command);
        envelope.put("outcome", outcome);
        envelope.put("summary", summary);
        envelope.put("result", result);
        envelope.put("commit", commit(commit));
        return envelope;
    }

    /** A command that could not do its work: outcome ERROR, no result, what went wrong in {@code error}. */
    public static Map<String, Object> error(String command, SlipwayException.Kind kind, String message, CommitInfo commit) {
        Map<String, Object> envelope = of(command, "ERROR", message, null, commit);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", kind.name());
        error.put("message", message);
        envelope.put("error", error);
        return envelope;
    }

    /**
     * A pipeline's result ({@code run}, {@code demo}); its fields stay at the top level too for one release, where
     * {@code run --json} wrote them before ({@code name}, {@code stages}, {@code reportFile}, …).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> ofPipeline(String command, io.jenkins.plugins.slipway.engine.pipeline.PipelineResult result,
            Path workDir) {
        // the commit the pipeline ran on (the demo's: its example service's), else the working directory's
        CommitInfo commit = null;
        if (result.commit() != null && result.commit().path("found").asBoolean(false)) {
            try {
                commit = io.jenkins.plugins.slipway.engine.core.Json.MAPPER.treeToValue(result.commit(), CommitInfo.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                commit = null;
            }
        }
        Map<String, Object> envelope = of(command, result.outcome().name(), result.summary(), result,
                commit != null ? commit : commitOf(workDir));
        io.jenkins.plugins.slipway.engine.core.Json.MAPPER.convertValue(result, Map.class)
                .forEach((k, v) -> envelope.putIfAbsent((String) k, v));
        return envelope;
    }

    /** The commit for the envelope: the commit found, or null when the directory is in no git repository. */
    public static CommitInfo commit(CommitInfo commit) {
        return commit != null && commit.found() ? commit : null;
    }

    /** The commit of {@code workDir} (without the status scan, which walks the whole working tree). */
    public static CommitInfo commitOf(Path workDir) {
        try {
            return new GitService().commitInfo(workDir, false);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The command's name as the user typed it, from a task's ("ec2-launch" is "ec2 launch"). */
    public static String commandOfTask(String task) {
        return task.replace('-', ' ');
    }
}
