package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** One open connection to a host: run shell commands, upload files. The outside system behind the deploy logic. */
interface RemoteHost extends AutoCloseable {

    /** How a remote command ended; {@code tail} keeps its last output lines for messages. */
    record ExecResult(int exitCode, List<String> tail) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** A line a remote script prints to announce a step; the command timeout starts again at each. */
    String STEP_MARKER = "slipway:phase=";

    /**
     * Runs {@code command} through {@code /bin/sh -c} with stderr merged into stdout, streaming every line.
     * On timeout or interrupt the remote process and its children are stopped. {@code timeout} applies to the
     * whole command, or, when it prints {@link #STEP_MARKER} lines, to each step.
     */
    default ExecResult exec(String command, Duration timeout, Consumer<String> lines) throws IOException, InterruptedException {
        return exec(command, null, timeout, lines, sent -> { });
    }

    /**
     * Like {@link #exec(String, Duration, Consumer)} with the file {@code input} (when not null) streamed to the
     * command's standard input at the connection's full speed, reporting the bytes sent so far; then EOF.
     */
    ExecResult exec(String command, Path input, Duration timeout, Consumer<String> lines, LongConsumer progress)
            throws IOException, InterruptedException;

    /**
     * The SSH algorithms the host and Slipway agreed on (key exchange, host key, cipher, MAC), for the debug log;
     * null when not known.
     */
    default String algorithms() {
        return null;
    }

    /** Uploads {@code local} to {@code remotePath} over SFTP, reporting the bytes sent so far. */
    void upload(Path local, String remotePath, LongConsumer progress) throws IOException, InterruptedException;

    boolean isConnected();

    @Override
    void close();

    /** Opens connections. */
    interface Connector extends AutoCloseable {
        RemoteHost connect(DeployHost host) throws IOException, DeployException;

        @Override
        default void close() {
        }
    }
}
