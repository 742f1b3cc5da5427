package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a cold deploy's engine JVM spends its life beyond the deploy's own work: one OpenSSH {@code sshd} on
 * loopback, a {@code .tar.gz} of {@code MB} megabytes, the engine started as the {@code sshDeploy} step starts it on
 * an agent ({@link EngineProcess#runEngine}: {@code -cp slipway-engine.jar AgentMain agent}, the deploy's class-data
 * archive and JVM options, the request and the key on standard input) and as the command line starts it
 * ({@code java -jar slipway.jar deploy}: the launcher JVM, then the engine JVM). The engine writes its phases to the
 * file {@code SLIPWAY_TIMELINE} names ({@code engine.core.Timeline}); this prints the median of each segment, from
 * the moment the process is started to the moment it is gone, with the whole tree's CPU ({@code /usr/bin/time}) and
 * the load average. With an earlier build's jars (given as its {@code slipway.jar}; the engine jar beside it) its
 * starts run in the same rounds; an earlier build writes no phases, so only its totals are shown.
 * <pre>
 * mvn -B -o -q package -DskipTests &amp;&amp; mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.jenkins.plugins.slipway.engine.deploy.ColdTimelineBench [runs] [MB] [older/slipway.jar]
 * </pre>
 */
public final class ColdTimelineBench {

    /** The segments printed: from the phase before to this phase. */
    private static final List<String[]> SEGMENTS = List.of(
            new String[] {"started", "main", "process started -> main (exec, JVM init, archive; CLI: launcher JVM)"},
            new String[] {"main", "request-read", "main -> request read (envelope / picocli)"},
            new String[] {"request-read", "request-bound", "request read -> request bound (Jackson)"},
            new String[] {"request-bound", "ssh-client-built", "request bound -> sshj client built"},
            new String[] {"ssh-client-built", "ssh-host-key-received", "client built -> host key received (TCP, kex)"},
            new String[] {"ssh-host-key-received", "ssh-kex-done", "host key -> key exchange done"},
            new String[] {"ssh-kex-done", "ssh-authenticated", "key exchange -> authenticated"},
            new String[] {"ssh-authenticated", "host-release", "authenticated -> host work done (upload, install)"},
            new String[] {"host-release", "host-closed", "host work done -> connection closed"},
            new String[] {"host-closed", "report-written", "connection closed -> HTML report written"},
            new String[] {"report-written", "result-written", "report -> result file written"},
            new String[] {"result-written", "main-returns", "result written -> main returns"},
            new String[] {"main-returns", "gone", "main returns -> process gone (exit)"});

    private ColdTimelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path older = args.length > 2 ? Path.of(args[2]).toAbsolutePath() : null;
        Path launcher = Path.of("target", "slipway.jar").toAbsolutePath();
        // -Dtimeline.jvm="-Xlog:class+load:file=/tmp/x.txt": options for the step's engine JVM (diagnosis only)
        List<String> jvmOptions = new ArrayList<>(System.getProperty("timeline.jvm", "").isBlank() ? List.of()
                : List.of(System.getProperty("timeline.jvm").trim().split("\\s+")));
        List<String> only = System.getProperty("timeline.kinds", "").isBlank() ? null : List.of(System.getProperty("timeline.kinds").split(","));
        Path root = Files.createTempDirectory("slipway-timeline");
        try (OpenSshServer server = new OpenSshServer(root.resolve("sshd"), DeployFixture.USER_KEY.getPublic(), root.resolve("home"))) {
            System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; load average at the start: %s", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")));
            Path artifact = ColdDeployBenchmark.tarGz(root, megabytes);
            Path key = Files.writeString(root.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            String knownHosts = "[127.0.0.1]:" + server.port + " " + TestSshHost.publicKeyLine(server.hostKey.getPublic()) + "\n";
            Path knownHostsFile = Files.writeString(root.resolve("known_hosts"), knownHosts);
            Path ws = Files.createDirectories(root.resolve("ws"));
            // host keys Slipway recorded elsewhere on this machine (another run's sshd on a port reused here) stay out
            String trustDir = "-D" + io.jenkins.plugins.slipway.engine.core.TrustStore.PROPERTY + "=" + root.resolve("trust");
            jvmOptions.add(trustDir);
            Path timeJava = Files.writeString(root.resolve("timed-java"), "#!/bin/sh\nexec /usr/bin/time -o \"$SLIPWAY_BENCH_TIME\" -f '%e %U %S' "
                    + EngineProcess.currentJava() + " \"$@\"\n");
            Files.setPosixFilePermissions(timeJava, PosixFilePermissions.fromString("rwx------"));
            String user = System.getProperty("user.name");

            Map<String, List<Map<String, Double>>> timelines = new LinkedHashMap<>();
            Map<String, List<double[]>> totals = new LinkedHashMap<>(); // wall s, CPU s
            List<String> kinds = new ArrayList<>(List.of("step", "cli"));
            if (older != null) {
                kinds.addAll(List.of("step, older jar", "cli, older jar"));
            }
            if (only != null) {
                kinds.retainAll(only);
            }
            for (int r = 0; r <= runs; r++) { // round 0 makes the class-data archives, not counted
                for (String kind : kinds) {
                    Path jar = kind.contains("older") ? older : launcher;
                    Path timeline = root.resolve("timeline.txt");
                    Path time = root.resolve("time.txt");
                    Files.deleteIfExists(timeline);
                    Map<String, String> env = Map.of("SLIPWAY_TIMELINE", timeline.toString(), "SLIPWAY_BENCH_TIME", time.toString(),
                            "JDK_JAVA_OPTIONS", trustDir); // the CLI's JVMs; the step's engine gets it as a JVM option
                    String release = "r" + r + kind.replaceAll("\\W", "");
                    Instant started;
                    Instant gone;
                    if (kind.startsWith("step")) {
                        Map<String, Object> host = new LinkedHashMap<>();
                        host.put("host", "127.0.0.1");
                        host.put("port", server.port);
                        host.put("user", user);
                        Map<String, Object> request = new LinkedHashMap<>();
                        request.put("hosts", List.of(host));
                        request.put("knownHosts", knownHosts);
                        request.put("artifact", artifact.toString());
                        request.put("releaseId", release);
                        request.put("baseDir", "~/app-step");
                        request.put("keepReleases", 3);
                        Map<String, Object> envelope = new LinkedHashMap<>();
                        envelope.put("task", "deploy");
                        envelope.put("request", request);
                        envelope.put("secrets", Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT));
                        started = Instant.now();
                        EngineProcess.Outcome outcome = EngineProcess.runEngine(timeJava.toString(), jvmOptions,
                                List.of("-jar", jar.resolveSibling("slipway-engine.jar").toString()), envelope, ws, env,
                                Duration.ofSeconds(30), line -> { });
                        gone = Instant.now();
                        EngineReply reply = EngineReply.of("deploy", outcome);
                        if (!"PASSED".equals(reply.status())) {
                            throw new IllegalStateException(kind + ": the deploy failed: " + reply.message() + " " + outcome.lastLines());
                        }
                    } else {
                        List<String> argv = List.of(timeJava.toString(), "-jar", jar.toString(), "deploy", "--known-hosts", knownHostsFile.toString(),
                                "--key-file", key.toString(), "--artifact", artifact.toString(), "--release", release, "--base-dir", "~/app-cli",
                                "--keep", "3", "-H", user + "@127.0.0.1:" + server.port);
                        ProcessBuilder builder = new ProcessBuilder(argv).directory(ws.toFile()).redirectErrorStream(true)
                                .redirectOutput(root.resolve("cli-output.txt").toFile());
                        builder.environment().putAll(env);
                        started = Instant.now();
                        int exit = builder.start().waitFor();
                        gone = Instant.now();
                        if (exit != 0) {
                            throw new IllegalStateException(kind + ": the deploy failed (exit " + exit + "): "
                                    + Files.readString(root.resolve("cli-output.txt")));
                        }
                    }
                    String[] t = Files.readString(time).trim().replaceAll("(?s).*\\n", "").split(" ");
                    if (r == 0) {
                        continue;
                    }
                    totals.computeIfAbsent(kind, k -> new ArrayList<>()).add(new double[] {
                        Duration.between(started, gone).toNanos() / 1e9, Double.parseDouble(t[1]) + Double.parseDouble(t[2])});
                    if (Files.exists(timeline)) {
                        timelines.computeIfAbsent(kind, k -> new ArrayList<>()).add(phases(Files.readAllLines(timeline), started, gone));
                    }
                }
                if (r > 0) {
                    System.out.printf(Locale.ROOT, "round %d done, load %s", r, Files.readString(Path.of("/proc/loadavg")));
                }
            }
            System.out.printf(Locale.ROOT, "%nmedian of %d cold rounds, %.0f MB .tar.gz, 1 host (OpenSSH sshd on 127.0.0.1)%n", runs,
                    Files.size(artifact) / 1e6);
            System.out.println("total                                              wall(s)  CPU(s)  (whole process tree)");
            for (Map.Entry<String, List<double[]>> e : totals.entrySet()) {
                System.out.printf(Locale.ROOT, "  %-48s %6.2f  %6.2f%n", e.getKey(), median(e.getValue().stream().map(x -> x[0]).toList()),
                        median(e.getValue().stream().map(x -> x[1]).toList()));
            }
            for (Map.Entry<String, List<Map<String, Double>>> e : timelines.entrySet()) {
                System.out.println();
                System.out.println(e.getKey() + ": where the engine JVM's life goes  (ms, median; CPU = the engine JVM's CPU in the segment)");
                double beyond = 0;
                for (String[] s : SEGMENTS) {
                    List<Double> ms = new ArrayList<>();
                    List<Double> cpu = new ArrayList<>();
                    for (Map<String, Double> p : e.getValue()) {
                        if (p.containsKey(s[0]) && p.containsKey(s[1])) {
                            ms.add(p.get(s[1]) - p.get(s[0]));
                            if (p.containsKey("cpu:" + s[0]) && p.containsKey("cpu:" + s[1])) {
                                cpu.add(p.get("cpu:" + s[1]) - p.get("cpu:" + s[0]));
                            }
                        }
                    }
                    if (!ms.isEmpty()) {
                        System.out.printf(Locale.ROOT, "  %-56s %7.0f  %s%n", s[2], median(ms),
                                cpu.isEmpty() ? "" : String.format(Locale.ROOT, "CPU %5.0f", median(cpu)));
                    }
                }
                if (Boolean.getBoolean("timeline.all")) {
                    Map<String, List<Double>> all = new LinkedHashMap<>();
                    for (Map<String, Double> p : e.getValue()) {
                        p.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                    }
                    all.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-40s %7.0f%n", k, median(v)));
                }
                List<Double> work = new ArrayList<>();
                List<Double> outside = new ArrayList<>();
                for (Map<String, Double> p : e.getValue()) {
                    if (p.containsKey("ssh-client-built") && p.containsKey("host-closed")) {
                        double w = p.get("host-closed") - p.get("ssh-client-built");
                        work.add(w);
                        outside.add(p.get("gone") - p.get("started") - w);
                    }
                }
                beyond = median(outside);
                System.out.printf(Locale.ROOT, "  the deploy's own work (connect .. connection closed) %.0f ms; the rest, start to gone, %.0f ms%n",
                        median(work), beyond);
            }
            System.out.printf(Locale.ROOT, "%nload average at the end: %s", Files.readString(Path.of("/proc/loadavg")));
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The engine JVM's phases in ms after {@code started} (the first time each is marked; the largest process id is
     * the engine, the launcher JVM writes none), its CPU ms at each as {@code cpu:<phase>}, and {@code gone}.
     */
    static Map<String, Double> phases(List<String> lines, Instant started, Instant gone) {
        long origin = started.getEpochSecond() * 1_000_000 + started.getNano() / 1000;
        Map<String, Double> at = new LinkedHashMap<>();
        at.put("started", 0.0);
        at.put("cpu:started", 0.0);
        for (String line : lines) {
            String[] f = line.split(" ", 5);
            String phase = f[4].equals("envelope-read") || f[4].equals("arguments-bound") ? "request-read" : f[4];
            at.putIfAbsent(phase, (Long.parseLong(f[1]) - origin) / 1000.0);
            if (!f[2].equals("-1")) {
                at.putIfAbsent("cpu:" + phase, Double.parseDouble(f[2]));
            }
        }
        at.putIfAbsent("cpu:jvm-start", 0.0);
        at.put("gone", Duration.between(started, gone).toNanos() / 1e6);
        return at;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
