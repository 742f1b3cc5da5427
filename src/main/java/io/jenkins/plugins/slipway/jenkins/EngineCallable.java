package io.jenkins.plugins.slipway.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.bridge.PlainData;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent (in-JVM for the controller's own workspaces): starts the engine in its own JVM with the
 * agent's Java, streams its lines into the build log and returns what it left behind. Request envelope and reply
 * cross the agent channel as plain data ({@link PlainData}: maps, lists, strings, numbers, booleans), which
 * Jenkins' class filter lets through; JSON is written only into the engine's standard input and read only from
 * its result file. The envelope, secrets included, is never written to disk, the workspace or the log. A cached
 * engine jar starts with its class-data archive.
 */
final class EngineCallable extends MasterToSlaveFileCallable<Map<String, Object>> {
    private static final long serialVersionUID = 2L;

    private final List<String> engineArgs;
    private final List<String> jvmOptions;
    private final Map<String, Object> envelope;
    private final Map<String, String> env;
    private final TaskListener listener;
    private final int graceSeconds;

    /**
     * @param engineArgs how to start the engine after the JVM options: {@code -jar <jar>} or {@code -cp <cp> <main>}
     * @param envelope   {@code task}, {@code request}, {@code secrets}, {@code prefix}, {@code debug}; copied as
     *                   plain data (an {@link IllegalArgumentException} names a value that is not)
     */
    EngineCallable(List<String> engineArgs, List<String> jvmOptions, Map<String, Object> envelope,
            Map<String, String> env, TaskListener listener, int graceSeconds) {
        this.engineArgs = new ArrayList<>(engineArgs);
        this.jvmOptions = new ArrayList<>(jvmOptions);
        this.envelope = PlainData.copyOf(envelope, "the engine's request envelope");
        this.env = new LinkedHashMap<>(env);
        this.listener = listener;
        this.graceSeconds = graceSeconds;
    }

    /** Returns {@link EngineReply#transportable}: {@code exitCode}, {@code lastLines} and the result envelope. */
    @Override
    public Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        EngineProcess.Outcome outcome = EngineProcess.runEngine(EngineProcess.currentJava(), jvmOptions, engineArgs,
                envelope, workspace.toPath(), env, Duration.ofSeconds(graceSeconds), line -> {
                    synchronized (log) {
                        log.println(line);
                    }
                });
        return EngineReply.transportable(outcome);
    }
}
