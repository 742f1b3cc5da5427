package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.cli.OpenLoopLoad;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Requests dropped by a rolling deploy, with and without traffic control, side by side in one run: three OpenSSH
 * {@code sshd} hosts on loopback, each running a Python HTTP service that needs 3 s to start and that
 * {@code afterSwitch} restarts; a real HAProxy ({@code /usr/sbin/haproxy}) with health checks, {@code retries 0} and
 * no {@code option redispatch}; an open-loop load through HAProxy (requests leave on a fixed schedule, whatever the
 * answers) during each rolling deploy (batch 1). Per HAProxy check interval (0.5 s and 3 s) and round, one deploy
 * without traffic control, one with HAProxy's TCP runtime API and one through its admin socket over SSH.
 * Run from the project root:
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.jenkins.plugins.slipway.engine.deploy.ZeroDowntimeBenchmark [rate] [rounds]
 * </pre>
 */
public final class ZeroDowntimeBenchmark {

    private ZeroDowntimeBenchmark() {
    }

    record Row(String mode, int checkMillis, int round, OpenLoopLoad.Counts counts, long deployMillis, Outcome outcome) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String missing = ZeroDowntimeLab.unavailable();
        if (missing != null) {
            System.out.println("skipped: " + missing);
            return;
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; %s; open-loop load %d requests/s through HAProxy; 3 hosts, batch 1,"
                + " a service with a 3 s start restarted by afterSwitch%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), haproxyVersion(), rate);
        List<Row> rows = new ArrayList<>();
        int release = 1;
        for (int check : new int[] {500, 3000}) {
            Path root = Files.createTempDirectory("slipway-zdt-bench");
            try (ZeroDowntimeLab lab = new ZeroDowntimeLab(root.resolve("lab"), 3, check)) {
                must(lab.deploy(lab.request("r" + release++, null)), lab);
                lab.awaitAllUp(30);
                for (int round = 1; round <= rounds; round++) {
                    for (String mode : List.of("without traffic control", "HAProxy runtime API (TCP)", "HAProxy admin socket over SSH")) {
                        Map<String, Object> traffic = mode.startsWith("without") ? null : mode.contains("TCP") ? lab.haproxyOverTcp() : lab.haproxyOverSsh();
                        OpenLoopLoad load = new OpenLoopLoad(lab.frontend(), rate, Duration.ofSeconds(5));
                        long t0 = System.nanoTime();
                        DeployResult result = lab.deploy(lab.request("r" + release++, traffic));
                        long millis = (System.nanoTime() - t0) / 1_000_000;
                        OpenLoopLoad.Counts counts = load.stop();
                        rows.add(new Row(mode, check, round, counts, millis, result.outcome()));
                        System.out.printf(Locale.ROOT, "  check %4d ms  round %d  %-32s %s  (deploy %.1f s, %s)%n", check, round, mode, counts,
                                millis / 1000.0, result.outcome());
                        lab.awaitAllUp(30);
                    }
                }
            } finally {
                try (Stream<Path> all = Files.walk(root)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %-32s %10s %8s %10s%n", "checks", "deploy", "requests", "failed", "deploy s");
        for (int check : new int[] {500, 3000}) {
            for (String mode : List.of("without traffic control", "HAProxy runtime API (TCP)", "HAProxy admin socket over SSH")) {
                List<Row> of = rows.stream().filter(r -> r.checkMillis() == check && r.mode().equals(mode)).toList();
                long sent = of.stream().mapToLong(r -> r.counts().sent()).sum();
                long failed = of.stream().mapToLong(r -> r.counts().failed()).sum();
                double secs = of.stream().mapToLong(Row::deployMillis).average().orElse(0) / 1000.0;
                System.out.printf(Locale.ROOT, "%-8s %-32s %10d %8d %10.1f%n", check + " ms", mode, sent, failed, secs);
            }
        }
    }

    private static void must(DeployResult result, ZeroDowntimeLab lab) {
        if (result.outcome() != Outcome.PASSED) {
            throw new IllegalStateException("the first deploy failed:\n" + lab.log());
        }
    }

    private static String haproxyVersion() {
        try {
            Process p = new ProcessBuilder(ZeroDowntimeLab.HAPROXY.toString(), "-v").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("HAProxy");
            p.waitFor();
            return first.replaceAll(" - https.*", "");
        } catch (Exception e) {
            return "HAProxy";
        }
    }
}
