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

    /**
     * The output folder {@code path} (relative to the working directory unless absolute), made if missing and checked
     * by {@link SafeOutput#directory}: no link on the way, its real path inside the workspace.
     */
    public Path outputDir(String path) throws java.io.IOException {
        return SafeOutput.directory(workDir, resolve(path));
    }

    /** The output file {@code path}: its folder made and checked as {@link #outputDir} does. */
    public Path outputFile(String path) throws java.io.IOException {
        return SafeOutput.file(workDir, resolve(path));
    }
}
