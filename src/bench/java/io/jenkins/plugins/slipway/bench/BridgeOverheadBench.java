package io.jenkins.plugins.slipway.bench;

import io.jenkins.plugins.slipway.bridge.EngineArchive;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The bridge's own cost per step, with the engine already cached on the agent: start the engine JVM, hand it the
 * request on standard input, run the trivial {@code version} task, read the result — next to a bare
 * {@code java -version} measured in the same run, so the ratio does not depend on the machine. The engine starts as
 * on an agent, with its class-data archive (made in the first warm-up round, in {@code target/cds/}).
 *
 * <p>Given an older engine jar, it also runs that one as agents started it before this release ({@code -jar}, its
 * own archive, C1 only), in the same rounds: before and after side by side.
 *
 * <pre>mvn -B -q package -DskipTests
 * java -cp target/test-classes:target/slipway.jar io.jenkins.plugins.slipway.bench.BridgeOverheadBench [runs] [older.jar]</pre>
 */
public final class BridgeOverheadBench {

    private BridgeOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path jar = Path.of("target", "slipway-engine.jar").toAbsolutePath(); // the engine agents run
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the engine first: mvn -B -q package -DskipTests");
        }
        Path older = args.length > 1 ? Path.of(args[1]).toAbsolutePath() : null;
        String java = EngineProcess.currentJava();
        Path work = Files.createTempDirectory("slipway-bench");
        List<Long> bare = new ArrayList<>();
        List<Long> bridge = new ArrayList<>();
        List<Long> before = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) { // two warm-up rounds fill the OS page cache
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            long t1 = System.nanoTime();
            EngineProcess.Outcome outcome = EngineProcess.runEngine(java, List.of(), List.of("-jar", jar.toString()),
                    Map.of("task", "version", "request", Map.of()), work, Map.of(), Duration.ofSeconds(5), line -> { });
            long t2 = System.nanoTime();
            if (!"PASSED".equals(EngineReply.of("bench", outcome).status())) {
                throw new IllegalStateException("the engine failed: " + EngineReply.of("bench", outcome).message());
            }
            if (i >= 2) {
                bare.add(t1 - t0);
                bridge.add(t2 - t1);
            }
            if (older != null) {
                long t3 = System.nanoTime();
                EngineArchive archive = EngineArchive.forStart(older, "version", List.of(), line -> { });
                List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1"));
                command.addAll(archive.jvmOptions());
                command.addAll(List.of("-jar", older.toString()));
                EngineProcess.Outcome old = EngineProcess.run(command, Map.of("task", "version", "request", Map.of()),
                        work, Map.of(), Duration.ofSeconds(5), line -> { });
                archive.finish(old.exitCode() == 0);
                if (i >= 2) {
                    before.add(System.nanoTime() - t3);
                }
            }
        }
        double bareMs = median(bare) / 1e6;
        double bridgeMs = median(bridge) / 1e6;
        System.out.printf("runs: %d (after 2 warm-up rounds), engine jar %.0f MB%n", runs, Files.size(jar) / 1e6);
        System.out.printf("%-44s %8.0f ms (median)%n", "baseline: java -version", bareMs);
        if (older != null) {
            System.out.printf("%-44s %8.0f ms (median), %.2f x java -version%n", "before: older jar as agents started it",
                    median(before) / 1e6, median(before) / 1e6 / bareMs);
        }
        System.out.printf("%-44s %8.0f ms (median)%n", "bridge: engine JVM + request + version task", bridgeMs);
        System.out.printf("%-44s %8.1f (1-minute average; the machine is shared)%n", "load",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-44s %8.0f ms  (target < 600 ms per step: %s)%n", "bridge overhead over bare JVM start",
                bridgeMs - bareMs, bridgeMs - bareMs < 600 ? "met" : "MISSED");
        System.out.printf("%-44s %8.2f x  (target <= 3 x: %s)%n", "bridge wall / java -version wall", bridgeMs / bareMs,
                bridgeMs / bareMs <= 3 ? "met" : "MISSED");
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
