package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Three "machines" behind a real HAProxy, all on loopback: each an OpenSSH {@code sshd} with its own HOME, running
 * a small Python HTTP service that needs 3 s to start (like a JVM service) and that {@code afterSwitch} restarts;
 * HAProxy ({@code /usr/sbin/haproxy}) health-checks them every 0.5 s, with {@code retries 0} and no
 * {@code option redispatch} (the way a cloud load balancer behaves), and has its runtime API on a TCP port and on
 * an admin socket. Used by the integration test, the benchmark and the real-Jenkins test.
 */
public final class ZeroDowntimeLab implements AutoCloseable {
    public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    public static final String BACKEND = "app";

    public final Path root;
    public final List<OpenSshServer> hosts = new ArrayList<>();
    public final List<Integer> appPorts = new ArrayList<>();
    public final int frontendPort;
    public final int apiPort;
    public final Path adminSocket;
    public final String python;
    private final Process haproxy;
    public final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    /** Why the lab cannot run here, or null. */
    public static String unavailable() {
        if (!OpenSshServer.available()) {
            return "OpenSSH sshd is not installed (apt-get install openssh-server)";
        }
        if (!Files.isExecutable(HAPROXY)) {
            return "HAProxy is not installed at " + HAPROXY + " (apt-get install haproxy)";
        }
        if (python() == null) {
            return "python3 is not installed (apt-get install python3)";
        }
        return null;
    }

    static String python() {
        for (String p : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    public ZeroDowntimeLab(Path root, int count) throws IOException, InterruptedException {
        this(root, count, 500);
    }

    /** With HAProxy's health checks every {@code checkMillis}. */
    public ZeroDowntimeLab(Path root, int count, int checkMillis) throws IOException, InterruptedException {
        this.root = Files.createDirectories(root);
        this.python = python();
        for (int i = 1; i <= count; i++) {
            Path home = Files.createDirectories(root.resolve("web" + i + "/home"));
            int port = freePort();
            Files.writeString(home.resolve("port"), port + "\n");
            appPorts.add(port);
            hosts.add(new OpenSshServer(root.resolve("web" + i + "/sshd"), DeployFixture.USER_KEY.getPublic(), home));
        }
        frontendPort = freePort();
        apiPort = freePort();
        adminSocket = root.resolve("haproxy/admin.sock");
        Files.createDirectories(adminSocket.getParent());
        StringBuilder cfg = new StringBuilder();
        cfg.append("global\n  stats socket ipv4@127.0.0.1:").append(apiPort).append(" level admin\n")
                .append("  stats socket ").append(adminSocket).append(" mode 600 level admin\n")
                .append("defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n  timeout check 2s\n")
                .append("  retries 0\n  no option redispatch\n  option httpchk GET /health\n")
                .append("  default-server inter ").append(checkMillis).append(" fastinter ").append(checkMillis).append(" downinter ")
                .append(checkMillis).append(" fall 2 rise 1\n")
                .append("frontend web\n  bind 127.0.0.1:").append(frontendPort).append("\n  default_backend ").append(BACKEND).append('\n')
                .append("backend ").append(BACKEND).append("\n  balance roundrobin\n");
        for (int i = 0; i < count; i++) {
            cfg.append("  server web").append(i + 1).append(" 127.0.0.1:").append(appPorts.get(i)).append(" check\n");
        }
        Path config = Files.writeString(root.resolve("haproxy/haproxy.cfg"), cfg.toString());
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("haproxy/haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!open(apiPort)) {
            if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("haproxy did not start: " + Files.readString(root.resolve("haproxy/haproxy.log")));
            }
            Thread.sleep(50);
        }
    }

    private static boolean open(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** The key every host of the lab accepts. */
    public static java.security.KeyPair userKey() {
        return DeployFixture.USER_KEY;
    }

    /** The hosts as a Groovy list of host maps (name, host, port, user, pinned host key). */
    public String groovyHosts() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            DeployHost h = hosts.get(i).host("web" + (i + 1));
            out.add("[name: '" + h.name() + "', host: '" + h.host() + "', port: " + h.port() + ", user: '" + h.user()
                    + "', hostKeyFingerprints: ['" + h.hostKeyFingerprints().get(0) + "']]");
        }
        return "[" + String.join(", ", out) + "]";
    }

    public URI frontend() {
        return URI.create("http://127.0.0.1:" + frontendPort + "/");
    }

    /** A release: the service, its version and the script that restarts it on its host. */
    public Path artifact(String release) throws IOException {
        Path dir = Files.createDirectories(root.resolve("artifacts/" + release));
        Files.writeString(dir.resolve("version.txt"), release + "\n");
        Files.writeString(dir.resolve("server.py"), String.join("\n",
                "import http.server, os, sys, time",
                "time.sleep(3)  # a slow start, like a JVM service",
                "port = int(sys.argv[1])",
                "version = open(os.path.join(os.path.dirname(sys.argv[0]), 'version.txt')).read().strip()",
                "class Handler(http.server.BaseHTTPRequestHandler):",
                "    def do_GET(self):",
                "        body = ('ok ' + version + '\\n').encode()",
                "        self.send_response(200)",
                "        self.send_header('Content-Length', str(len(body)))",
                "        self.end_headers()",
                "        self.wfile.write(body)",
                "    def log_message(self, *args):",
                "        pass",
                "http.server.ThreadingHTTPServer.daemon_threads = True",
                "http.server.ThreadingHTTPServer.request_queue_size = 128  # a real service's listen backlog, not Python's 5",
                "http.server.ThreadingHTTPServer(('127.0.0.1', port), Handler).serve_forever()",
                ""));
        Files.writeString(dir.resolve("health.sh"), python + " -c \"import urllib.request; urllib.request.urlopen("
                + "'http://127.0.0.1:' + open('$HOME/port').read().strip() + '/health', timeout=1)\"\n");
        Files.writeString(dir.resolve("restart.sh"), String.join("\n",
                "#!/bin/sh",
                "# stops this host's service and starts the current release's in the background",
                "[ -f \"$HOME/app.pid\" ] && kill \"$(cat \"$HOME/app.pid\")\" 2>/dev/null",
                "nohup setsid " + python + " \"$HOME/app/current/server.py\" \"$(cat \"$HOME/port\")\" >\"$HOME/app.log\" 2>&1 </dev/null &",
                "echo $! > \"$HOME/app.pid\"",
                ""));
        return dir;
    }

    /** The deploy request of {@code release} to every host, with or without HAProxy traffic control. */
    public Map<String, Object> request(String release, Map<String, Object> traffic) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            DeployHost h = hosts.get(i).host("web" + (i + 1));
            list.add(Map.of("name", h.name(), "host", h.host(), "port", h.port(), "user", h.user(), "hostKeyFingerprints", h.hostKeyFingerprints()));
        }
        r.put("hosts", list);
        r.put("baseDir", "~/app");
        r.put("artifact", artifact(release).toString());
        r.put("releaseId", release);
        r.put("afterSwitch", List.of("sh \"$HOME/app/current/restart.sh\""));
        r.put("healthCheck", Map.of("command", "sh health.sh", "retries", 40, "intervalSeconds", 0.25));
        r.put("report", "reports/" + release + ".html");
        if (traffic != null) {
            r.put("traffic", traffic);
        }
        return r;
    }

    /** HAProxy traffic control over its TCP runtime API; servers are mapped by name (they share 127.0.0.1). */
    public Map<String, Object> haproxyOverTcp() {
        return Map.of("haproxy", Map.of("address", "127.0.0.1:" + apiPort, "backend", BACKEND), "servers", servers(),
                "drainTimeoutSeconds", 10, "healthyTimeoutSeconds", 30);
    }

    /** HAProxy traffic control through its admin socket on web1, over SSH. */
    public Map<String, Object> haproxyOverSsh() {
        return Map.of("haproxy", Map.of("socket", adminSocket.toString(), "sshHost", "web1", "backend", BACKEND), "servers", servers(),
                "drainTimeoutSeconds", 10, "healthyTimeoutSeconds", 30);
    }

    private Map<String, String> servers() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i <= hosts.size(); i++) {
            m.put("web" + i, "web" + i);
        }
        return m;
    }

    public TaskContext context() {
        Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT));
        return new TaskContext(Log.console(new PrintStream(logBytes, true, StandardCharsets.UTF_8), "", false, secrets), secrets, root);
    }

    public DeployResult deploy(Map<String, Object> request) throws Exception {
        return new DeployService().deploy(Json.read(Json.MAPPER.valueToTree(request), DeployRequest.class, "deploy"), context());
    }

    /** Switches every host back to {@code to} ({@code deploy rollback}), with or without traffic control. */
    public DeployResult rollback(String to, Map<String, Object> traffic) throws Exception {
        Map<String, Object> r = request(to, traffic);
        r.keySet().retainAll(java.util.Set.of("hosts", "baseDir", "afterSwitch", "traffic"));
        r.put("to", to);
        r.put("report", "reports/rollback-" + to + ".html");
        return new DeployService().rollback(Json.read(Json.MAPPER.valueToTree(r), DeployRollbackRequest.class, "rollback"), context());
    }

    public String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until HAProxy reports every server UP. */
    public void awaitAllUp(long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String stat = "";
        while (System.nanoTime() < deadline) {
            stat = api("show stat");
            long up = stat.lines().filter(l -> l.startsWith(BACKEND + ",web") && l.contains(",UP,")).count();
            if (up == hosts.size()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not every server came UP in HAProxy: " + stat);
    }

    public String api(String command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", apiPort)) {
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < hosts.size(); i++) {
            Path pid = root.resolve("web" + (i + 1) + "/home/app.pid");
            try {
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroy);
                }
            } catch (IOException | NumberFormatException e) {
                // nothing to stop
            }
        }
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
        for (OpenSshServer h : hosts) {
            h.close();
        }
    }
}
