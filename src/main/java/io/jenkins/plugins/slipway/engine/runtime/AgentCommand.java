package io.jenkins.plugins.slipway.engine.runtime;

import io.jenkins.plugins.slipway.bridge.MiniJson;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The engine end of the Jenkins bridge. Reads one JSON envelope from standard input:
 * {@code {"task", "request", "secrets", "workDir", "resultFile", "debug"}}; prints log lines on standard output;
 * writes the result envelope to {@code resultFile}. On SIGTERM (a build abort) the task is interrupted and gets
 * {@code --grace} seconds to clean up before the JVM exits.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, hidden = true,
        description = "Run one task from a JSON envelope on standard input (used by the Jenkins plugin).")
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--grace", paramLabel = "SECONDS", description = "Seconds a task gets to clean up after an abort (default ${DEFAULT-VALUE}).")
    int graceSeconds = 30;

    @Option(names = "--prefix", paramLabel = "TEXT", description = "Prefix of every log line (default: none).")
    String prefix = "";

    /**
     * The bridge's own start, {@code agent [--grace=N] [--prefix=TEXT]}, run without picocli: the bridge starts
     * the engine once per step, and picocli's model (built by reflection, from classes too old for the JVM's
     * class-data archive) would be most of that start's cost. Returns null for anything else (help, other
     * spellings, other commands), which then goes through picocli as usual.
     */
    public static Integer runDirectly(String... args) {
        if (args.length == 0 || !"agent".equals(args[0])) {
            return null;
        }
        AgentCommand agent = new AgentCommand();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--grace=") && arg.substring("--grace=".length()).matches("\\d{1,6}")) {
                agent.graceSeconds = Integer.parseInt(arg.substring("--grace=".length()));
            } else if (arg.startsWith("--prefix=")) {
                agent.prefix = arg.substring("--prefix=".length());
            } else {
                return null;
            }
        }
        java.io.PrintWriter err = new java.io.PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            return agent.call();
        } catch (Exception e) {
            return report(e, err);
        }
    }

    /** What went wrong, as the command line says it, and the exit code. */
    private static int report(Exception e, java.io.PrintWriter err) {
        if (e instanceof SlipwayException se) {
            err.println("slipway: " + se.getMessage());
            return se.kind().exitCode();
        }
        err.println("slipway: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        return 3;
    }

    /**
     * The envelope, read with the bridge's own JDK-only JSON reader: Jackson's set-up would be a third of a short
     * step's engine start, and the task may not need it at all.
     */
    static Map<String, Object> readEnvelope(InputStream in) throws SlipwayException {
        Map<String, Object> envelope;
        try {
            envelope = MiniJson.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "Cannot read the request envelope from standard input: "
                    + e.getMessage(), e);
        }
        if (!(envelope.get("task") instanceof String)) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "The request envelope on standard input has no 'task'.");
        }
        return envelope;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requestOf(Object request) throws SlipwayException {
        if (request == null || request instanceof Map) {
            return (Map<String, Object>) request;
        }
        throw new SlipwayException(SlipwayException.Kind.BAD_INPUT,
                "The request envelope's 'request' must be a JSON object of the task's parameters, not " + request);
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> envelope = readEnvelope(System.in);
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("envelope-read");
        Map<String, String> secretValues = new LinkedHashMap<>();
        if (envelope.get("secrets") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> secretValues.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        Secrets secrets = Secrets.of(secretValues);
        boolean debug = Boolean.TRUE.equals(envelope.get("debug"));
        Log log = Log.console(System.out, prefix, debug, secrets);
        Path workDir = Path.of(envelope.get("workDir") instanceof String w ? w : ".").toAbsolutePath().normalize();
        Path resultFile = envelope.get("resultFile") instanceof String r ? Path.of(r) : null;
        Map<String, Object> request = requestOf(envelope.get("request"));

        Thread worker = Thread.currentThread();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (!done.get()) {
                log.warn("Abort requested: stopping the task (up to " + graceSeconds + " s to clean up)");
                worker.interrupt();
                try {
                    // not join(): the worker may be blocked in System.exit while the JVM shuts down
                    finished.await(graceSeconds, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "slipway-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return TaskRunner.runForBridge((String) envelope.get("task"), request, new TaskContext(log, secrets, workDir),
                    resultFile);
        } catch (InterruptedException e) {
            log.warn("Task aborted");
            return 3;
        } finally {
            done.set(true);
            finished.countDown();
        }
    }
}
