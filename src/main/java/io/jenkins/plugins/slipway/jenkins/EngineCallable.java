package io.jenkins.plugins.slipway.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
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
 * agent's Java, streams its lines into the build log and returns its result envelope as JSON text.
 * The envelope, secrets included, travels over the agent channel and reaches the engine on standard input;
 * it is never written to disk, the workspace or the log. A cached engine jar starts with its class-data archive.
 */
final class EngineCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final List<String> engineArgs;
    private final List<String> jvmOptions;
    private final String envelopeJson;
    private final Map<String, String> env;
    private final TaskListener listener;
    private final int graceSeconds;

    /**
     * @param engineArgs how to start the engine after the JVM options: {@code -jar <jar>} or {@code -cp <cp> <main>}
     */
    EngineCallable(List<String> engineArgs, List<String> jvmOptions, String envelopeJson, Map<String, String> env,
            TaskListener listener, int graceSeconds) {
        this.engineArgs = new ArrayList<>(engineArgs);
        this.jvmOptions = new ArrayList<>(jvmOptions);
        this.envelopeJson = envelopeJson;
        this.env = new LinkedHashMap<>(env);
        this.listener = listener;
        this.graceSeconds = graceSeconds;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = io.jenkins.plugins.slipway.bridge.MiniJson.parseObject(envelopeJson);
        EngineProcess.Outcome outcome = EngineProcess.runEngine(EngineProcess.currentJava(), jvmOptions, engineArgs,
                envelope, workspace.toPath(), env, Duration.ofSeconds(graceSeconds), line -> {
                    synchronized (log) {
                        log.println(line);
                    }
                });
        return io.jenkins.plugins.slipway.bridge.MiniJson.write(Map.of(
                "exitCode", outcome.exitCode(),
                "result", outcome.resultJson() == null ? "" : outcome.resultJson(),
                "lastLines", outcome.lastLines()));
    }
}
