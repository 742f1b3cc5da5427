package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.core.SafeXml;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes every test case, as it is read, into one plain JUnit XML file that Jenkins' {@code junit} step and every
 * other JUnit consumer reads: {@code <testsuites>} with totals, one {@code <testsuite>} per suite run, Surefire's
 * {@code flakyFailure} kept on flaky tests. Streaming: the cases go to a temporary body, the totals into the header.
 */
final class NormalisedJUnitWriter implements JUnitXmlParser.Listener, AutoCloseable {
    private final Path target;
    private final Path body;
    private final OutputStream out;
    private final XMLStreamWriter xml;
    private String openSuite;
    private long tests;
    private long failures;
    private long errors;
    private long skipped;
    private double seconds;

    NormalisedJUnitWriter(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.body = Files.createTempFile(target.toAbsolutePath().getParent(), ".junit-body", ".tmp");
        this.out = new BufferedOutputStream(Files.newOutputStream(body), 1 << 16);
        try {
            this.xml = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void testCase(TestCase t) {
        try {
            if (!t.suite().equals(openSuite)) {
                endSuite();
                xml.writeCharacters("\n");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", clean(t.suite()));
                openSuite = t.suite();
            }
            tests++;
            seconds += t.seconds();
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", clean(t.classname()));
            xml.writeAttribute("name", clean(t.name()));
            xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", t.seconds()));
            switch (t.status()) {
                case FAILED, ERROR -> {
                    if (t.status() == TestCase.Status.FAILED) {
                        failures++;
                    } else {
                        errors++;
                    }
                    xml.writeStartElement(t.status() == TestCase.Status.FAILED ? "failure" : "error");
                    attr("message", t.message());
                    attr("type", t.type());
                    if (t.trace() != null) {
                        xml.writeCharacters(clean(t.trace()));
                    }
                    xml.writeEndElement();
                }
                case SKIPPED -> {
                    skipped++;
                    xml.writeStartElement("skipped");
                    attr("message", t.message());
                    xml.writeEndElement();
                }
                case PASSED -> {
                    for (int i = 0; i < t.flakyRuns(); i++) {
                        xml.writeStartElement("flakyFailure");
                        attr("message", t.flakyMessage());
                        xml.writeEndElement();
                    }
                }
            }
            xml.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the normalised JUnit XML " + target + ": " + e.getMessage(), e);
        }
    }

    private void endSuite() throws XMLStreamException {
        if (openSuite != null) {
            xml.writeCharacters("\n");
            xml.writeEndElement();
            openSuite = null;
        }
    }

    private void attr(String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeAttribute(name, clean(value));
        }
    }

    /** Drops characters XML 1.0 cannot carry (control characters from test output). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!ok && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null && ok) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** Finishes the file: header with totals, then the body. */
    void finish() throws IOException {
        try {
            endSuite();
            xml.writeCharacters("\n");
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        out.close();
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".junit", ".tmp");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            o.write(String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n<testsuites name=\"slipway\" "
                    + "tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">",
                    tests, failures, errors, skipped, seconds).getBytes(StandardCharsets.UTF_8));
            Files.copy(body, o);
            o.write("</testsuites>\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(body);
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // already closed
        }
        out.close();
        Files.deleteIfExists(body);
    }
}
