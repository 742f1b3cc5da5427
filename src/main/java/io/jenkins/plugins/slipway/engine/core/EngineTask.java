package io.jenkins.plugins.slipway.engine.core;

/**
 * One capability as the bridge and the pipeline call it: a JSON request in, a result out.
 *
 * @param <Q> the request type; Jackson reads it from JSON (records work), and it validates itself on construction
 * @param <R> the result type; Jackson writes it as JSON
 */
public interface EngineTask<Q, R extends StageResult> {

    /** The name used by the bridge and the CLI, e.g. {@code "test"}. */
    String name();

    Class<Q> requestType();

    R run(Q request, TaskContext context) throws SlipwayException, InterruptedException;
}
