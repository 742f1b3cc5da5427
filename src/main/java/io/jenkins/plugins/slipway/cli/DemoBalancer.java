package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's load balancer: a real HAProxy in front of the local hosts (health checks every 0.5 s, no retries, no
 * redispatch, as a cloud balancer behaves), its runtime API on a loopback port for the deploy's traffic control, and
 * an open-loop load of 200 requests/s through it from the moment the first host is UP until the pipeline ends.
 */
final class DemoBalancer implements AutoCloseable {
    static final int RATE = 200;

    private final Process process;
    final int apiPort;
    final int frontendPort;
    private final Thread starter;
    private volatile OpenLoopLoad load;
    private volatile boolean closed;

    private DemoBalancer(Process process, int apiPort, int frontendPort) {
        this.process = process;
        this.apiPort = apiPort;
        this.frontendPort = frontendPort;
        this.starter = new Thread(this::startLoadWhenUp, "demo load starter");
        starter.setDaemon(true);
    }

    /** HAProxy on the PATH (or in /usr/sbin, where Debian puts it), or null. */
    static Path find() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, "haproxy");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        for (String p : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** Starts HAProxy with the hosts at {@code addresses}:{@code appPort} as backend {@code app}. */
    static DemoBalancer start(Path haproxy, List<String> addresses, int appPort, Path dir, Log log)
            throws IOException, InterruptedException, io.jenkins.plugins.slipway.engine.core.SlipwayException {
        Files.createDirectories(dir);
        int api = DemoProject.freePort(List.of("127.0.0.1"));
        int front;
        do {
            front = DemoProject.freePort(List.of("127.0.0.1"));
        } while (front == api);
        StringBuilder cfg = new StringBuilder("global\n  stats socket ipv4@127.0.0.1:" + api + " level admin\n"
                + "defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n  timeout check 2s\n"
                + "  retries 0\n  no option redispatch\n  option httpchk GET /health\n"
                + "  default-server inter 500 fastinter 500 downinter 500 fall 2 rise 1\n"
                + "frontend web\n  bind 127.0.0.1:" + front + "\n  default_backend app\n"
                + "backend app\n  balance roundrobin\n");
        for (int i = 0; i < addresses.size(); i++) {
            cfg.append("  server web").append(i + 1).append(' ').append(addresses.get(i)).append(':').append(appPort).append(" check\n");
        }
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), cfg.toString());
        Process p = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers(api)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("HAProxy did not start: " + Files.readString(dir.resolve("haproxy.log")).strip());
            }
            Thread.sleep(50);
        }
        DemoBalancer b = new DemoBalancer(p, api, front);
        b.starter.start();
        log.info("HAProxy in front of the hosts: http://127.0.0.1:" + front + "/ (runtime API 127.0.0.1:" + api + ", " + dir.resolve("haproxy.cfg")
                + "); the deploys take each host out of it and back");
        return b;
    }

    /** The deploy request's {@code traffic} object for this balancer. */
    Map<String, Object> traffic(int minHealthyPercent) {
        return Map.of("haproxy", Map.of("address", "127.0.0.1:" + apiPort, "backend", "app"), "minHealthyPercent", minHealthyPercent,
                "drainTimeoutSeconds", 10, "healthyTimeoutSeconds", 60);
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void startLoadWhenUp() {
        while (!closed) {
            try (Socket s = new Socket("127.0.0.1", apiPort)) {
                s.setSoTimeout(2000);
                s.getOutputStream().write("show stat\n".getBytes(StandardCharsets.US_ASCII));
                String stat = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (stat.lines().anyMatch(l -> l.startsWith("app,web") && l.contains(",UP,"))) {
                    load = new OpenLoopLoad(URI.create("http://127.0.0.1:" + frontendPort + "/health"), RATE, Duration.ofSeconds(5));
                    return;
                }
            } catch (IOException e) {
                // HAProxy busy or gone: try again
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * A log that passes everything on and stops the load when the pipeline says stage {@code lastDeploy} ended
     * ({@code ── stage NAME: STATUS}): after it the pipeline stops the local hosts, and the load would count that.
     */
    Log stopLoadAfter(String lastDeploy, Log log) {
        String end = "── stage " + lastDeploy + ": ";
        return new Log() {
            @Override
            public void info(String message) {
                log.info(message);
                if (lastDeploy != null && message.startsWith(end)) {
                    try {
                        stopLoad();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public void progress(String message) {
                log.progress(message);
            }

            @Override
            public void waitingFor(String what) {
                log.waitingFor(what);
            }
        };
    }

    /**
     * Stops the load (the answers in flight are awaited) and returns what it saw, or null when no host ever came UP.
     * Calling it again returns the same counts.
     */
    synchronized OpenLoopLoad.Counts stopLoad() throws InterruptedException {
        if (counts == null) {
            closed = true;
            starter.interrupt();
            starter.join(5000);
            counts = load == null ? null : load.stop();
        }
        return counts;
    }

    private OpenLoopLoad.Counts counts;

    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (load != null) {
            load.close();
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
