package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.stream.Stream;

/**
 * Deploys a 50 MB artifact to 1, 5 and 20 local hosts (embedded SSH servers, one directory each, all in parallel)
 * and prints wall time and upload throughput; when OpenSSH's sshd is installed, also uploads the same artifact to
 * one sshd with Slipway and with {@code scp} in the same run and prints the ratio. Run (from the project root):
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.jenkins.plugins.slipway.engine.deploy.DeployBenchmark [MB]
 * </pre>
 */
public final class DeployBenchmark {

    private DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path root = Files.createTempDirectory("slipway-bench");
        try {
            run(root, megabytes);
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path root, int megabytes) throws Exception {
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
        System.out.printf(Locale.ROOT, "artifact: %d MB random data (a plain file: upload + sha256 + place + switch)%n", bytes >> 20);
        Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, DeployFixture.KEY_TEXT));
        TaskContext context = new TaskContext(Log.silent(), secrets, root);

        // warm-up: JIT and first handshakes
        try (DeployFixture warm = new DeployFixture(root.resolve("warm"), 1)) {
            deploy(warm.hosts, artifact, "0-warm", context, "app");
        }

        System.out.println();
        System.out.println("hosts  wall(s)  per-host-upload(s)  aggregate(MB/s)  vs 1 host");
        double single = 0;
        for (int n : new int[] {1, 5, 20}) {
            try (DeployFixture fleet = new DeployFixture(root.resolve("fleet" + n), n)) {
                long t0 = System.nanoTime();
                DeployResult result = deploy(fleet.hosts, artifact, "1-bench", context, "app");
                double wall = (System.nanoTime() - t0) / 1e9;
                if (result.outcome() != Outcome.PASSED) {
                    throw new IllegalStateException("deploy failed:\n" + result.table());
                }
                double upload = result.hosts().stream().mapToLong(h -> h.phaseMillis().getOrDefault("upload", 0L)).average().orElse(0) / 1000;
                single = n == 1 ? wall : single;
                System.out.printf(Locale.ROOT, "%5d  %7.2f  %18.2f  %15.1f  %8.2fx%n", n, wall, upload, n * bytes / 1e6 / wall, wall / single);
            }
        }

        System.out.println();
        if (!OpenSshServer.available()) {
            System.out.println("OpenSSH sshd not installed: scp column skipped");
            return;
        }
        try (OpenSshServer sshd = new OpenSshServer(root.resolve("sshd"), DeployFixture.USER_KEY.getPublic())) {
            Path keyFile = Files.writeString(root.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            Path knownHosts = Files.writeString(root.resolve("known_hosts"),
                    "[127.0.0.1]:" + sshd.port + " " + TestSshHost.publicKeyLine(sshd.hostKey.getPublic()) + "\n");
            Path base = root.resolve("openssh/app");
            List<Double> slipway = new ArrayList<>();
            List<Double> scp = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                DeployResult result = deploy(List.of(), artifact, "2-round" + round, context, base.toString(), sshd.host("openssh"));
                slipway.add(result.hosts().get(0).phaseMillis().get("upload") / 1000.0);
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("scp", "-q", "-B", "-i", keyFile.toString(), "-P", String.valueOf(sshd.port),
                        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", artifact.toString(),
                        System.getProperty("user.name") + "@127.0.0.1:" + root.resolve("scp-copy.bin")).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IOException("scp failed with exit " + p.exitValue());
                }
                scp.add((System.nanoTime() - t0) / 1e9);
            }
            double s = slipway.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double c = scp.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            System.out.println("upload of the same file to one OpenSSH sshd (best of 3)");
            System.out.printf(Locale.ROOT, "  slipway (sshj SFTP): %.2f s  %.1f MB/s%n", s, bytes / 1e6 / s);
            System.out.printf(Locale.ROOT, "  scp               : %.2f s  %.1f MB/s%n", c, bytes / 1e6 / c);
            System.out.printf(Locale.ROOT, "  throughput ratio slipway/scp: %.2f (target >= 0.8)%n", c / s);
        }
    }

    private static DeployResult deploy(List<TestSshHost> hosts, Path artifact, String release, TaskContext context, String baseDir,
            DeployHost... extra) throws Exception {
        List<DeployHost> targets = new ArrayList<>(hosts.stream().map(TestSshHost::host).toList());
        targets.addAll(List.of(extra));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hosts", targets);
        r.put("baseDir", baseDir);
        r.put("artifact", artifact.toString());
        r.put("releaseId", release);
        r.put("batch", "100%");
        return new DeployService().deploy(Json.read(Json.MAPPER.valueToTree(r), DeployRequest.class, "bench"), context);
    }
}
