package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.junit.JUnitXmlParser;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Ingests one generated JUnit XML report twice in the same JVM: with Slipway's streaming reader (parse, count,
 * keep failures and slowest tests) and with a DOM parse of the same file doing the same counting. Prints
 * throughput, peak heap and the ratios. Not a test; run it by hand (see docs/steps/runTests.md):
 *
 * <pre>
 * mvn -B -o -q test-compile
 * java -Xmx12g -cp target/classes:target/test-classes io.jenkins.plugins.slipway.engine.tests.JUnitIngestBenchmark 1024
 * </pre>
 *
 * The argument is the report size in MB (default 1024). The file is written to a temporary directory and deleted.
 */
public final class JUnitIngestBenchmark {

    private JUnitIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mb = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path dir = Files.createTempDirectory("slipway-bench");
        Path report = dir.resolve("TEST-big.xml");
        try {
            System.out.printf(Locale.ROOT, "generating a %d MB JUnit report in %s ...%n", mb, dir);
            BigReport.Shape shape = BigReport.write(report, mb * 1024 * 1024);
            long bytes = Files.size(report);
            System.out.printf(Locale.ROOT, "report: %,d bytes, %,d tests (%,d failed, %,d skipped); max heap %,d MB%n",
                    bytes, shape.tests(), shape.failed(), shape.skipped(), Runtime.getRuntime().maxMemory() >> 20);

            Work streaming = () -> {
                Collector collector = new Collector(null);
                JUnitXmlParser.Problem problem = new JUnitXmlParser().parse(report, "TEST-big.xml", collector);
                if (problem != null) {
                    throw new IllegalStateException(problem.toString());
                }
                return collector.tests;
            };
            Run stream = measure(streaming);
            print("streaming (Slipway)", stream, bytes);
            stream = measure(streaming);
            print("streaming, 2nd run", stream, bytes);

            Run dom = measure(() -> domCount(report.toFile()));
            print("DOM", dom, bytes);

            if (stream.tests != shape.tests() || (dom.error == null && dom.tests != shape.tests())) {
                System.out.println("MISMATCH: counts differ from what was generated");
            }
            if (dom.error == null) {
                System.out.printf(Locale.ROOT, "ratios: streaming is %.1fx faster and uses %.1fx less peak heap than DOM%n",
                        (double) dom.nanos / stream.nanos, (double) dom.peakHeap / Math.max(1, stream.peakHeap));
            } else {
                System.out.printf(Locale.ROOT, "ratios: DOM failed (%s) after %.1f s with %,d MB heap; streaming "
                        + "needed %,d MB peak%n", dom.error, dom.nanos / 1e9, dom.peakHeap >> 20, stream.peakHeap >> 20);
            }
        } finally {
            Files.deleteIfExists(report);
            Files.deleteIfExists(dir);
        }
    }

    private static long domCount(File file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute("jdk.xml.totalEntitySizeLimit", "0");
        DocumentBuilder builder = factory.newDocumentBuilder();
        Element root = builder.parse(file).getDocumentElement();
        NodeList cases = root.getElementsByTagName("testcase");
        long tests = 0;
        long failed = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            tests++;
            for (Node child = cases.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("failure".equals(child.getNodeName()) || "error".equals(child.getNodeName())) {
                    failed++;
                    child.getTextContent();
                }
            }
        }
        return failed >= 0 ? tests : -1;
    }

    @FunctionalInterface
    private interface Work {
        long run() throws Exception;
    }

    private record Run(long tests, long nanos, long peakHeap, String error) {
    }

    private static Run measure(Work work) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        AtomicLong sampled = new AtomicLong();
        long baseline = used();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampled.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        long tests = -1;
        String error = null;
        try {
            tests = work.run();
        } catch (OutOfMemoryError e) {
            error = "OutOfMemoryError";
        } catch (Exception e) {
            error = e.toString();
        }
        long nanos = System.nanoTime() - start;
        sampler.interrupt();
        sampler.join();
        long poolPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeak += pool.getPeakUsage().getUsed();
            }
        }
        long peak = Math.max(sampled.get(), Math.min(poolPeak, Runtime.getRuntime().maxMemory())) - baseline;
        return new Run(tests, nanos, Math.max(peak, 1), error);
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void print(String name, Run run, long bytes) {
        System.out.printf(Locale.ROOT, "%-20s %s: %,d tests in %.2f s = %.1f MB/s, peak heap %,d MB%n", name,
                run.error == null ? "ok" : "FAILED " + run.error, run.tests, run.nanos / 1e9,
                bytes / 1048576.0 / (run.nanos / 1e9), run.peakHeap >> 20);
    }
}
