package io.jenkins.plugins.slipway.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.bridge.DetachedEngine;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.bridge.PlainData;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * What the controller asks of an agent about a detached engine run ({@link DetachedEngine}): start it, look at it
 * (new log bytes from an offset, its end), stop it, remove its control directory. Each crosses the channel with
 * plain data only; each works from the control directory alone, so it works as well after a restart of the
 * controller or of the agent's JVM.
 */
final class DetachedCalls {
    private DetachedCalls() {
    }

    /** Starts the engine detached with the agent's Java; the envelope (secrets included) goes to its stdin only. */
    static final class Start extends MasterToSlaveFileCallable<Boolean> {
        private static final long serialVersionUID = 1L;
        private final List<String> engineArgs;
        private final List<String> jvmOptions;
        private final Map<String, Object> envelope;
        private final Map<String, String> env;
        private final int graceSeconds;
        private final String controlDir;

        Start(List<String> engineArgs, List<String> jvmOptions, Map<String, Object> envelope, Map<String, String> env,
                int graceSeconds, String controlDir) {
            this.engineArgs = new ArrayList<>(engineArgs);
            this.jvmOptions = new ArrayList<>(jvmOptions);
            this.envelope = PlainData.copyOf(envelope, "the engine's request envelope");
            this.env = new LinkedHashMap<>(env);
            this.graceSeconds = graceSeconds;
            this.controlDir = controlDir;
        }

        @Override
        public Boolean invoke(File workspace, VirtualChannel channel) throws IOException {
            EngineProcess.startDetached(EngineProcess.currentJava(), jvmOptions, engineArgs, envelope,
                    workspace.toPath(), env, Duration.ofSeconds(graceSeconds), Path.of(controlDir));
            return true;
        }
    }

    /**
     * New log bytes from {@code offset}: {@code bytes}, {@code offset} (the next one), {@code more}; once the run
     * ended, {@code ended} and {@code outcome} ({@link EngineReply#transportable}).
     */
    static final class Look extends MasterToSlaveFileCallable<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final String controlDir;
        private final long offset;
        private final int max;

        Look(String controlDir, long offset, int max) {
            this.controlDir = controlDir;
            this.offset = offset;
            this.max = max;
        }

        @Override
        public Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException {
            DetachedEngine.Look look = DetachedEngine.look(Path.of(controlDir), offset, max);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("bytes", look.bytes());
            answer.put("offset", look.offset());
            answer.put("more", look.more());
            answer.put("ended", look.ended());
            if (look.ended()) {
                answer.put("outcome", EngineReply.transportable(look.outcome()));
            }
            return answer;
        }
    }

    /** Stops the run (engine, then what is left of its tree); returns what was done, for the build log. */
    static final class Stop extends MasterToSlaveFileCallable<ArrayList<String>> {
        private static final long serialVersionUID = 1L;
        private final String controlDir;
        private final int graceSeconds;

        Stop(String controlDir, int graceSeconds) {
            this.controlDir = controlDir;
            this.graceSeconds = graceSeconds;
        }

        @Override
        public ArrayList<String> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            return new ArrayList<>(DetachedEngine.stop(Path.of(controlDir), Duration.ofSeconds(graceSeconds)));
        }
    }

    /** The run's log as text (its last {@code max} bytes at most), for the report of an engine that died. */
    static final class LogText extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String controlDir;
        private final int max;

        LogText(String controlDir, int max) {
            this.controlDir = controlDir;
            this.max = max;
        }

        @Override
        public String invoke(File workspace, VirtualChannel channel) throws IOException {
            return DetachedEngine.logText(Path.of(controlDir), max);
        }
    }

    /** Removes a collected run's control directory. */
    static final class Remove extends MasterToSlaveFileCallable<Boolean> {
        private static final long serialVersionUID = 1L;
        private final String controlDir;

        Remove(String controlDir) {
            this.controlDir = controlDir;
        }

        @Override
        public Boolean invoke(File workspace, VirtualChannel channel) {
            DetachedEngine.remove(Path.of(controlDir));
            return true;
        }
    }
}
