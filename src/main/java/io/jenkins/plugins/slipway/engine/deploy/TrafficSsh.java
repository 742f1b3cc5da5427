package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficControls;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commands for a load balancer over SSH, with the deploy's credentials and host-key trust: on a deploy host (by
 * its name) or on another host ({@code user@host:port}, e.g. the HAProxy machine). One connection per host, kept
 * for the deploy and closed at its end; commands on one host run one at a time.
 */
final class TrafficSsh implements TrafficControls.Ssh, AutoCloseable {
    private static final int MAX_LINES = 2000;

    private final List<DeployHost> hosts;
    private final String defaultUser;
    private final RemoteHost.Connector connector;
    private final Map<String, RemoteHost> open = new ConcurrentHashMap<>();

    TrafficSsh(List<DeployHost> hosts, String defaultUser, RemoteHost.Connector connector) {
        this.hosts = hosts;
        this.defaultUser = defaultUser;
        this.connector = connector;
    }

    /** A deploy host by name, else {@code user@host:port} with the deploy's default user. */
    DeployHost resolve(String host) {
        for (DeployHost h : hosts) {
            if (h.name().equals(host)) {
                return h;
            }
        }
        DeployHost parsed = DeployHost.parse(host).withDefaultUser(defaultUser);
        if (parsed.user() == null) {
            throw new IllegalArgumentException("the SSH host '" + host + "' names no user: write user@host, or give 'user'");
        }
        return parsed;
    }

    @Override
    public TrafficControls.CommandResult run(String host, String command, Duration timeout) throws IOException, InterruptedException {
        DeployHost target;
        try {
            target = resolve(host);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String key = target.user() + "@" + target.hostAndPort();
        RemoteHost remote = connection(key, target);
        synchronized (remote) {
            if (!remote.isConnected()) {
                open.remove(key, remote);
                remote.close();
                remote = connection(key, target);
            }
            Deque<String> lines = new ArrayDeque<>();
            RemoteHost.ExecResult result = remote.exec(command, timeout, line -> {
                lines.add(line);
                if (lines.size() > MAX_LINES) {
                    lines.removeFirst();
                }
            });
            return new TrafficControls.CommandResult(result.exitCode(), String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
        }
    }

    private RemoteHost connection(String key, DeployHost target) throws IOException {
        RemoteHost remote = open.get(key);
        if (remote != null) {
            return remote;
        }
        synchronized (open) {
            remote = open.get(key);
            if (remote == null) {
                try {
                    remote = connector.connect(target);
                } catch (DeployException e) {
                    throw new IOException(e.getMessage(), e);
                }
                open.put(key, remote);
            }
            return remote;
        }
    }

    @Override
    public String login(String host) {
        DeployHost h;
        try {
            h = resolve(host);
        } catch (IllegalArgumentException e) {
            return "ssh " + host;
        }
        return "ssh " + (h.port() == 22 ? "" : "-p " + h.port() + " ") + h.user() + "@" + h.host();
    }

    @Override
    public void close() {
        open.values().forEach(RemoteHost::close);
        open.clear();
    }
}
