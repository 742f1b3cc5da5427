package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Slipway's deploy against OpenSSH itself, side by side in one run, on Debian's {@code sshd} on loopback (one
 * {@code sshd} per simulated machine, each with its own HOME):
 * <ol>
 * <li>one host: the whole deploy (no health check) vs {@code scp} of the same artifact;</li>
 * <li>20 hosts (batch 100%) vs one host, and vs 20 {@code scp} run in parallel;</li>
 * <li>upload throughput: the streamed upload and the SFTP upload of Slipway vs the whole {@code scp} run;</li>
 * <li>the scale run: rolling deploys of a small artifact to 40, 100 and 200 simulated hosts (embedded SSH servers
 * in a second JVM) in batches of 20 (10% of 200), with the engine's wall time, peak threads and peak heap.</li>
 * </ol>
 * Every figure is the best of the rounds. Run from the project root:
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.jenkins.plugins.slipway.engine.deploy.DeployBenchmark [MB] [rounds]
 * </pre>
 */
public final class DeployBenchmark {
    private static final int FLEET = 20;

    private DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path root = Files.createTempDirectory("slipway-bench");
        try {
            System.out.printf(Locale.ROOT, "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            if (OpenSshServer.available()) {
                againstOpenSsh(root, megabytes, rounds);
            } else {
                System.out.println("OpenSSH sshd is not installed (apt-get install openssh-server): the scp comparison is skipped");
            }
            scale(root);
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ OpenSSH and scp

    private static void againstOpenSsh(Path root, int megabytes, int rounds) throws Exception {
        Path artifact = root.resolve("app.bin");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(artifact)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        long bytes = Files.size(artifact);
        Path keyFile = Files.writeString(root.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        List<OpenSshServer> servers = new ArrayList<>();
        StringBuilder known = new StringBuilder();
        try {
            for (int i = 0; i < FLEET; i++) {
                OpenSshServer s = new OpenSshServer(root.resolve("sshd" + i), DeployFixture.USER_KEY.getPublic(), root.resolve("home" + i));
                servers.add(s);
                known.append("[127.0.0.1]:").append(s.port).append(' ').append(TestSshHost.publicKeyLine(s.hostKey.getPublic())).append('\n');
            }
            Path knownHosts = Files.writeString(root.resolve("known_hosts"), known);
            Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT));
            TaskContext context = new TaskContext(Log.silent(), secrets, root);
            List<DeployHost> fleet = new ArrayList<>();
            for (int i = 0; i < FLEET; i++) {
                fleet.add(servers.get(i).host("m" + i));
            }
            System.out.printf(Locale.ROOT, "%nartifact: %d MB of random data (a plain file: upload + sha256 + place + switch + prune);"
                    + " %d sshd on 127.0.0.1 (OpenSSH, one per simulated machine); best of %d rounds%n", bytes >> 20, FLEET, rounds);

            // warm-up: JIT, page cache, first handshakes
            deploy(new DeployService(), List.of(fleet.get(0)), artifact, "0-warm", context);
            scp(keyFile, knownHosts, artifact, servers.subList(0, 1), root);

            DeployService stream = new DeployService();
            DeployService sftp = new DeployService(SshjConnector.Resolver.SYSTEM, HostDeployer.Upload.SFTP);
            double scp1 = Double.MAX_VALUE;
            double scp20 = Double.MAX_VALUE;
            double one = Double.MAX_VALUE;
            double twenty = Double.MAX_VALUE;
            double uploadStream = Double.MAX_VALUE;
            double uploadSftp = Double.MAX_VALUE;
            double oneSftp = Double.MAX_VALUE;
            Map<String, Long> phases = Map.of();
            for (int round = 1; round <= rounds; round++) {
                scp1 = Math.min(scp1, time(() -> scp(keyFile, knownHosts, artifact, servers.subList(0, 1), root)));
                Timed r1 = deploy(stream, List.of(fleet.get(0)), artifact, round + "-one", context);
                if (r1.seconds() < one) {
                    phases = r1.result().hosts().get(0).phaseMillis();
                }
                one = Math.min(one, r1.seconds());
                uploadStream = Math.min(uploadStream, r1.upload() / 1000.0);
                Timed s1 = deploy(sftp, List.of(fleet.get(0)), artifact, round + "-sftp", context);
                oneSftp = Math.min(oneSftp, s1.seconds());
                uploadSftp = Math.min(uploadSftp, s1.upload() / 1000.0);
                scp20 = Math.min(scp20, time(() -> scp(keyFile, knownHosts, artifact, servers, root)));
                twenty = Math.min(twenty, deploy(stream, fleet, artifact, round + "-all", context).seconds());
            }
            System.out.println();
            System.out.println("                                      slipway   baseline    ratio   target");
            row("1 host: whole deploy vs scp", one, scp1, "<= 1.50");
            row("20 hosts vs 1 host (slipway)", twenty, one, "<= 2.50");
            row("20 hosts vs 20 parallel scp", twenty, scp20, "<= 1.50");
            System.out.printf(Locale.ROOT, "%-36s %7.1f MB/s %6.1f MB/s %6.2f   >= 0.80%n", "upload throughput (stream) vs scp",
                    bytes / 1e6 / uploadStream, bytes / 1e6 / scp1, scp1 / uploadStream);
            System.out.printf(Locale.ROOT, "%-36s %7.1f MB/s %6.1f MB/s %6.2f%n", "upload throughput (SFTP) vs scp",
                    bytes / 1e6 / uploadSftp, bytes / 1e6 / scp1, scp1 / uploadSftp);
            System.out.printf(Locale.ROOT, "%-36s %7.2f s  (streamed upload: %.2f s)%n", "1 host, whole deploy with SFTP upload", oneSftp, one);
            System.out.println("1 host, milliseconds per phase (streamed upload, best round): " + phases);
        } finally {
            for (OpenSshServer s : servers) {
                s.close();
            }
        }
    }

    private static void row(String what, double slipway, double baseline, String target) {
        System.out.printf(Locale.ROOT, "%-36s %7.2f s  %7.2f s  %6.2f   %s%n", what, slipway, baseline, slipway / baseline, target);
    }

    /** A deploy and its wall time as the caller saw it. */
    private record Timed(DeployResult result, double seconds) {
        long upload() {
            return result.hosts().get(0).phaseMillis().get("upload");
        }
    }

    /** {@code scp} of the artifact to every server at once (one process each), as a shell loop with {@code &} would. */
    private static void scp(Path key, Path knownHosts, Path artifact, List<OpenSshServer> servers, Path root) {
        try {
            List<Process> all = new ArrayList<>();
            for (OpenSshServer s : servers) {
                all.add(new ProcessBuilder("scp", "-q", "-B", "-i", key.toString(), "-P", String.valueOf(s.port),
                        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", artifact.toString(),
                        System.getProperty("user.name") + "@127.0.0.1:" + s.dir.resolve("scp-copy.bin"))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (Process p : all) {
                if (p.waitFor() != 0) {
                    throw new IOException("scp failed with exit " + p.exitValue());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Timed deploy(DeployService service, List<DeployHost> hosts, Path artifact, String release,
            TaskContext context) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hosts", hosts);
        r.put("baseDir", "~/app");
        r.put("artifact", artifact.toString());
        r.put("releaseId", release);
        r.put("batch", "100%");
        r.put("keepReleases", 2);
        long t0 = System.nanoTime();
        DeployResult result = service.deploy(Json.read(Json.MAPPER.valueToTree(r), DeployRequest.class, "bench"), context);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (result.outcome() != Outcome.PASSED) {
            throw new IllegalStateException("deploy failed:\n" + result.table());
        }
        return new Timed(result, seconds);
    }

    // ------------------------------------------------------------------------------------------ scale

    private static void scale(Path root) throws Exception {
        int count = 200;
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process hosts = new ProcessBuilder(javaBin, "-Xss512k", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                SimulatedHosts.class.getName(), Integer.toString(count), root.resolve("sim").toString(),
                TestSshHost.publicKeyLine(DeployFixture.USER_KEY.getPublic()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            List<DeployHost> all = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(hosts.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null && !line.equals("ready"); line = lines.readLine()) {
                String[] f = line.split(" ");
                all.add(new DeployHost(f[1], "127.0.0.1", Integer.parseInt(f[2]), TestSshHost.USER, List.of(f[3])));
            }
            if (all.size() != count) {
                throw new IOException("the simulated hosts did not start (" + all.size() + " of " + count + ")");
            }
            Path artifact = Files.createDirectories(root.resolve("small"));
            Files.writeString(artifact.resolve("version.txt"), "small\n");
            Files.write(artifact.resolve("app.bin"), new byte[64 * 1024]);
            Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT));
            TaskContext context = new TaskContext(Log.silent(), secrets, root);
            System.out.printf(Locale.ROOT, "%nscale: rolling deploys of a 64 KB directory to simulated hosts (embedded SSH servers in"
                    + " a second JVM), batches of 20 (10%% of 200), parallelism default (%d)%n", io.jenkins.plugins.slipway.request.deploy.Rollout.defaultParallelism());
            System.out.println("hosts  batches  wall(s)  s/batch  peak threads (engine, +baseline)  peak heap used (MB)");
            scaleRun(all.subList(0, 20), "0-warm", context, artifact, false);
            for (int n : new int[] {40, 100, 200}) {
                scaleRun(all.subList(0, n), "1-scale" + n, context, artifact, true);
            }
        } finally {
            hosts.getOutputStream().close();
            if (!hosts.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                hosts.destroyForcibly();
            }
        }
    }

    private static void scaleRun(List<DeployHost> hosts, String release, TaskContext context, Path artifact, boolean print)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        int baseThreads = threads.getThreadCount();
        threads.resetPeakThreadCount();
        AtomicLong peakHeap = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            }
        }, "heap sampler");
        sampler.setDaemon(true);
        sampler.start();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hosts", hosts);
        r.put("baseDir", "app");
        r.put("artifact", artifact.toString());
        r.put("releaseId", release);
        r.put("batch", "20");
        long t0 = System.nanoTime();
        DeployResult result = new DeployService().deploy(Json.read(Json.MAPPER.valueToTree(r), DeployRequest.class, "scale"), context);
        double wall = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        sampler.join();
        if (result.outcome() != Outcome.PASSED) {
            throw new IllegalStateException("scale deploy failed:\n" + result.table());
        }
        int batches = (hosts.size() + 19) / 20;
        if (print) {
            System.out.printf(Locale.ROOT, "%5d  %7d  %7.2f  %7.2f  %32s  %19.1f%n", hosts.size(), batches, wall, wall / batches,
                    (threads.getPeakThreadCount() - baseThreads) + " (+" + baseThreads + ")", peakHeap.get() / 1e6);
        }
    }
}
