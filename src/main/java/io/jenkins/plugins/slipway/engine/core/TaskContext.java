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

    /**
     * An input file the user named: {@code ~/…} is the home folder, an absolute path is taken as the user's explicit
     * choice, and a relative one must stay inside the workspace once links are followed (a commit cannot turn
     * {@code userDataFile: 'init.sh'} into a link to {@code ~/.aws/credentials}).
     *
     * @param parameter the parameter's name, for the message
     * @throws SlipwayException BAD_INPUT naming the parameter, where the link leads and how to name an outside file
     */
    public Path input(String path, String parameter) throws SlipwayException {
        String expanded = TrustStore.expandHome(path);
        Path given = Path.of(expanded);
        Path resolved = workDir.resolve(given).normalize();
        if (given.isAbsolute()) {
            return resolved;
        }
        if (!resolved.startsWith(workDir)) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, parameter + ": '" + path + "' leads out of "
                    + "the workspace " + workDir + ". To use a file outside the workspace on purpose, name it by its "
                    + "absolute path.");
        }
        try {
            Path real = resolved.toRealPath();
            if (!real.startsWith(workDir.toRealPath())) {
                throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, parameter + ": '" + path + "' is a link "
                        + "to " + real + ", outside the workspace " + workDir + " (a commit may have added it). To use "
                        + "a file outside the workspace on purpose, name it by its absolute path.");
            }
        } catch (java.io.IOException e) {
            return resolved; // missing: the caller says so in its own words
        }
        return resolved;
    }

    /** Whether {@code path} is inside the workspace, by its name or once links are followed. */
    public boolean insideWorkspace(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (p.startsWith(workDir)) {
            return true;
        }
        try {
            Path existing = p;
            while (existing != null && !java.nio.file.Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && existing.toRealPath().startsWith(workDir.toRealPath());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The output file {@code path}: its folder made and checked as {@link #outputDir} does. */
    public Path outputFile(String path) throws java.io.IOException {
        return SafeOutput.file(workDir, resolve(path));
    }
}
