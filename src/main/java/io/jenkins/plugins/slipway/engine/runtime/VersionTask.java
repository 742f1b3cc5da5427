package io.jenkins.plugins.slipway.engine.runtime;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;

/** Task {@code version}: which engine, on which Java, on which machine. Proves step → bridge → engine → result. */
public final class VersionTask {

    private VersionTask() {
    }

    /** No parameters. */
    record Request() {
    }

    /** The engine's identity. */
    record Result(String version, String javaVersion, String javaHome, String os, String host, String workDir)
            implements StageResult {
        @Override
        public Outcome outcome() {
            return Outcome.PASSED;
        }

        @Override
        public String summary() {
            return "Slipway engine " + version + " on Java " + javaVersion + " (" + os + ", " + host + ")";
        }
    }

    static Result run(Request request, TaskContext context) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown host";
        }
        return new Result(version(), System.getProperty("java.version"), System.getProperty("java.home"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), host,
                context.workDir().toString());
    }

    public static String version() {
        String v = VersionTask.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
