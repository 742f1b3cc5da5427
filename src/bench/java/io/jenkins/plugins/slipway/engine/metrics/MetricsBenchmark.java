package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.cpd.CPDConfiguration;
import net.sourceforge.pmd.cpd.CpdAnalysis;
import net.sourceforge.pmd.util.log.PmdReporter;

/**
 * Slipway's full metrics run (size + PMD + CPD + reports) against PMD alone and CPD alone, same PMD version, same
 * rules (Java quickstart), same thread count, on one Java source tree, in one JVM: cold, then with a warm PMD cache.
 * PMD alone and CPD alone run once first as a JIT warm-up that is not counted. Run (from the project root):
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.jenkins.plugins.slipway.engine.metrics.MetricsBenchmark /path/to/java/sources
 * </pre>
 * A large real corpus: {@code git -C <jenkins clone> archive jenkins-2.479.3 core/src/main/java | tar -x -C /tmp/corpus}
 * (1,164 files, about 206,000 lines).
 */
public final class MetricsBenchmark {

    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        long lines;
        try (Stream<Path> files = Files.walk(corpus)) {
            lines = files.filter(p -> p.toString().endsWith(".java")).mapToLong(MetricsBenchmark::lineCount).sum();
        }
        System.out.printf(Locale.ROOT, "corpus %s: %,d Java lines, %d cores%n", corpus, lines,
                Runtime.getRuntime().availableProcessors());
        pmdAlone(corpus);
        cpdAlone(corpus);
        double pmd = time(() -> pmdAlone(corpus));
        double cpd = time(() -> cpdAlone(corpus));
        Path work = Files.createTempDirectory("slipway-metrics-bench");
        Path cache = work.resolve("pmd.cache");
        MetricsRequest request = new MetricsRequest(List.of(corpus.toString()), null, null, null, List.of(), null,
                null, cache.toString(), null, null, null, null, work.resolve("out").toString(), null, null, null);
        TaskContext context = new TaskContext(Log.silent(), Secrets.none(), corpus);
        double cold = time(() -> new MetricsService().run(request, context));
        double warm = time(() -> new MetricsService().run(request, context));
        System.out.printf(Locale.ROOT, "PMD alone          %7.2f s  (%,.0f lines/s)%n", pmd, lines / pmd);
        System.out.printf(Locale.ROOT, "CPD alone          %7.2f s%n", cpd);
        System.out.printf(Locale.ROOT, "Slipway cold       %7.2f s  = %.2fx PMD alone, %.2fx PMD+CPD in sequence%n",
                cold, cold / pmd, cold / (pmd + cpd));
        System.out.printf(Locale.ROOT, "Slipway warm cache %7.2f s  = %.1fx faster than cold%n", warm, cold / warm);
    }

    private static long lineCount(Path file) {
        try (Stream<String> l = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return l.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void pmdAlone(Path corpus) {
        PMDConfiguration config = new PMDConfiguration();
        config.setThreads(Runtime.getRuntime().availableProcessors());
        config.setIgnoreIncrementalAnalysis(true);
        config.setReporter(PmdReporter.quiet());
        config.addRuleSet("rulesets/java/quickstart.xml");
        config.addInputPath(corpus);
        try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
            pmd.performAnalysisAndCollectReport();
        }
    }

    private static void cpdAlone(Path corpus) throws IOException {
        CPDConfiguration config = new CPDConfiguration();
        config.setMinimumTileSize(50);
        config.setReporter(PmdReporter.quiet());
        config.setOnlyRecognizeLanguage(config.getLanguageRegistry().getLanguageById("java"));
        config.addInputPath(corpus);
        try (CpdAnalysis cpd = CpdAnalysis.create(config)) {
            cpd.performAnalysis(report -> report.getMatches().size());
        }
    }
}
