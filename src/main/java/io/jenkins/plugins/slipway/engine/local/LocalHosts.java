package io.jenkins.plugins.slipway.engine.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.SshServer;

/**
 * The SSH servers of a local simulation, and what to clean up when they stop: the servers, the login key, and the
 * services commands started on the hosts and recorded as a pid in a {@code *.pid} file in the host's directory
 * (like a service manager would).
 */
public final class LocalHosts implements AutoCloseable {
    private final List<SshServer> servers;
    private final List<Path> hostDirs;
    private final Path keyDir;
    private final String privateKey;
    private boolean closed;

    LocalHosts(List<SshServer> servers, List<Path> hostDirs, Path keyDir, String privateKey) {
        this.servers = servers;
        this.hostDirs = hostDirs;
        this.keyDir = keyDir;
        this.privateKey = privateKey;
    }

    String privateKey() {
        return privateKey;
    }

    public synchronized boolean isRunning() {
        return !closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // servers first, so that no command can start another service while the services are being stopped
        for (SshServer server : servers) {
            try {
                server.stop(true);
            } catch (IOException e) {
                // stopping anyway
            }
        }
        stopServices(hostDirs);
        try {
            Files.deleteIfExists(keyDir.resolve("id_ecdsa"));
            Files.deleteIfExists(keyDir);
        } catch (IOException e) {
            // a temporary directory; the OS cleans it
        }
    }

    /**
     * Stops the processes whose pid is in a {@code *.pid} file of a host directory and that run from there: all
     * asked to stop at once (SIGTERM), then killed when still alive after a grace period.
     */
    static void stopServices(List<Path> dirs) {
        List<ProcessHandle> services = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> pids = Files.newDirectoryStream(dir, "*.pid")) {
                for (Path file : pids) {
                    pid(file).flatMap(ProcessHandle::of).filter(p -> belongsTo(p, dir)).ifPresent(p -> {
                        services.addAll(p.descendants().toList());
                        services.add(p);
                    });
                }
            } catch (IOException e) {
                // nothing to stop there
            }
        }
        services.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        // polling is much faster than onExit() for processes that are not our children
        while (services.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        services.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean belongsTo(ProcessHandle p, Path dir) {
        if (p.pid() == ProcessHandle.current().pid() || !p.isAlive()) {
            return false;
        }
        // only a process started from this host's directory (its command line names it) is stopped
        return p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false);
    }
}
