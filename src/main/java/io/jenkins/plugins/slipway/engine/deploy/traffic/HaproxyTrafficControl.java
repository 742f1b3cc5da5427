package io.jenkins.plugins.slipway.engine.deploy.traffic;

import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HAProxy through its runtime API: {@code set server BACKEND/SERVER state drain} takes a host out (no new
 * requests, health checks go on), {@code show stat} gives each server's {@code scur} (sessions in flight), its
 * {@code status} ({@code UP}, {@code DOWN}, {@code DRAIN}, {@code MAINT}, {@code no check}) and its {@code addr};
 * {@code set server ... state ready} puts it back. The API is reached over TCP from the engine, or through the
 * admin socket on a host over SSH ({@code perl}, which every Debian/Ubuntu host has, opens the socket).
 */
final class HaproxyTrafficControl implements TrafficControl {

    /** One server row of {@code show stat}. */
    record Server(String name, String status, int scur, String addr) {
        boolean healthy() {
            return status.equals("UP") || status.startsWith("UP ") || status.equals("no check");
        }
    }

    private static final long POLL_MILLIS = 100;
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    private final TrafficSettings settings;
    private final TrafficSettings.Haproxy haproxy;
    private final TrafficControls.Context context;
    private final Map<String, String> serverOf = new ConcurrentHashMap<>();
    private final Map<String, String> hostOf = new ConcurrentHashMap<>();

    HaproxyTrafficControl(TrafficSettings settings, TrafficControls.Context context) {
        this.settings = settings;
        this.haproxy = settings.haproxy();
        this.context = context;
    }

    @Override
    public String describe() {
        return "HAProxy backend " + haproxy.backend() + " at " + (haproxy.address() != null ? haproxy.address()
                : haproxy.sshHost() + ":" + haproxy.socket());
    }

    @Override
    public Preflight preflight(List<Target> targets) throws TrafficException, InterruptedException {
        String level = api("show cli level").trim();
        if (!level.equals("admin")) {
            throw new TrafficException(Kind.BAD_INPUT, describe() + ": the runtime API answers with level '" + level
                    + "', but taking servers out of rotation needs 'level admin' on its 'stats socket' line in haproxy.cfg");
        }
        List<Server> servers = servers();
        Map<String, Server> byName = new LinkedHashMap<>();
        servers.forEach(s -> byName.put(s.name(), s));
        List<String> notes = new ArrayList<>();
        Map<String, String> mapped = new LinkedHashMap<>();
        for (Target t : targets) {
            String explicit = t.server() != null ? t.server() : settings.servers().get(t.name());
            String server;
            if (explicit != null) {
                if (!byName.containsKey(explicit)) {
                    throw new TrafficException(Kind.BAD_INPUT, "traffic.servers maps host " + t.name() + " to server '" + explicit
                            + "', but backend " + haproxy.backend() + " has no such server; its servers: " + byName.keySet());
                }
                server = explicit;
            } else {
                server = byAddress(t, servers);
            }
            if (mapped.containsValue(server)) {
                throw new TrafficException(Kind.BAD_INPUT, "traffic: two deploy hosts map to HAProxy server " + haproxy.backend() + "/"
                        + server + "; give each its own server in traffic.servers");
            }
            mapped.put(t.name(), server);
            Server s = byName.get(server);
            if (s.status().equals("no check")) {
                notes.add("server " + server + " has no health check ('check' on its server line): HAProxy cannot confirm it is"
                        + " healthy again, only that it is back in rotation");
            } else if (s.status().startsWith("DRAIN") || s.status().startsWith("MAINT")) {
                notes.add("server " + server + " (" + t.name() + ") is " + s.status() + " now; it is put in rotation when its deploy ends");
            }
        }
        // set server on an unknown server would fail; the admin level checked above allows every call
        serverOf.putAll(mapped);
        mapped.forEach((host, server) -> hostOf.put(server, host));
        InService now = inService(servers);
        notes.add(now.healthy() + " of " + now.total() + " servers of backend " + haproxy.backend() + " are UP");
        return new Preflight(mapped, now, notes);
    }

    private String byAddress(Target t, List<Server> servers) throws TrafficException {
        List<String> ips = new ArrayList<>();
        ips.add(t.host());
        try {
            for (InetAddress a : InetAddress.getAllByName(t.host())) {
                ips.add(a.getHostAddress());
            }
        } catch (IOException e) {
            // compared as written
        }
        List<Server> same = servers.stream().filter(s -> ips.contains(hostPart(s.addr()))).toList();
        if (same.size() == 1) {
            return same.get(0).name();
        }
        List<Server> byName = servers.stream().filter(s -> s.name().equals(t.name())).toList();
        if (byName.size() == 1) {
            return byName.get(0).name();
        }
        throw new TrafficException(Kind.BAD_INPUT, "traffic: cannot tell which server of HAProxy backend " + haproxy.backend()
                + " is host " + t.name() + " (" + t.host() + "): " + (same.isEmpty() ? "no server has its address"
                : same.size() + " servers have its address " + same.stream().map(Server::name).toList())
                + "; servers: " + servers.stream().map(s -> s.name() + "=" + s.addr()).toList()
                + ". Map it in traffic.servers, e.g. {" + t.name() + ": '" + (same.isEmpty() ? "web1" : same.get(0).name()) + "'}");
    }

    static String hostPart(String addr) {
        if (addr == null) {
            return "";
        }
        if (addr.startsWith("[")) {
            return addr.substring(1, Math.max(1, addr.indexOf(']')));
        }
        int colon = addr.lastIndexOf(':');
        return colon < 0 ? addr : addr.substring(0, colon);
    }

    @Override
    public InService inService() throws TrafficException, InterruptedException {
        return inService(servers());
    }

    private InService inService(List<Server> servers) {
        List<String> healthy = servers.stream().filter(Server::healthy).map(s -> hostOf.getOrDefault(s.name(), s.name())).toList();
        return new InService(healthy.size(), servers.size(), healthy);
    }

    @Override
    public void takeOut(Target target) throws TrafficException, InterruptedException {
        setState(target, "state drain");
    }

    @Override
    public Drain drain(Target target, Duration timeout) throws TrafficException, InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        int start = server(target).scur();
        int now = start;
        while (now > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            now = server(target).scur();
        }
        return new Drain((System.nanoTime() - t0) / 1_000_000, start, now, now > 0);
    }

    /**
     * Marks the server DOWN, then ready: HAProxy sends it nothing until its own health checks pass again ({@code rise}
     * of them), so {@link #awaitHealthy} waits for a check made after the switch, never for an UP it remembers from
     * before the service restarted. A server without checks is only made ready.
     */
    @Override
    public void putBack(Target target) throws TrafficException, InterruptedException {
        if (!server(target).status().equals("no check")) {
            setState(target, "health down");
        }
        setState(target, "state ready");
    }

    @Override
    public long awaitHealthy(Target target, Duration timeout) throws TrafficException, InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        Server s = server(target);
        while (!s.healthy()) {
            if (System.nanoTime() >= deadline) {
                throw new TrafficException(Kind.ENVIRONMENT, "HAProxy did not report server " + haproxy.backend() + "/" + s.name()
                        + " (" + target.name() + ") UP within " + timeout.toSeconds() + " s (traffic.healthyTimeoutSeconds); its status is "
                        + s.status());
            }
            Thread.sleep(POLL_MILLIS);
            s = server(target);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public String returnCommand(Target target) {
        String command = "set server " + haproxy.backend() + "/" + serverName(target) + " state ready";
        if (haproxy.address() != null) {
            int colon = haproxy.address().lastIndexOf(':');
            String host = haproxy.address().substring(0, colon).replace("[", "").replace("]", "");
            return "bash -c 'exec 3<>/dev/tcp/" + host + "/" + haproxy.address().substring(colon + 1) + "; echo \""
                    + command + "\" >&3; cat <&3'";
        }
        return context.ssh().login(haproxy.sshHost()) + " \"echo '" + command + "' | socat stdio " + haproxy.socket() + "\"";
    }

    @Override
    public void close() {
        // one connection per call: nothing stays open
    }

    // ---------------------------------------------------------------- API

    private String serverName(Target target) {
        String s = serverOf.get(target.name());
        return s != null ? s : target.server() != null ? target.server() : settings.servers().getOrDefault(target.name(), target.name());
    }

    /** {@code set server BACKEND/SERVER <what>}, e.g. {@code state drain}; HAProxy answers nothing when it did it. */
    private void setState(Target target, String what) throws TrafficException, InterruptedException {
        String command = "set server " + haproxy.backend() + "/" + serverName(target) + " " + what;
        String answer = api(command).trim();
        if (!answer.isEmpty()) {
            throw new TrafficException(Kind.ENVIRONMENT, describe() + ": '" + command + "' for host " + target.name() + " was refused: " + answer);
        }
    }

    private Server server(Target target) throws TrafficException, InterruptedException {
        String name = serverName(target);
        for (Server s : servers()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new TrafficException(Kind.ENVIRONMENT, describe() + ": server " + name + " (" + target.name() + ") is gone from the backend");
    }

    /** The backend's servers from {@code show stat}. */
    List<Server> servers() throws TrafficException, InterruptedException {
        String csv = api("show stat");
        List<Server> servers = parse(csv, haproxy.backend());
        if (servers == null) {
            throw new TrafficException(Kind.ENVIRONMENT, describe() + ": 'show stat' did not answer with statistics: "
                    + oneLine(csv));
        }
        if (servers.isEmpty()) {
            throw new TrafficException(Kind.BAD_INPUT, "traffic.haproxy.backend: HAProxy has no backend '" + haproxy.backend()
                    + "' with servers; its backends: " + backends(csv));
        }
        return servers;
    }

    /** Parses {@code show stat}: the server rows of {@code backend}; null when the text is no statistics. */
    static List<Server> parse(String csv, String backend) {
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            return null;
        }
        Map<String, Integer> column = new HashMap<>();
        String[] head = lines[0].substring(2).split(",", -1);
        for (int i = 0; i < head.length; i++) {
            column.put(head[i], i);
        }
        Integer px = column.get("pxname");
        Integer sv = column.get("svname");
        Integer scur = column.get("scur");
        Integer status = column.get("status");
        Integer addr = column.get("addr");
        if (px == null || sv == null || scur == null || status == null) {
            return null;
        }
        List<Server> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length <= Math.max(scur, status) || !f[px].equals(backend) || f[sv].equals("BACKEND") || f[sv].equals("FRONTEND")) {
                continue;
            }
            int sessions = f[scur].isEmpty() ? 0 : Integer.parseInt(f[scur]);
            out.add(new Server(f[sv], f[status], sessions, addr == null || addr >= f.length ? "" : f[addr]));
        }
        return out;
    }

    private static List<String> backends(String csv) {
        List<String> out = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 1 && f[1].equals("BACKEND")) {
                out.add(f[0]);
            }
        }
        return out;
    }

    /** One runtime API command and its answer. */
    String api(String command) throws TrafficException, InterruptedException {
        if (haproxy.address() != null) {
            return tcp(command);
        }
        String script = "perl -MIO::Socket::UNIX -e '$s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die \"cannot open $ARGV[0]: $!\\n\";"
                + " print $s \"$ARGV[1]\\n\"; print while <$s>' " + haproxy.socket() + " '" + command + "'";
        TrafficControls.CommandResult out;
        try {
            out = context.ssh().run(haproxy.sshHost(), script, API_TIMEOUT);
        } catch (IOException e) {
            throw new TrafficException(Kind.ENVIRONMENT, describe() + ": cannot reach " + haproxy.sshHost() + " over SSH: " + e.getMessage(), e);
        }
        if (!out.ok()) {
            throw new TrafficException(Kind.ENVIRONMENT, describe() + ": '" + command + "' failed on " + haproxy.sshHost() + " (exit "
                    + out.exitCode() + "): " + oneLine(out.output()) + ". The login user must be able to open the socket (e.g. be in"
                    + " group haproxy with 'stats socket " + haproxy.socket() + " mode 660 level admin'); the host needs perl (Debian's perl-base)");
        }
        return out.output();
    }

    private String tcp(String command) throws TrafficException, InterruptedException {
        String address = haproxy.address();
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) API_TIMEOUT.toMillis());
            socket.setSoTimeout((int) API_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("HAProxy call interrupted");
            }
            throw new TrafficException(Kind.ENVIRONMENT, describe() + ": the runtime API does not answer (" + e.getMessage()
                    + "); haproxy.cfg needs 'stats socket ipv4@" + address + " level admin' in its global section", e);
        }
    }

    private static String oneLine(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t.isEmpty() ? "(no answer)" : t;
    }

    @Override
    public String toString() {
        return describe().toLowerCase(Locale.ROOT);
    }
}
