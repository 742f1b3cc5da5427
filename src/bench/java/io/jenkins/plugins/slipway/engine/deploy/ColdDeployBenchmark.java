package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Slipway as users run it: every command a fresh process, side by side in one run with what a user would run by
 * hand, the median of {@code runs} rounds (interleaved, so that the load of the machine hits all alike). Each figure
 * is of the whole process tree as {@code /usr/bin/time} reports it: wall time, client CPU (user + system of the
 * process and every child it waited for: {@code scp} and {@code ssh}, or the launcher JVM and the engine JVM it
 * starts) and peak RSS (the largest single process of the tree: its {@code VmHWM}). The servers' CPU ({@code sshd},
 * {@code tar}) is not the client's and is not counted.
 * <ol>
 * <li>One host, one Debian OpenSSH {@code sshd} on loopback (own host key, an authorized key), a 50 MB
 * {@code .tar.gz}: {@code scp} alone (OpenSSH's default cipher, and AES-128-GCM as Slipway uses); a hand-written
 * deploy ({@code scp} + {@code ssh host 'mkdir r; tar -xzf; ln -sfn; mv -T'}); {@code java -jar slipway.jar deploy}
 * (no health check).</li>
 * <li>20 hosts (20 {@code sshd}, batch 100%): the hand-written deploy run 20 times in parallel vs one
 * {@code slipway deploy}; client CPU per host.</li>
 * <li>{@code slipway version} vs {@code java -version}.</li>
 * <li>Peak RSS per task: version, {@code ec2 list} (a fake EC2 endpoint on loopback), {@code test} reading reports
 * ({@code --exit-code}), {@code test} running pytest + coverage on the small Python example, {@code metrics} on
 * it, and the deploy above.</li>
 * </ol>
 * Run from the project root (needs {@code /usr/sbin/sshd}, {@code /usr/bin/time}, {@code /usr/bin/python3} with
 * pytest and pytest-cov):
 * <pre>
 * mvn -B -o -q package -DskipTests &amp;&amp; mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.jenkins.plugins.slipway.engine.deploy.ColdDeployBenchmark [runs] [MB] [hosts] [older/slipway.jar]
 * </pre>
 * With an earlier build's launcher jar (its engine jar beside it), its deploy and version runs sit beside this build's.
 */
public final class ColdDeployBenchmark {
    private static final String TIME = "/usr/bin/time";
    private static final String GCM = "aes128-gcm@openssh.com";

    private ColdDeployBenchmark() {
    }

    /**
     * One process tree's figures: {@code rssKb} is the largest process's peak ({@code /usr/bin/time}'s %M),
     * {@code engineKb} the peak RSS ({@code VmHWM}) of the largest JVM in the tree, the engine.
     */
    record Run(double wall, double cpu, long rssKb, int exit, long engineKb) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int fleet = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path older = args.length > 3 ? Path.of(args[3]).toAbsolutePath() : null; // an earlier build, for before/after
        boolean versionAndFleet = !Boolean.getBoolean("cold.memoryOnly");
        Path jar = Path.of("target", "slipway.jar").toAbsolutePath();
        if (!Files.exists(jar) || !OpenSshServer.available() || !Files.isExecutable(Path.of(TIME))) {
            System.out.println("needs target/slipway.jar (mvn package), /usr/sbin/sshd and /usr/bin/time");
            return;
        }
        Path root = Files.createTempDirectory("slipway-cold");
        List<OpenSshServer> servers = new ArrayList<>();
        try {
            System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; load average at start: %s", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")));
            Path ws = Files.createDirectories(root.resolve("ws"));
            Path artifact = tarGz(root, megabytes);
            Path key = Files.writeString(root.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            StringBuilder known = new StringBuilder();
            for (int i = 0; i < Math.max(1, fleet); i++) {
                OpenSshServer s = new OpenSshServer(root.resolve("sshd" + i), DeployFixture.USER_KEY.getPublic(), root.resolve("home" + i));
                servers.add(s);
                known.append("[127.0.0.1]:").append(s.port).append(' ').append(TestSshHost.publicKeyLine(s.hostKey.getPublic())).append('\n');
            }
            Path knownHosts = Files.writeString(root.resolve("known_hosts"), known);
            Env env = new Env(jar, ws, key, knownHosts, artifact, root, System.getProperty("user.name"));
            System.out.printf(Locale.ROOT, "artifact: %.1f MB .tar.gz; %d OpenSSH sshd on 127.0.0.1; median of %d cold runs each%n",
                    Files.size(artifact) / 1e6, servers.size(), runs);

            // warm-up (page cache, the CLI's class-data archive made by its first run), not counted
            env.scp(servers.get(0), null, "warm");
            env.slipwayDeploy(servers.subList(0, 1), "warm-0");
            Env before = older == null ? null : new Env(older, ws, key, knownHosts, artifact, root, env.user());
            if (before != null) {
                before.slipwayDeploy(servers.subList(0, 1), "warm-1");
            }

            Map<String, List<Run>> one = new LinkedHashMap<>();
            List<Double> uploads = new ArrayList<>(); // the deploy's own upload phase (ms), from its --json result
            for (int r = 1; r <= runs; r++) {
                add(one, "scp (OpenSSH default cipher)", env.scp(servers.get(0), null, "c" + r));
                add(one, "scp -c " + GCM, env.scp(servers.get(0), GCM, "g" + r));
                add(one, "script: scp + ssh unpack/switch", env.script(servers.subList(0, 1), "s" + r));
                add(one, "slipway deploy (cold JVM)", env.slipwayDeploy(servers.subList(0, 1), "d" + r));
                uploads.add(env.lastUploadMillis());
                if (before != null) {
                    add(one, "slipway deploy, older jar", before.slipwayDeploy(servers.subList(0, 1), "o" + r));
                }
            }
            String cipher = env.defaultCipher(servers.get(0));
            System.out.println();
            System.out.println("1 host, 50 MB .tar.gz                     wall(s)  client CPU(s)  peak RSS(MB)");
            print(one);
            double sw = median(one.get("script: scp + ssh unpack/switch"), Run::wall);
            double sc = median(one.get("script: scp + ssh unpack/switch"), Run::cpu);
            double dw = median(one.get("slipway deploy (cold JVM)"), Run::wall);
            double dc = median(one.get("slipway deploy (cold JVM)"), Run::cpu);
            System.out.printf(Locale.ROOT, "slipway deploy / script: wall %.2fx (target <= 1.20), client CPU %.2fx (target <= 3.00)%n",
                    dw / sw, dc / sc);
            System.out.printf(Locale.ROOT, "slipway deploy / scp -c %s: wall %.2fx; / scp (%s): wall %.2fx%n", GCM,
                    dw / median(one.get("scp -c " + GCM), Run::wall), cipher, dw / median(one.get("scp (OpenSSH default cipher)"), Run::wall));
            String sshj = env.slipwayAlgorithms(servers.get(0));
            System.out.println("ciphers: scp/ssh use OpenSSH's default (" + cipher + ", from ssh -v) unless -c is given; Slipway's"
                    + " engine agreed on: " + sshj + " (from its --debug line)");
            double upload = ColdTimelineBench.median(uploads);
            double mb = Files.size(artifact) / 1e6;
            double scpGcm = median(one.get("scp -c " + GCM), Run::wall);
            double scpDefault = median(one.get("scp (OpenSSH default cipher)"), Run::wall);
            System.out.printf(Locale.ROOT, "upload, same rounds: slipway's upload phase %.2f s (%.0f MB/s, %s) vs scp -c %s %.2f s"
                    + " (%.0f MB/s, whole process: start, connect, copy) and scp %.2f s (%.0f MB/s, %s): %.2fx / %.2fx scp's"
                    + " throughput (target >= 0.90)%n", upload / 1000, mb / (upload / 1000), sshj.replaceAll(".*cipher (\\S+),.*", "$1"),
                    GCM, scpGcm, mb / scpGcm, scpDefault, mb / scpDefault, cipher, scpGcm / (upload / 1000), scpDefault / (upload / 1000));

            Map<String, List<Run>> version = new LinkedHashMap<>();
            for (int r = 1; r <= runs && versionAndFleet; r++) {
                add(version, "java -version", env.time(List.of(env.java(), "-version"), Map.of()));
                add(version, "slipway version", env.time(List.of(env.java(), "-jar", jar.toString(), "version"), Map.of()));
                if (before != null) {
                    add(version, "slipway version, older jar", env.time(before.slipway("version"), Map.of()));
                }
            }
            if (versionAndFleet) {
                System.out.println();
                System.out.println("start                                     wall(s)  client CPU(s)  peak RSS(MB)");
                print(version);
                System.out.printf(Locale.ROOT, "slipway version / java -version: CPU %.2fx (target <= 5.00)%n",
                        median(version.get("slipway version"), Run::cpu) / median(version.get("java -version"), Run::cpu));
            }

            if (fleet > 1 && versionAndFleet) {
                Map<String, List<Run>> many = new LinkedHashMap<>();
                for (int r = 1; r <= Math.min(runs, 3); r++) {
                    add(many, fleet + " x script in parallel", env.script(servers, "m" + r));
                    add(many, "slipway deploy, " + fleet + " hosts, batch 100%", env.slipwayDeploy(servers, "n" + r));
                }
                System.out.println();
                System.out.println(fleet + " hosts (median of " + Math.min(runs, 3) + ")" + " ".repeat(25) + "wall(s)  client CPU(s)  peak RSS(MB)");
                print(many);
                double perHost = median(many.get("slipway deploy, " + fleet + " hosts, batch 100%"), Run::cpu) / fleet;
                System.out.printf(Locale.ROOT, "client CPU per host: slipway %.3f s (%.2fx its one-host %.3f s, target <= 1.50), script %.3f s%n",
                        perHost, perHost / dc, dc, median(many.get(fleet + " x script in parallel"), Run::cpu) / fleet);
                System.out.printf(Locale.ROOT, "wall: slipway / %d parallel scripts %.2fx (the %d sshd share these cores)%n", fleet,
                        median(many.get("slipway deploy, " + fleet + " hosts, batch 100%"), Run::wall)
                                / median(many.get(fleet + " x script in parallel"), Run::wall), fleet);
            }

            if (!Boolean.getBoolean("cold.noTasks")) { // -Dcold.noTasks=true: deploy, version and fleet only (no metrics runs)
                memory(env, before, runs, one.get("slipway deploy (cold JVM)"), one.get("slipway deploy, older jar"));
            }
            System.out.printf(Locale.ROOT, "%nload average at the end: %s", Files.readString(Path.of("/proc/loadavg")));
        } finally {
            for (OpenSshServer s : servers) {
                s.close();
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Peak RSS of each task's engine process, as the command line runs it (the same JVM options and class-data
     * archive as the Jenkins step's engine on an agent); with an earlier build's jar beside it.
     */
    private static void memory(Env env, Env before, int runs, List<Run> deploys, List<Run> olderDeploys) throws Exception {
        Path python = Files.createDirectories(env.root.resolve("py"));
        copyTree(Path.of("src/test/resources/io/jenkins/plugins/slipway/engine/tests/python-formapp/project"), python);
        Path reports = Files.createDirectories(env.root.resolve("reports"));
        writeJUnit(reports.resolve("TEST-bench.xml"), 5000);
        Map<String, List<Run>> tasks = new LinkedHashMap<>();
        try (FakeEc2 ec2 = new FakeEc2()) {
            Map<String, String> aws = Map.of("AWS_ACCESS_KEY_ID", "AKIDBENCH", "AWS_SECRET_ACCESS_KEY", "bench-secret");
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("version", List.of("version"));
            commands.put("ec2 list (fake EC2 on loopback)", List.of("ec2", "list", "--endpoint", ec2.endpoint(), "--region", "us-east-1",
                    "--fleet", "bench"));
            commands.put("test: reading reports (5000 tests)", List.of("test", "-C", reports.toString(), "--exit-code", "0", "--reports",
                    "*.xml"));
            commands.put("test: pytest + coverage", List.of("test", "-C", python.toString(), "-c", "/usr/bin/python3 -m pytest -p"
                    + " no:cacheprovider --junitxml=build/pytest-junit.xml --cov=formapp --cov-branch --cov-report xml:build/coverage.xml"));
            commands.put("metrics (small Python example)", List.of("metrics", "-C", python.toString()));
            Map<String, String> env0 = new LinkedHashMap<>(aws);
            env0.put("PYTHONDONTWRITEBYTECODE", "1");
            for (int r = 0; r <= runs; r++) { // round 0 makes each task's class-data archive, not counted
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    Run run = env.time(env.slipway(c.getValue().toArray(String[]::new)), env0);
                    Run old = before == null ? null : env.time(before.slipway(c.getValue().toArray(String[]::new)), env0);
                    if (r > 0) {
                        add(tasks, c.getKey(), run);
                        if (old != null) {
                            add(tasks, c.getKey() + ", older jar", old);
                        }
                    }
                }
            }
        }
        tasks.put("deploy (1 host, 50 MB)", deploys);
        if (olderDeploys != null) {
            tasks.put("deploy (1 host, 50 MB), older jar", olderDeploys);
        }
        System.out.println();
        System.out.println("per task (CLI, cold)                          wall(s)  client CPU(s)  engine peak RSS(MB) median/max  exit");
        for (Map.Entry<String, List<Run>> e : tasks.entrySet()) {
            List<Run> all = e.getValue();
            System.out.printf(Locale.ROOT, "%-44s %6.2f  %13.2f  %14.0f / %4.0f  %s%n", e.getKey(), median(all, Run::wall),
                    median(all, Run::cpu), median(all, x -> x.engineKb() / 1024.0), all.stream().mapToLong(Run::engineKb).max().orElse(0) / 1024.0,
                    all.stream().map(x -> String.valueOf(x.exit())).distinct().toList());
        }
        System.out.println("engine peak RSS: VmHWM of the largest JVM of the command's process tree (the launcher's JVM is the smaller);"
                + " targets <= 256 MB for pytest+coverage and metrics, <= 150 MB for reading reports, ec2, version");
    }

    /** Where everything is, and how each command is started. */
    private record Env(Path jar, Path ws, Path key, Path knownHosts, Path artifact, Path root, String user) {
        String java() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        List<String> slipway(String... args) {
            List<String> argv = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
            argv.addAll(List.of(args));
            return argv;
        }

        List<String> ssh(String program, OpenSshServer s) {
            return new ArrayList<>(List.of(program, "-q", "-o", "BatchMode=yes", "-i", key.toString(), program.equals("scp") ? "-P" : "-p",
                    String.valueOf(s.port), "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes"));
        }

        Run scp(OpenSshServer s, String cipher, String name) throws Exception {
            List<String> argv = ssh("scp", s);
            if (cipher != null) {
                argv.addAll(List.of("-c", cipher));
            }
            argv.addAll(List.of(artifact.toString(), user + "@127.0.0.1:" + s.dir.resolve("scp-" + name + ".tgz")));
            Run run = check(time(argv, Map.of()), "scp");
            Files.deleteIfExists(s.dir.resolve("scp-" + name + ".tgz"));
            return run;
        }

        /** The hand-written deploy, to each server at once ({@code &} and {@code wait}), as one process tree. */
        Run script(List<OpenSshServer> all, String release) throws Exception {
            StringBuilder sh = new StringBuilder();
            for (OpenSshServer s : all) {
                String dir = s.dir.resolve("script").toString();
                Files.createDirectories(Path.of(dir));
                sh.append('(').append(String.join(" ", ssh("scp", s))).append(' ').append(artifact).append(' ').append(user)
                        .append("@127.0.0.1:").append(dir).append("/up.tgz && ").append(String.join(" ", ssh("ssh", s)))
                        .append(" 127.0.0.1 'cd ").append(dir).append(" && mkdir ").append(release).append(" && tar -xzf up.tgz -C ")
                        .append(release).append(" && ln -sfn ").append(release).append(" current.tmp && mv -T current.tmp current'")
                        .append(") || exit 1").append(all.size() > 1 ? " &\n" : "\n");
            }
            sh.append("wait\n");
            return check(time(List.of("/bin/sh", "-c", sh.toString()), Map.of()), "the hand-written deploy");
        }

        Run slipwayDeploy(List<OpenSshServer> all, String release) throws Exception {
            List<String> argv = slipway("deploy", "--known-hosts", knownHosts.toString(), "--key-file", key.toString(), "--artifact",
                    artifact.toString(), "--release", release, "--base-dir", "~/app", "--keep", "3", "--batch", "100%",
                    "--json", root.resolve("deploy-result.json").toString());
            for (OpenSshServer s : all) {
                argv.addAll(List.of("-H", user + "@127.0.0.1:" + s.port));
            }
            // host keys Slipway recorded elsewhere on this machine (another run's sshd on a port reused here) stay out
            return check(time(argv, Map.of("JDK_JAVA_OPTIONS", "-D" + io.jenkins.plugins.slipway.engine.core.TrustStore.PROPERTY + "="
                    + root.resolve("trust"))), "slipway deploy");
        }

        /** The upload phase (ms) of the last deploy's first host, from its {@code --json} result. */
        double lastUploadMillis() throws IOException {
            com.fasterxml.jackson.databind.JsonNode host = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(root.resolve("deploy-result.json").toFile()).path("result").path("hosts").path(0);
            return host.path("phaseMillis").path("upload").asDouble(Double.NaN);
        }

        /** The algorithms Slipway's engine agrees on with this server: its {@code --debug} line of a dry run. */
        String slipwayAlgorithms(OpenSshServer s) throws Exception {
            List<String> argv = slipway("deploy", "--known-hosts", knownHosts.toString(), "--key-file", key.toString(), "--artifact",
                    artifact.toString(), "--release", "algorithms", "--base-dir", "~/app", "--dry-run", "--debug", "-H",
                    user + "@127.0.0.1:" + s.port);
            Process p = new ProcessBuilder(argv).directory(ws.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("SSH: (key exchange [^\\n]*)").matcher(out);
            return m.find() ? m.group(1).trim() : "unknown";
        }

        /** The cipher OpenSSH's client picks against this server by default, from {@code ssh -v}. */
        String defaultCipher(OpenSshServer s) throws Exception {
            List<String> argv = ssh("ssh", s);
            argv.remove("-q");
            argv.addAll(List.of("-v", "127.0.0.1", "true"));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("kex: client->server cipher: (\\S+)").matcher(out);
            return m.find() ? m.group(1) : "unknown";
        }

        Run time(List<String> argv, Map<String, String> extraEnv) throws Exception {
            Path out = Files.createTempFile(root, "time", ".txt");
            List<String> command = new ArrayList<>(List.of(TIME, "-o", out.toString(), "-f", "%e %U %S %M %x"));
            command.addAll(argv);
            ProcessBuilder builder = new ProcessBuilder(command).directory(ws.toFile()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("last-output.txt").toFile());
            builder.environment().putAll(extraEnv);
            Process process = builder.start();
            // VmHWM only grows: the last reading of each JVM before it ends is its peak (to within the 5 ms period)
            Map<Long, Long> peaks = new java.util.HashMap<>();
            while (!process.waitFor(5, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(h -> {
                    try {
                        String status = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "status"));
                        java.util.regex.Matcher name = java.util.regex.Pattern.compile("(?m)^Name:\\s+(\\S+)").matcher(status);
                        java.util.regex.Matcher hwm = java.util.regex.Pattern.compile("(?m)^VmHWM:\\s+(\\d+)").matcher(status);
                        if (name.find() && name.group(1).equals("java") && hwm.find()) {
                            peaks.merge(h.pid(), Long.parseLong(hwm.group(1)), Math::max);
                        }
                    } catch (IOException | RuntimeException e) {
                        // it has just ended
                    }
                });
            }
            int exit = process.exitValue();
            String[] f = Files.readString(out).trim().replaceAll("(?s).*\\n", "").split(" ");
            Files.delete(out);
            return new Run(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]), Long.parseLong(f[3]),
                    f.length > 4 ? Integer.parseInt(f[4]) : exit, peaks.values().stream().mapToLong(Long::longValue).max().orElse(0));
        }

        Run check(Run run, String what) throws IOException {
            if (run.exit() != 0) {
                throw new IOException(what + " failed (exit " + run.exit() + "):\n" + Files.readString(root.resolve("last-output.txt")));
            }
            return run;
        }
    }

    static Path tarGz(Path root, int megabytes) throws Exception {
        Path dir = Files.createDirectories(root.resolve("art"));
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(dir.resolve("app.bin"))) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Files.writeString(dir.resolve("version.txt"), "bench\n");
        Path tgz = root.resolve("app.tar.gz");
        if (new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", dir.toString(), ".").inheritIO().start().waitFor() != 0) {
            throw new IOException("tar failed");
        }
        return tgz;
    }

    private static void writeJUnit(Path file, int tests) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"bench\" tests=\"")
                .append(tests).append("\" failures=\"0\">\n");
        for (int i = 0; i < tests; i++) {
            xml.append("  <testcase classname=\"bench.Suite").append(i % 50).append("\" name=\"test").append(i)
                    .append("\" time=\"0.001\"><system-out>line of output ").append(i).append("</system-out></testcase>\n");
        }
        Files.writeString(file, xml.append("</testsuite>\n"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void add(Map<String, List<Run>> runs, String what, Run run) {
        runs.computeIfAbsent(what, k -> new ArrayList<>()).add(run);
    }

    private static void print(Map<String, List<Run>> runs) {
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            System.out.printf(Locale.ROOT, "%-40s %7.2f  %13.2f  %12.0f%n", e.getKey(), median(e.getValue(), Run::wall),
                    median(e.getValue(), Run::cpu), median(e.getValue(), r -> r.rssKb() / 1024.0));
        }
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> field) {
        double[] v = runs.stream().mapToDouble(field).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
