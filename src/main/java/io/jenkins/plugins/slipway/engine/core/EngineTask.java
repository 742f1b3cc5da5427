package io.jenkins.plugins.slipway.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * One capability as the bridge, the CLI and the pipeline call it: a request in, a result out. A value, not a class
 * to write: the table of every task ({@code engine.runtime.EngineTasks}) builds one per task with {@link #of}.
 *
 * @param name        the name used by the bridge and the CLI, e.g. {@code "test"}
 * @param requestType the request type; Jackson reads it from JSON (records work), and it validates itself
 * @param action      runs the task
 * @param epilogue    adds fields to the result envelope beside {@code result} and {@code commit} (e.g. a deploy's
 *                    commits since the release it replaced); {@link #NO_EPILOGUE} for most tasks
 * @param warmUp      what a cold JVM can set up for the task on a second thread while the request is still being read
 *                    and bound (a deploy's SSH and crypto classes); {@link #NO_WARM_UP} for most tasks
 * @param <Q>         the request type
 * @param <R>         the result type; Jackson writes it as JSON
 */
public record EngineTask<Q, R extends StageResult>(String name, Class<Q> requestType, Action<Q, R> action,
        Epilogue<? super R> epilogue, WarmUp warmUp) {

    /** What a task does with its request. */
    @FunctionalInterface
    public interface Action<Q, R> {
        R run(Q request, TaskContext context) throws SlipwayException, InterruptedException;
    }

    /** Extra fields of the result envelope, from the task's result and the commit it was made from. */
    @FunctionalInterface
    public interface Epilogue<R> {
        /** The fields to add (none: an empty map); {@code commit} is the envelope's {@code commit} field. */
        Map<String, JsonNode> fields(R result, JsonNode commit, TaskContext context);
    }

    /**
     * Set-up that only makes the task start sooner: run once, on its own daemon thread, beside the binding of the
     * request (the request is not known yet; the secrets are). It must change nothing the task relies on and
     * swallow its own failures: the task does all of it again, only faster.
     */
    @FunctionalInterface
    public interface WarmUp {
        void run(TaskContext context);
    }

    /** The warm-up of a task that has nothing to set up ahead. */
    public static final WarmUp NO_WARM_UP = context -> { };

    /** The epilogue of a task that adds nothing to its envelope. */
    public static final Epilogue<Object> NO_EPILOGUE = (result, commit, context) -> Map.of();

    public EngineTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(epilogue, "epilogue");
        Objects.requireNonNull(warmUp, "warmUp");
    }

    /** A task that adds nothing to its envelope. */
    public static <Q, R extends StageResult> EngineTask<Q, R> of(String name, Class<Q> requestType,
            Action<Q, R> action) {
        return new EngineTask<>(name, requestType, action, NO_EPILOGUE, NO_WARM_UP);
    }

    /** This task with {@code epilogue} adding fields to its envelope. */
    public EngineTask<Q, R> withEpilogue(Epilogue<? super R> epilogue) {
        return new EngineTask<>(name, requestType, action, epilogue, warmUp);
    }

    /** This task with {@code warmUp} run beside the binding of its request. */
    public EngineTask<Q, R> withWarmUp(WarmUp warmUp) {
        return new EngineTask<>(name, requestType, action, epilogue, warmUp);
    }

    /**
     * Starts {@link #warmUp} on its own daemon thread (nothing for {@link #NO_WARM_UP}); a failure in it only costs
     * the time it was meant to save.
     */
    public void startWarmUp(TaskContext context) {
        if (warmUp == NO_WARM_UP) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                warmUp.run(context);
            } catch (RuntimeException | LinkageError e) {
                // the task does the same work itself
            }
        }, "slipway " + name + " warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    public R run(Q request, TaskContext context) throws SlipwayException, InterruptedException {
        return action.run(request, context);
    }
}
