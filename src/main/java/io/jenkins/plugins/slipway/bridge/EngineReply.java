package io.jenkins.plugins.slipway.bridge;

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
     * Reads what the engine process left behind. No result file means the engine died: the error then quotes
     * its exit code and last output lines.
     */
    @SuppressWarnings("unchecked")
    public static EngineReply of(String step, EngineProcess.Outcome outcome) {
        if (outcome.resultJson() == null) {
            return new EngineReply(step, null, null, Map.of(), "ENVIRONMENT",
                    "the Slipway engine stopped with exit code " + outcome.exitCode() + " and no result. Its last lines:\n  "
                            + String.join("\n  ", outcome.lastLines()));
        }
        Map<String, Object> envelope;
        try {
            envelope = MiniJson.parseObject(outcome.resultJson());
        } catch (IllegalArgumentException e) {
            return new EngineReply(step, null, null, Map.of(), "ENVIRONMENT",
                    "the Slipway engine wrote an unreadable result (" + e.getMessage() + ")");
        }
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
