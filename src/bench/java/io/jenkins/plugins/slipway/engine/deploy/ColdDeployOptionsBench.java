package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.bridge.EngineArchive;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The deploy engine's JVM options compared, cold, side by side: one OpenSSH {@code sshd} on loopback, a 50 MB
 * {@code .tar.gz}, the engine JVM started as the command line's child JVM starts it (the task's options, then the
 * variant's, its own class-data archive made by a first run that is not counted), each variant once per round,
 * rounds interleaved; the median of {@code runs} of wall time, CPU (user + system, {@code /usr/bin/time}) and the
 * upload phase's time as the deploy reports it. Variants are {@code name=option option …} arguments; a variant whose
 * options start with {@code java=PATH} runs that JVM; the option {@code @AOT@} gives it a JDK 24+ ahead-of-time cache
 * instead of the class-data archive ({@code -XX:AOTCacheOutput} on the uncounted first run, {@code -XX:AOTCache}
 * after). The engine's own choices that are not JVM options of the task (the deploy's compiler directives) are not
 * added: give them as a variant. Run from the project root after {@code mvn package} and
 * {@code test-compile}:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.jenkins.plugins.slipway.engine.deploy.ColdDeployOptionsBench 5 \
 *   'now=' 'c1=-XX:TieredStopAtLevel=1'
 * </pre>
 */
public final class ColdDeployOptionsBench {
    private static final Pattern UPLOAD = Pattern.compile("DEPLOYED\\s+(\\d+(?:\\.\\d+)?)(ms|s)\\b");

    private ColdDeployOptionsBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (String v : Arrays.asList(args).subList(1, args.length)) {
            int eq = v.indexOf('=');
            String opts = v.substring(eq + 1).trim();
            variants.put(v.substring(0, eq), opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")));
        }
        Path jar = Path.of("target", "slipway.jar").toAbsolutePath();
        Path root = Files.createTempDirectory("slipway-opts");
        try (OpenSshServer server = new OpenSshServer(root.resolve("sshd"), DeployFixture.USER_KEY.getPublic(), root.resolve("home"))) {
            System.out.printf(Locale.ROOT, "load average at start: %s", Files.readString(Path.of("/proc/loadavg")));
            Path artifact = tarGz(root, 50);
            Path key = Files.writeString(root.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Path known = Files.writeString(root.resolve("known_hosts"),
                    "[127.0.0.1]:" + server.port + " " + TestSshHost.publicKeyLine(server.hostKey.getPublic()) + "\n");
            Path archives = root.resolve("cds");
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int r = 0; r <= runs; r++) {
                for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                    List<String> opts = new ArrayList<>(v.getValue());
                    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                    if (!opts.isEmpty() && opts.get(0).startsWith("java=")) {
                        java = opts.remove(0).substring(5);
                    }
                    List<String> named = new ArrayList<>(opts);
                    named.add(java);
                    boolean ownSharing = opts.stream().anyMatch(o -> o.contains("AOT") || o.startsWith("-Xshare"));
                    EngineArchive archive = ownSharing ? null : EngineArchive.in(archives, "deploy", named, line -> { });
                    boolean training = r == 0;
                    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", java));
                    cmd.addAll(EngineProcess.taskOptions("deploy", opts));
                    cmd.addAll(opts.stream().map(o -> o.replace("@ROOT@", root.toString()).replace("@N@", v.getKey()))
                            .map(o -> !o.equals("@AOT@") ? o : (training ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + root.resolve(v.getKey() + ".aot"))
                            .toList());
                    if (archive != null) {
                        cmd.addAll(archive.jvmOptions());
                    }
                    cmd.addAll(List.of("-Dslipway.launched=true", "-cp", jar.toString(), "io.jenkins.plugins.slipway.cli.SlipwayCli",
                            "deploy", "--known-hosts", known.toString(), "--key-file", key.toString(), "--artifact", artifact.toString(),
                            "--release", v.getKey() + "-" + r, "--base-dir", "~/app", "--keep", "2", "-H",
                            System.getProperty("user.name") + "@127.0.0.1:" + server.port));
                    Process p = new ProcessBuilder(cmd).directory(Files.createDirectories(root.resolve("ws")).toFile()).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes());
                    int exit = p.waitFor();
                    if (archive != null) {
                        archive.finish(exit == 0);
                    }
                    String[] lines = out.trim().split("\n");
                    String[] f = lines[lines.length - 1].trim().split(" ");
                    if (exit != 0) {
                        throw new IllegalStateException(v.getKey() + " failed: " + out);
                    }
                    Matcher m = UPLOAD.matcher(out);
                    double upload = m.find() ? Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1) : Double.NaN;
                    if (r == 0) {
                        if (System.getProperty("opts.show") != null) {
                            System.out.println(String.join(" ", cmd) + "\n" + out);
                        }
                        continue; // makes its archive
                    }
                    results.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(new double[] {
                        Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]), upload, Double.parseDouble(f[3]) / 1024});
                }
            }
            System.out.println("variant                    wall(s)  CPU(s)  upload(s)  peak RSS(MB)   options");
            for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
                System.out.printf(Locale.ROOT, "%-24s %8.2f %7.2f %9.2f %12.0f   %s%n", e.getKey(), median(e.getValue(), 0), median(e.getValue(), 1),
                        median(e.getValue(), 2), median(e.getValue(), 3), String.join(" ", variants.get(e.getKey())));
            }
            System.out.printf(Locale.ROOT, "load average at the end: %s", Files.readString(Path.of("/proc/loadavg")));
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(List<double[]> runs, int i) {
        double[] v = runs.stream().mapToDouble(x -> x[i]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Path tarGz(Path root, int megabytes) throws Exception {
        Path dir = Files.createDirectories(root.resolve("art"));
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(dir.resolve("app.bin"))) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Path tgz = root.resolve("app.tar.gz");
        new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", dir.toString(), ".").inheritIO().start().waitFor();
        return tgz;
    }
}
