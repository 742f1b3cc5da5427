package io.jenkins.plugins.slipway.engine.tests;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic JUnit XML report of about {@code bytes} bytes: many suites of test cases, every 50th failing
 * with a stack trace, every 100th skipped, and in the middle one test with a huge {@code system-out} (a tenth of
 * the file) and one with a huge failure trace, the shapes that break DOM-based readers.
 */
public final class BigReport {

    /** What was written, to check a parse against. */
    public record Shape(long tests, long failed, long skipped, long bytes) {
    }

    private BigReport() {
    }

    public static Shape write(Path file, long bytes) throws IOException {
        long tests = 0;
        long failed = 0;
        long skipped = 0;
        long hugeAt = bytes / 2;
        boolean hugeDone = false;
        String trace = "java.lang.AssertionError: expected 1 but was 2\n"
                + "\tat com.example.big.Case.check(Case.java:42)\n".repeat(12);
        try (CountingWriter out = new CountingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
            int suite = 0;
            while (out.count < bytes) {
                out.write("<testsuite name=\"com.example.big.Suite" + suite + "\" tests=\"1000\">\n");
                for (int i = 0; i < 1000 && out.count < bytes; i++) {
                    tests++;
                    out.write("  <testcase classname=\"com.example.big.Suite" + suite + "\" name=\"shouldWork" + i
                            + "\" time=\"0.0" + (i % 10) + "\"");
                    if (!hugeDone && out.count > hugeAt) {
                        hugeDone = true;
                        out.write("><system-out>");
                        String chunk = "a line of test output that nobody needs to keep in memory\n";
                        for (long n = 0; n < bytes / 10 / chunk.length(); n++) {
                            out.write(chunk);
                        }
                        out.write("</system-out></testcase>\n");
                        tests++;
                        failed++;
                        out.write("  <testcase classname=\"com.example.big.Huge\" name=\"shouldHaveAHugeTrace\">"
                                + "<failure message=\"huge\">");
                        for (long n = 0; n < bytes / 20 / trace.length(); n++) {
                            out.write(trace);
                        }
                        out.write("</failure></testcase>\n");
                    } else if (i % 50 == 7) {
                        failed++;
                        out.write("><failure message=\"expected 1 but was 2\" type=\"java.lang.AssertionError\">"
                                + trace + "</failure></testcase>\n");
                    } else if (i % 100 == 3) {
                        skipped++;
                        out.write("><skipped message=\"not today\"/></testcase>\n");
                    } else {
                        out.write("/>\n");
                    }
                }
                out.write("</testsuite>\n");
                suite++;
            }
            out.write("</testsuites>\n");
            return new Shape(tests, failed, skipped, out.count);
        }
    }

    private static final class CountingWriter implements AutoCloseable {
        private final BufferedWriter out;
        long count;

        CountingWriter(BufferedWriter out) {
            this.out = out;
        }

        void write(String s) throws IOException {
            out.write(s);
            count += s.length();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
