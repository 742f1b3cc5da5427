package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.bench.EngineStartBench;
import io.jenkins.plugins.slipway.bridge.EngineArchive;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reading a large JUnit report costs as a whole process, next to the cheapest honest reader of the same file:
 * a Python {@code xml.etree.ElementTree.iterparse} count (C-accelerated expat) — CPU (user + system) of each, side
 * by side in the same run. Rows: {@code slipway test} (analysis only, the default: no normalised copy), the same
 * asked to write the normalised JUnit XML ({@code --junit-xml}, as the Jenkins step does when it publishes to the
 * junit plugin), and the bridge's start of the same task exactly as on an agent ({@code EngineProcess.command}: its
 * class-data archive, the serial collector, {@code -cp jar AgentMain}). {@code java -jar slipway.jar test} runs the
 * command in a JVM of its own ({@code cli.JarLauncher}); the row with a JVM option ({@code -Xshare:auto}, the default)
 * runs it in the JVM {@code java} started, as every release before the launcher did.
 *
 * <pre>mvn -B -q package -DskipTests &amp;&amp; mvn -B -q -o test-compile
 * java -cp target/test-classes:target/slipway.jar io.jenkins.plugins.slipway.engine.tests.TestStepCpuBench [MB] [runs] [older.jar]</pre>
 * An older engine jar adds its {@code slipway test} row, measured in the same rounds.
 */
public final class TestStepCpuBench {

    private static final String ITERPARSE = String.join("\n",
            "import sys, xml.etree.ElementTree as ET",
            "tests = failed = skipped = 0",
            "for event, elem in ET.iterparse(sys.argv[1], events=('end',)):",
            "    if elem.tag == 'testcase':",
            "        tests += 1",
            "        elem.clear()",
            "    elif elem.tag in ('failure', 'error'):",
            "        failed += 1",
            "    elif elem.tag == 'skipped':",
            "        skipped += 1",
            "    elif elem.tag == 'testsuite':",
            "        elem.clear()",
            "print(tests, failed, skipped)");

    private TestStepCpuBench() {
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path jar = Path.of("target", "slipway.jar").toAbsolutePath(); // the command line's launcher
        Path engine = Path.of("target", "slipway-engine.jar").toAbsolutePath(); // what agents run
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Path dir = Files.createTempDirectory("slipway-test-bench");
        Path report = dir.resolve("TEST-big.xml");
        try {
            BigReport.Shape shape = BigReport.write(report, mb * 1024 * 1024);
            System.out.printf(Locale.ROOT, "report: %,d bytes, %,d tests (%,d failed, %,d skipped); %s%n",
                    shape.bytes(), shape.tests(), shape.failed(), shape.skipped(), python);
            Path script = dir.resolve("count.py");
            Files.writeString(script, ITERPARSE + "\n");
            List<String> slipway = List.of("test", "-C", dir.toString(), "--reports", "TEST-big.xml", "--exit-code", "0",
                    "--no-ignore-stale", "--html", "");
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("baseline: python iterparse count", List.of(python, script.toString(), report.toString()));
            if (args.length > 2) {
                commands.put("before: slipway test (older jar)",
                        concat(List.of(java, "-jar", Path.of(args[2]).toAbsolutePath().toString()), slipway));
            }
            commands.put("slipway test (no normalised copy)", concat(List.of(java, "-jar", jar.toString()), slipway));
            commands.put("same, in the JVM java started (-Xshare:auto)",
                    concat(List.of(java, "-Xshare:auto", "-jar", jar.toString()), slipway));
            commands.put("slipway test --junit-xml (rewrites it)", concat(List.of(java, "-jar", jar.toString()),
                    concat(slipway, List.of("--junit-xml", "slipway/junit.xml"))));
            String agent = "bridge: test task as on agents, no copy";
            commands.put(agent, List.of());
            String envelope = "{\"task\":\"test\",\"request\":{\"reports\":[\"TEST-big.xml\"],\"commandExitCode\":0,"
                    + "\"ignoreStaleReports\":false,\"html\":\"\",\"normalisedJUnitXml\":\"\"}}";

            Map<String, List<double[]>> samples = new LinkedHashMap<>();
            for (int i = 0; i < runs + 1; i++) { // the first round warms the page cache and makes the archive
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    double[] cpuWall;
                    if (c.getKey().equals(agent)) {
                        EngineArchive archive = EngineArchive.forStart(engine, "test", List.of(), line -> { });
                        List<String> command = new ArrayList<>(EngineProcess.command(java, "test", List.of(),
                                List.of("-jar", engine.toString()), archive));
                        command.add("agent");
                        cpuWall = EngineStartBench.cpuAndWall(command, envelope, dir);
                        archive.finish(true);
                    } else {
                        cpuWall = EngineStartBench.cpuAndWall(c.getValue(), null, dir);
                    }
                    if (i > 0) {
                        samples.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(cpuWall);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "runs: %d (after 1 warm-up round), %d cores, load %.1f%n", runs,
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "%-42s %9s %10s %9s%n", "whole process (median)", "CPU ms", "x python",
                    "wall ms");
            double base = EngineStartBench.median(samples.get("baseline: python iterparse count"), 0);
            for (Map.Entry<String, List<double[]>> s : samples.entrySet()) {
                double cpu = EngineStartBench.median(s.getValue(), 0);
                System.out.printf(Locale.ROOT, "%-42s %9.0f %10.2f %9.0f%n", s.getKey(), cpu, cpu / base,
                        EngineStartBench.median(s.getValue(), 1));
            }
            System.out.printf(Locale.ROOT, "target: slipway test <= 1.2 x python: CLI %s, bridge (runTests) %s%n",
                    EngineStartBench.median(samples.get("slipway test (no normalised copy)"), 0) <= 1.2 * base
                            ? "met" : "MISSED",
                    EngineStartBench.median(samples.get(agent), 0) <= 1.2 * base ? "met" : "MISSED");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
