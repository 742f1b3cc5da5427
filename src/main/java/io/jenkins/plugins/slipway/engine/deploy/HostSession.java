package io.jenkins.plugins.slipway.engine.deploy;

import static io.jenkins.plugins.slipway.engine.deploy.ReleaseScripts.MARK;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One host's connection during a deploy: connects, runs scripts (each prefixed with the base directory) and
 * collects their {@code slipway:} markers, uploads, and reconnects once to clean up after a broken connection.
 */
final class HostSession {
    private final DeployHost host;
    private final RemoteHost.Connector connector;
    private final ReleaseScripts scripts;
    private final Log log;
    private RemoteHost remote;

    HostSession(DeployHost host, RemoteHost.Connector connector, ReleaseScripts scripts, Log log) {
        this.host = host;
        this.connector = connector;
        this.scripts = scripts;
        this.log = log;
    }

    void connect() throws IOException, DeployException {
        remote = connector.connect(host);
        if (remote.algorithms() != null) {
            log.debug("SSH: " + remote.algorithms());
        }
    }

    /** Whether a connection was made at all (it may have broken since). */
    boolean opened() {
        return remote != null;
    }

    /**
     * Whether the connection is up, reconnecting when it broke; false without trying when none was ever made and
     * the host holds no lock of this run ({@code locked}), as then there is nothing to clean up.
     */
    boolean ensureConnected(boolean locked) {
        if (remote != null && remote.isConnected()) {
            return true;
        }
        if (remote == null && !locked) {
            return false;
        }
        return reconnect();
    }

    /** Closes the connection and opens a fresh one; false (logged) when that fails. */
    boolean reconnect() {
        if (remote != null) {
            remote.close();
        }
        try {
            log.info("reconnecting to clean up");
            remote = connector.connect(host);
            return true;
        } catch (IOException | DeployException e) {
            log.warn("cannot reconnect: " + HostDeployer.describe(e));
            return false;
        }
    }

    void close() {
        if (remote != null) {
            remote.close();
        }
    }

    /** Runs {@code body} in the base directory as it is: no markers collected. */
    RemoteHost.ExecResult exec(String body, Duration timeout, Consumer<String> lines)
            throws IOException, InterruptedException {
        return remote.exec(scripts.script(body), timeout, lines);
    }

    void upload(Path local, String remotePath, LongConsumer progress) throws IOException, InterruptedException {
        remote.upload(local, remotePath, progress);
    }

    /**
     * Runs a script over the connection with {@code input} (or none) on its standard input, collecting its markers
     * (each also handed to {@code onMarker} the moment it arrives) and passing its other lines on.
     */
    ScriptRun run(String body, Path input, Duration timeout, Consumer<String> lines, LongConsumer progress,
            BiConsumer<String, String> onMarker) throws IOException, InterruptedException {
        Map<String, String> markers = new ConcurrentHashMap<>();
        boolean[] inHook = {false};
        RemoteHost.ExecResult out = remote.exec(scripts.script(body), input, timeout, line -> {
            // a hook's output is shown, never read as markers: from its phase line to the script's secret end line
            if (line.equals(scripts.hookEnd)) {
                inHook[0] = false;
            } else if (inHook[0]) {
                lines.accept(line);
            } else if (line.startsWith(MARK)) {
                if (line.startsWith(RemoteHost.STEP_MARKER) && line.matches(".*#\\d+$")) {
                    inHook[0] = true;
                }
                int eq = line.indexOf('=');
                if (eq > 0) {
                    String key = line.substring(MARK.length(), eq);
                    markers.put(key, line.substring(eq + 1));
                    onMarker.accept(key, line.substring(eq + 1));
                }
            } else {
                lines.accept(line);
            }
        }, progress);
        List<String> tail = out.tail().stream().filter(l -> !l.startsWith(MARK)).toList();
        return new ScriptRun(out.exitCode(), markers, tail);
    }
}
