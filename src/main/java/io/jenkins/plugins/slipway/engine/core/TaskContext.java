package io.jenkins.plugins.slipway.engine.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a task gets besides its request: where to log, the secrets from standard input, and the working
 * directory (the workspace in a Jenkins build) against which relative paths resolve.
 */
public final class TaskContext {
    private final Log log;
    private final Secrets secrets;
    private final Path workDir;

    public TaskContext(Log log, Secrets secrets, Path workDir) {
        this.log = Objects.requireNonNull(log, "log");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
    }

    public Log log() {
        return log;
    }

    public Secrets secrets() {
        return secrets;
    }

    public Path workDir() {
        return workDir;
    }

    /** Resolves {@code path} against the working directory unless it is absolute. */
    public Path resolve(String path) {
        return workDir.resolve(path).normalize();
    }
}
