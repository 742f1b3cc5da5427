package io.jenkins.plugins.slipway.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's answer as the adapter sees it: the result envelope parsed into plain values, and what it means
 * for the build ({@link Verdict}). Jenkins-free, so it is unit-tested without Jenkins.
 */
public final class EngineReply {

    /** What the adapter must do with the build. */
    public enum Verdict {
        /** Passed: nothing to mark. */
        SUCCESS,
        /** Mark the build (and stage) UNSTABLE and go on. */
        UNSTABLE,
        /** Mark the build FAILURE and go on (the next stages decide), unless the user asked to stop. */
        FAILURE,
        /** Stop the build with a clean error message. */
        ABORT
    }

    private final String step;
    private final String outcome;
    private final String summary;
    private final Map<String, Object> result;
    private final String errorKind;
    private final String errorMessage;
    private Map<String, Object> commit = Map.of();
    private Map<String, Object> changes = Map.of();

    private EngineReply(String step, String outcome, String summary, Map<String, Object> result, String errorKind,
            String errorMessage) {
        this.step = step;
        this.outcome = outcome;
        this.summary = summary;
        this.result = result;
        this.errorKind = errorKind;
        this.errorMessage = errorMessage;
    }

    /**
     * What the engine process left behind, as the agent sends it back through the channel: plain data
     * ({@link PlainData}) with {@code exitCode}, {@code lastLines} and either {@code envelope} (the result
     * envelope, read from its JSON file here, where the engine wrote it) or {@code envelopeError} (why it is
     * unreadable); neither
     * when the engine wrote no result.
     */
    public static Map<String, Object> transportable(EngineProcess.Outcome outcome) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("exitCode", outcome.exitCode());
        reply.put("lastLines", new ArrayList<>(outcome.lastLines()));
        if (outcome.resultJson() != null) {
            try {
                reply.put("envelope", MiniJson.parseObject(outcome.resultJson()));
            } catch (IllegalArgumentException e) {
                reply.put("envelopeError", e.getMessage());
            }
        }
        return reply;
    }

    /** Reads what the engine process left behind, straight from its {@link EngineProcess.Outcome}. */
    public static EngineReply of(String step, EngineProcess.Outcome outcome) {
        return of(step, transportable(outcome));
    }

    /**
     * Reads what the agent sent back ({@link #transportable}). No result means the engine died: the error then
     * quotes its exit code and last output lines.
     */
    @SuppressWarnings("unchecked")
    public static EngineReply of(String step, Map<String, Object> transported) {
        if (transported.get("envelopeError") != null) {
            return new EngineReply(step, null, null, Map.of(), "ENVIRONMENT",
                    "the Slipway engine wrote an unreadable result (" + transported.get("envelopeError") + ")");
        }
        if (!(transported.get("envelope") instanceof Map<?, ?> envelope)) {
            Object lines = transported.get("lastLines");
            return new EngineReply(step, null, null, Map.of(), "ENVIRONMENT",
                    "the Slipway engine stopped with exit code " + transported.get("exitCode") + " and no result. "
                            + "Its last lines:\n  " + String.join("\n  ",
                            lines instanceof List<?> list ? (List<String>) list : List.of()));
        }
        return ofEnvelope(step, (Map<String, Object>) envelope);
    }

    @SuppressWarnings("unchecked")
    private static EngineReply ofEnvelope(String step, Map<String, Object> envelope) {
        Object error = envelope.get("error");
        if (error instanceof Map<?, ?> e) {
            return new EngineReply(step, null, null, Map.of(), String.valueOf(e.get("kind")),
                    String.valueOf(e.get("message")));
        }
        Object result = envelope.get("result");
        EngineReply reply = new EngineReply(step, String.valueOf(envelope.get("outcome")),
                String.valueOf(envelope.get("summary")),
                result instanceof Map ? (Map<String, Object>) result : Map.of(), null, null);
        if (envelope.get("commit") instanceof Map<?, ?> commit) {
            reply.commit = (Map<String, Object>) commit;
        }
        if (envelope.get("changes") instanceof Map<?, ?> changes) {
            reply.changes = (Map<String, Object>) changes;
        }
        return reply;
    }

    public boolean isError() {
        return errorKind != null;
    }

    /** PASSED, UNSTABLE or FAILED; {@code ERROR} when the engine could not do its work. */
    public String status() {
        return isError() ? "ERROR" : outcome;
    }

    public String summary() {
        return isError() ? errorMessage : summary;
    }

    public Map<String, Object> result() {
        return result;
    }

    /**
     * The result read into its typed record ({@code request.<capability>}), by the record's component names
     * ({@link PlainData#toRecord}); an empty record (nulls, zeros) when the reply carries no result.
     *
     * @throws IllegalArgumentException naming the value that does not fit the record
     */
    public <R extends Record> R result(Class<R> type) {
        return PlainData.toRecord(result == null ? Map.of() : result, type, "the engine's result");
    }

    /** The commit the result was made from ({@code found}, {@code id}, {@code shortId}, {@code branch}, …). */
    public Map<String, Object> commit() {
        return commit;
    }

    /** The message for the build log and for an abort. */
    public String message() {
        if (isError()) {
            String what = "BAD_INPUT".equals(errorKind) ? "wrong input" : "the environment failed";
            return step + " failed (" + what + "): " + errorMessage;
        }
        return step + ": " + outcome + " — " + summary;
    }

    /** What the build must do: engine errors and (when asked) failed results stop it; gates mark it. */
    public Verdict verdict(boolean stopOnFailure) {
        if (isError()) {
            return Verdict.ABORT;
        }
        return switch (outcome) {
            case "PASSED" -> Verdict.SUCCESS;
            case "UNSTABLE" -> Verdict.UNSTABLE;
            default -> stopOnFailure ? Verdict.ABORT : Verdict.FAILURE;
        };
    }

    /**
     * The value a Pipeline script gets: a plain map with {@code status} and {@code summary} first, then the
     * result's own fields (plain maps, lists, strings, numbers, booleans — sandbox-safe).
     */
    public Map<String, Object> toStepValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("status", status());
        value.put("summary", summary());
        for (Map.Entry<String, Object> e : result.entrySet()) {
            if (!value.containsKey(e.getKey())) {
                value.put(e.getKey(), e.getValue());
            }
        }
        if (!commit.isEmpty() && !value.containsKey("commit")) {
            value.put("commit", commit);
        }
        if (!changes.isEmpty() && !value.containsKey("changes")) {
            value.put("changes", changes);
        }
        return value;
    }

    /** Keys of the result, for tests and docs. */
    public List<String> keys() {
        return List.copyOf(result.keySet());
    }
}
