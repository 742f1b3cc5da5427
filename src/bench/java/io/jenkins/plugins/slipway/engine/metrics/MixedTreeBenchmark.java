package io.jenkins.plugins.slipway.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Slipway's full metrics run on a mixed Java + Python tree of 50,000+ lines against each analyser run alone by its
 * own command line — PMD (Java quickstart), CPD (Java, then Python), pylint, flake8, bandit — one after the other,
 * side by side in one run, in ROUNDS rounds (default 2; the best time of each counts, as the machine may be
 * shared); it prints each time, their sum, Slipway's time and the ratio, and whether Slipway's
 * findings per tool equal the tools' own. Every run is a fresh process (JVM or Python start included on both sides).
 * Run from the project root, with Debian's pylint, flake8 and bandit on the PATH:
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * mvn -B -o -q -f src/bench/pmd/pom.xml dependency:build-classpath -Dmdep.outputFile=../../../target/pmd-cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.jenkins.plugins.slipway.engine.metrics.MixedTreeBenchmark [CORPUS_DIR [ROUNDS]]
 * </pre>
 * PMD's and CPD's command line run on {@code target/pmd-cp.txt}: PMD's own libraries only, as in its distribution
 * (on a classpath of hundreds of jars PMD's type resolution is many times slower).
 * The corpus (made once in {@code CORPUS_DIR}, default {@code /tmp/slipway-mixed-corpus}): Slipway's own
 * {@code src/main/java} and {@code src/test/java} (Java) and Debian's {@code _pytest} package (Python).
 */
public final class MixedTreeBenchmark {
    private static final Path PYTHON_SOURCE = Path.of("/usr/lib/python3/dist-packages/_pytest");

    private MixedTreeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "/tmp/slipway-mixed-corpus").toAbsolutePath().normalize();
        if (!Files.isDirectory(corpus)) {
            copy(Path.of("src/main/java"), corpus.resolve("java/main"));
            copy(Path.of("src/test/java"), corpus.resolve("java/test"));
            copy(PYTHON_SOURCE, corpus.resolve("python/_pytest"));
        }
        long java = lines(corpus, ".java");
        long python = lines(corpus, ".py");
        System.out.printf(Locale.ROOT, "corpus %s: %,d Java + %,d Python = %,d lines, %d cores%n", corpus, java,
                python, java + python, Runtime.getRuntime().availableProcessors());
        if (java + python < 50_000) {
            throw new IllegalStateException("the corpus is smaller than 50,000 lines");
        }
        Path out = Files.createTempDirectory("slipway-mixed-bench");
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the tools run in the corpus directory: every classpath entry absolute
        String cp = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(
                        File.pathSeparator));
        Path pmdClasspath = Path.of("target/pmd-cp.txt");
        if (!Files.isRegularFile(pmdClasspath)) {
            throw new IllegalStateException("make target/pmd-cp.txt first: mvn -B -o -q -f src/bench/pmd/pom.xml "
                    + "dependency:build-classpath -Dmdep.outputFile=../../../target/pmd-cp.txt");
        }
        String pmdCp = Files.readString(pmdClasspath).strip();
        String threads = String.valueOf(Runtime.getRuntime().availableProcessors());

        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Map<String, Double> alone = new LinkedHashMap<>();
        double slipway = Double.MAX_VALUE;
        Path result = out.resolve("slipway.json");
        for (int round = 1; round <= rounds; round++) {
            // the tools one after the other, then Slipway; the best of the rounds counts (the machine is shared)
            Map<String, Double> times = new LinkedHashMap<>();
            Files.deleteIfExists(out.resolve("flake8.txt")); // flake8 appends to its output file
            times.put("PMD", run(corpus, javaExe, "-cp", pmdCp, "net.sourceforge.pmd.cli.PmdCli", "check",
                    "--no-progress", "--no-cache", "-t", threads, "-d", "java", "-R", "rulesets/java/quickstart.xml",
                    "-f", "json", "-r", out.resolve("pmd.json").toString()));
            times.put("CPD Java", run(corpus, javaExe, "-cp", pmdCp, "net.sourceforge.pmd.cli.PmdCli", "cpd",
                    "--no-fail-on-violation", "--minimum-tokens", "50", "--language", "java", "-d", "java", "-f",
                    "xml"));
            times.put("CPD Python", run(corpus, javaExe, "-cp", pmdCp, "net.sourceforge.pmd.cli.PmdCli", "cpd",
                    "--no-fail-on-violation", "--minimum-tokens", "50", "--language", "python", "-d", "python",
                    "-f", "xml"));
            times.put("pylint", run(corpus, "sh", "-c", "pylint --output-format=json --persistent=n --score=n "
                    + "python > " + out.resolve("pylint.json")));
            times.put("flake8", run(corpus, "flake8", "--exit-zero", "--output-file=" + out.resolve("flake8.txt"),
                    "python"));
            times.put("bandit", run(corpus, "bandit", "-r", "-q", "-f", "json", "-o", out.resolve("bandit.json")
                    .toString(), "python"));
            times.forEach((tool, t) -> alone.merge(tool, t, Math::min));
            double full = run(corpus, javaExe, "-cp", cp, "io.jenkins.plugins.slipway.cli.SlipwayCli", "metrics",
                    "-C", corpus.toString(), "--output", out.resolve("slipway").toString(), "--json",
                    result.toString());
            System.out.printf(Locale.ROOT, "round %d: tools one after the other %.2f s, Slipway %.2f s%n", round,
                    times.values().stream().mapToDouble(Double::doubleValue).sum(), full);
            slipway = Math.min(slipway, full);
        }
        double sum = alone.values().stream().mapToDouble(Double::doubleValue).sum();
        double slowest = alone.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);

        alone.forEach((tool, s) -> System.out.printf(Locale.ROOT, "%-22s %7.2f s%n", tool + " alone", s));
        System.out.printf(Locale.ROOT, "%-22s %7.2f s  (slowest alone %.2f s)%n", "sum of the tools", sum, slowest);
        System.out.printf(Locale.ROOT, "%-22s %7.2f s  = %.2fx the sum (target <= 1.10x)%n", "Slipway full run",
                slipway, slipway / sum);

        JsonNode r = Json.MAPPER.readTree(result.toFile()).path("result");
        JsonNode byTool = r.path("violations").path("byTool");
        int pmd = 0;
        for (JsonNode file : Json.MAPPER.readTree(out.resolve("pmd.json").toFile()).path("files")) {
            pmd += file.path("violations").size();
        }
        Map<String, Integer> own = new LinkedHashMap<>();
        own.put("pmd", pmd);
        own.put("pylint", Json.MAPPER.readTree(out.resolve("pylint.json").toFile()).size());
        own.put("flake8", (int) Files.readAllLines(out.resolve("flake8.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).count());
        own.put("bandit", Json.MAPPER.readTree(out.resolve("bandit.json").toFile()).path("results").size());
        boolean equal = true;
        for (Map.Entry<String, Integer> e : own.entrySet()) {
            int mine = byTool.path(e.getKey()).asInt(0);
            equal &= mine == e.getValue();
            System.out.printf(Locale.ROOT, "findings %-8s tool %,7d  Slipway %,7d  %s%n", e.getKey(), e.getValue(),
                    mine, mine == e.getValue() ? "equal" : "DIFFERENT");
        }
        System.out.println(equal ? "findings equal the tools' own" : "findings DIFFER from the tools' own");
        Map<String, Integer> pylintDiff = new java.util.TreeMap<>();
        Json.MAPPER.readTree(out.resolve("pylint.json").toFile()).forEach(m -> pylintDiff.merge(m.path("symbol")
                .asText(), 1, Integer::sum));
        Json.MAPPER.readTree(out.resolve("slipway/pylint.json").toFile()).forEach(m -> pylintDiff.merge(m.path("symbol")
                .asText(), -1, Integer::sum));
        pylintDiff.values().removeIf(n -> n == 0);
        if (!pylintDiff.isEmpty()) {
            System.out.println("pylint messages whose count differs (pylint alone minus Slipway's pylint): "
                    + pylintDiff + " — pylint's whole-project checks, which also vary between pylint's own runs");
        }
        System.out.println("Slipway: " + r.path("summary").asText());
    }

    private static double run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(command));
        Path log = Files.createTempFile("slipway-bench", ".log");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        if (exit > 4 || seconds < 1) {
            System.err.println("warning: " + String.join(" ", c.subList(Math.max(0, c.size() - 6), c.size()))
                    + " exited " + exit + " after " + seconds + " s: " + String.join(" | ",
                    lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        Files.delete(log);
        return seconds;
    }

    private static long lines(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(suffix)).mapToLong(p -> {
                try (Stream<String> l = Files.lines(p, StandardCharsets.ISO_8859_1)) {
                    return l.count();
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                if (p.toString().contains(File.separator + "__pycache__")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
