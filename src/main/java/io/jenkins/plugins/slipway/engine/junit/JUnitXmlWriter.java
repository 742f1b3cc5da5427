package io.jenkins.plugins.slipway.engine.junit;

import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes every test case, as it is read, into one plain JUnit XML file that Jenkins' {@code junit} step and every
 * other JUnit consumer reads: {@code <testsuites>} with totals, one {@code <testsuite>} per suite run, Surefire's
 * {@code flakyFailure} kept on flaky tests. Streaming, in one pass: the cases go straight into the file after a
 * header of fixed size, which gets the totals at the end (padded with spaces inside the start tag). The escaping is
 * done here, not by a StAX writer: a large report has millions of passing cases, each of which would otherwise
 * cost a formatted string and a character-by-character writer.
 */
public final class JUnitXmlWriter implements JUnitXmlParser.Listener, AutoCloseable {
    private static final String PROLOGUE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final int HEADER_CHARS = 256;

    private final Path target;
    private final Path tmp;
    private final Writer out;
    private String openSuite;
    private long tests;
    private long failures;
    private long errors;
    private long skipped;
    private double seconds;

    public JUnitXmlWriter(Path target) throws IOException {
        this.target = target;
        SafeOutput.checkTarget(target.toAbsolutePath());
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".junit", ".tmp");
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                1 << 16);
        out.write(header());
    }

    @Override
    public void testCase(TestCase t) {
        testCase(t, null);
    }

    /** Writes {@code t}, with {@code systemOut} (when not null) as its {@code <system-out>}. */
    public void testCase(TestCase t, String systemOut) {
        try {
            if (!t.suite().equals(openSuite)) {
                endSuite();
                out.write("\n<testsuite name=\"");
                escape(t.suite(), true);
                out.write("\">");
                openSuite = t.suite();
            }
            tests++;
            seconds += t.seconds();
            out.write("\n  <testcase classname=\"");
            escape(t.classname(), true);
            out.write("\" name=\"");
            escape(t.name(), true);
            out.write("\" time=\"");
            writeSeconds(t.seconds());
            out.write('"');
            boolean open = false;
            switch (t.status()) {
                case FAILED, ERROR -> {
                    String element = t.status() == TestCase.Status.FAILED ? "failure" : "error";
                    if (t.status() == TestCase.Status.FAILED) {
                        failures++;
                    } else {
                        errors++;
                    }
                    out.write("><");
                    out.write(element);
                    attr("message", t.message());
                    attr("type", t.type());
                    out.write('>');
                    if (t.trace() != null) {
                        escape(t.trace(), false);
                    }
                    out.write("</");
                    out.write(element);
                    out.write('>');
                    open = true;
                }
                case SKIPPED -> {
                    skipped++;
                    out.write("><skipped");
                    attr("message", t.message());
                    out.write("/>");
                    open = true;
                }
                case PASSED -> {
                    for (int i = 0; i < t.flakyRuns(); i++) {
                        out.write(open ? "<flakyFailure" : "><flakyFailure");
                        open = true;
                        attr("message", t.flakyMessage());
                        out.write("/>");
                    }
                }
            }
            if (systemOut != null) {
                out.write(open ? "<system-out>" : "><system-out>");
                open = true;
                escape(systemOut, false);
                out.write("</system-out>");
            }
            out.write(open ? "</testcase>" : "/>");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the normalised JUnit XML " + target + ": " + e.getMessage(), e);
        }
    }

    private void endSuite() throws IOException {
        if (openSuite != null) {
            out.write("\n</testsuite>");
            openSuite = null;
        }
    }

    private void attr(String name, String value) throws IOException {
        if (value != null) {
            out.write(' ');
            out.write(name);
            out.write("=\"");
            escape(value, true);
            out.write('"');
        }
    }

    /** {@code %.3f} without {@link String#format}: whole milliseconds, rounded. */
    private void writeSeconds(double value) throws IOException {
        long millis = Math.round(value * 1000);
        out.write(Long.toString(millis / 1000));
        out.write('.');
        long fraction = millis % 1000;
        if (fraction < 100) {
            out.write(fraction < 10 ? "00" : "0");
        }
        out.write(Long.toString(fraction));
    }

    /**
     * Writes {@code s} escaped for XML 1.0 text or a double-quoted attribute; characters XML cannot carry (control
     * characters from test output) are dropped. Runs of plain characters are written in one piece.
     */
    private void escape(String s, boolean attribute) throws IOException {
        if (s == null) {
            return;
        }
        int plainFrom = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement;
            if (c == '&') {
                replacement = "&amp;";
            } else if (c == '<') {
                replacement = "&lt;";
            } else if (c == '>') {
                replacement = "&gt;";
            } else if (attribute && c == '"') {
                replacement = "&quot;";
            } else if (attribute && (c == '\n' || c == '\r' || c == '\t')) {
                replacement = c == '\n' ? "&#10;" : c == '\r' ? "&#13;" : "&#9;";
            } else if (c == '\r') {
                replacement = "&#13;";
            } else if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
                replacement = "";
            } else {
                continue;
            }
            out.write(s, plainFrom, i - plainFrom);
            out.write(replacement);
            plainFrom = i + 1;
        }
        out.write(s, plainFrom, s.length() - plainFrom);
    }

    /** The prologue and {@code <testsuites …>} with the totals so far, padded to a fixed size. */
    private String header() {
        String start = String.format(Locale.ROOT, "<testsuites name=\"slipway\" tests=\"%d\" failures=\"%d\" errors=\"%d\""
                + " skipped=\"%d\" time=\"%.3f\"", tests, failures, errors, skipped, seconds);
        StringBuilder header = new StringBuilder(HEADER_CHARS).append(PROLOGUE).append(start);
        while (header.length() < HEADER_CHARS - 1) {
            header.append(' ');
        }
        return header.append('>').toString();
    }

    /** Finishes the file: closes the last suite, puts the totals into the header and moves the file into place. */
    public void finish() throws IOException {
        endSuite();
        out.write("\n</testsuites>\n");
        out.close();
        String header = header();
        if (header.length() != HEADER_CHARS) {
            throw new IOException("the totals do not fit the header (" + header.length() + " characters)");
        }
        try (RandomAccessFile file = new RandomAccessFile(tmp.toFile(), "rw")) {
            file.write(header.getBytes(StandardCharsets.US_ASCII));
        }
        SafeOutput.checkTarget(target.toAbsolutePath());
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        out.close();
        Files.deleteIfExists(tmp);
    }
}
