package io.jenkins.plugins.slipway.jenkins;

import io.jenkins.plugins.slipway.bridge.PlainData;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call's engine task as its step prepared it on the controller: the task, its request (plain data) and what
 * the step needs again when the engine's reply comes ({@link #note}). A Pipeline keeps it in the program state
 * while the engine runs, so a restart finds it again; the secrets are {@code transient}: they go to the engine's
 * standard input at its start and are never saved.
 */
public final class EngineWork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final String task;
    private final Map<String, Object> request;
    private final transient Map<String, String> secrets;
    private final long startedMillis;
    private final Map<String, Object> notes = new LinkedHashMap<>();

    /**
     * @param step    the step's function name
     * @param task    the engine task
     * @param request the task's request; copied as plain data (an {@link IllegalArgumentException} names a value
     *                that is not)
     * @param secrets for the engine's standard input only
     */
    public EngineWork(String step, String task, Map<String, Object> request, Map<String, String> secrets) {
        this.step = step;
        this.task = task;
        this.request = PlainData.copyOf(request, "the request of " + step);
        this.secrets = Map.copyOf(secrets);
        this.startedMillis = System.currentTimeMillis();
    }

    public String step() {
        return step;
    }

    public String task() {
        return task;
    }

    /**
     * As above, for a step's typed request: the bridge carries it by its components ({@link PlainData#copyOf(Record,
     * String)}), with no hand-written keys.
     */
    public EngineWork(String step, String task, Record request, Map<String, String> secrets) {
        this(step, task, PlainData.copyOf(request, "the request of " + step), secrets);
    }

    /** The request as the engine gets it. */
    public Map<String, Object> request() {
        return request;
    }

    /** The secrets for the engine's standard input; empty once the work has been saved and read back. */
    Map<String, String> secrets() {
        return secrets == null ? Map.of() : secrets;
    }

    /** When the step started (the controller's clock). */
    public long startedMillis() {
        return startedMillis;
    }

    /** Keeps a plain value (string, number, boolean) the step needs again with the reply. */
    public EngineWork note(String key, Object value) {
        notes.put(key, value);
        return this;
    }

    /** A value kept with {@link #note}, or null. */
    public Object note(String key) {
        return notes.get(key);
    }
}
