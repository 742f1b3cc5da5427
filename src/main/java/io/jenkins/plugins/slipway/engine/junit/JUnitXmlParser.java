package io.jenkins.plugins.slipway.engine.junit;

import io.jenkins.plugins.slipway.engine.core.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A streaming JUnit XML reader for every common dialect: Surefire/Failsafe (with {@code flakyFailure},
 * {@code rerunFailure}), Gradle, pytest {@code --junitxml}, Jest and Mocha reporters, nested {@code <testsuites>}
 * and {@code <testsuite>}. A {@code <failure>} or {@code <error>} directly under {@code <testsuite>} (a test class that
 * failed to initialise, with no {@code <testcase>}) counts as one failed case named after the suite, as the Jenkins
 * junit plugin counts it. Memory stays bounded whatever the file size: test cases are handed on one by one, output
 * ({@code system-out}) is never kept, failure text is capped. DTDs and entities are refused (see {@link SafeXml}).
 */
public final class JUnitXmlParser {
    public static final int MAX_TRACE_CHARS = 16 * 1024;
    private static final int MAX_MESSAGE_CHARS = 4 * 1024;

    /** Receives what the parser reads. */
    public interface Listener {
        void testCase(TestCase testCase);
    }

    /** A report that could not be read completely: file, line (0 when unknown) and the reason. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? " line " + line : "") + ": " + message;
        }
    }

    private final XMLInputFactory factory = SafeXml.inputFactory();

    /** Parses one file; test cases read before an error are kept. Returns the problem, or null when all went well. */
    public Problem parse(Path file, String displayName, Listener listener) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return new Problem(displayName, 0, "cannot be read: " + e.getMessage());
        }
        if (size == 0) {
            return new Problem(displayName, 0, "is empty (0 bytes); the test run was probably interrupted");
        }
        XMLStreamReader xml = null;
        try (InputStream in = Files.newInputStream(file)) {
            xml = factory.createXMLStreamReader(in);
            read(xml, listener);
            return null;
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : 0;
            if (line <= 0 && xml != null) {
                line = safeLine(xml);
            }
            return new Problem(displayName, Math.max(line, 0), describe(e));
        } catch (IOException | RuntimeException e) {
            return new Problem(displayName, xml == null ? 0 : safeLine(xml), describe(e));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing left to do
                }
            }
        }
    }

    private static void read(XMLStreamReader xml, Listener listener) throws XMLStreamException {
        CaseReader reader = new CaseReader(listener);
        while (xml.hasNext()) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> reader.start(xml);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (reader.capture) {
                        reader.text(xml);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> reader.end(xml);
                default -> { }
            }
        }
        if (!reader.sawRoot) {
            throw new XMLStreamException("no root element");
        }
    }

    /**
     * What has been read of one file so far, event by event. Small methods rather than one loop with everything in
     * it: the JIT then compiles each once, as a whole method, instead of compiling (and, when a rare branch is first
     * taken, recompiling) one 1,400-byte loop on the stack, which cost a large report's reading a fifth of its CPU.
     */
    private static final class CaseReader {
        private final Listener listener;
        private final Deque<String> suites = new ArrayDeque<>();
        private final Deque<Integer> suiteDepths = new ArrayDeque<>();
        private int depth;
        // a <failure>/<error> straight under <testsuite> (a class that failed to initialise): one failed case
        private boolean suiteLevel;
        boolean sawRoot;
        // state of the open test case; name is null outside one
        private String classname;
        private String name;
        private double seconds;
        private TestCase.Status status;
        private String message;
        private String type;
        private StringBuilder trace;
        private int flaky;
        private String flakyMessage;
        private int reruns;
        private int depthInCase;
        boolean capture;

        CaseReader(Listener listener) {
            this.listener = listener;
        }

        void start(XMLStreamReader xml) throws XMLStreamException {
            String element = xml.getLocalName();
            depth++;
            if (!sawRoot) {
                root(element, xml);
            }
            if (name != null) {
                if (++depthInCase == 1) {
                    inCase(element, xml);
                }
            } else if ("testcase".equals(element)) {
                startCase(xml);
            } else if ("testsuite".equals(element)) {
                String suiteName = xml.getAttributeValue(null, "name");
                suites.push(suiteName == null ? "" : suiteName);
                suiteDepths.push(depth);
            } else if (("failure".equals(element) || "error".equals(element)) && !suiteDepths.isEmpty()
                    && depth == suiteDepths.peek() + 1) {
                startSuiteLevel(element, xml);
            }
        }

        private void root(String element, XMLStreamReader xml) throws XMLStreamException {
            sawRoot = true;
            if (!"testsuites".equals(element) && !"testsuite".equals(element)) {
                throw new XMLStreamException("root element is <" + element + ">, not <testsuites> or "
                        + "<testsuite>: not a JUnit XML report", xml.getLocation());
            }
        }

        private void startCase(XMLStreamReader xml) {
            // one pass over the attributes: a look-up by name scans them all, three times per case
            name = "";
            classname = "";
            seconds = 0;
            for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
                switch (xml.getAttributeLocalName(i)) {
                    case "name" -> name = xml.getAttributeValue(i);
                    case "classname" -> classname = xml.getAttributeValue(i);
                    case "time" -> seconds = seconds(xml.getAttributeValue(i));
                    default -> { }
                }
            }
            status = null;
            message = null;
            type = null;
            trace = null;
            flaky = 0;
            flakyMessage = null;
            reruns = 0;
            depthInCase = 0;
        }

        /** An element directly inside {@code <testcase>}. */
        private void inCase(String element, XMLStreamReader xml) {
            switch (element) {
                case "failure", "error" -> {
                    TestCase.Status s = "error".equals(element) ? TestCase.Status.ERROR : TestCase.Status.FAILED;
                    if (status == null || status == TestCase.Status.SKIPPED
                            || (status == TestCase.Status.FAILED && s == TestCase.Status.ERROR)) {
                        status = s;
                        message = cap(xml.getAttributeValue(null, "message"), MAX_MESSAGE_CHARS);
                        type = xml.getAttributeValue(null, "type");
                        trace = new StringBuilder();
                        capture = true;
                    }
                }
                case "skipped" -> {
                    if (status == null) {
                        status = TestCase.Status.SKIPPED;
                        message = cap(xml.getAttributeValue(null, "message"), MAX_MESSAGE_CHARS);
                    }
                }
                case "flakyFailure", "flakyError" -> {
                    flaky++;
                    if (flakyMessage == null) {
                        flakyMessage = cap(xml.getAttributeValue(null, "message"), MAX_MESSAGE_CHARS);
                    }
                }
                case "rerunFailure", "rerunError" -> reruns++;
                default -> { }
            }
        }

        private void startSuiteLevel(String element, XMLStreamReader xml) {
            name = suites.peek();
            classname = suites.peek();
            seconds = 0;
            status = "error".equals(element) ? TestCase.Status.ERROR : TestCase.Status.FAILED;
            message = cap(xml.getAttributeValue(null, "message"), MAX_MESSAGE_CHARS);
            type = xml.getAttributeValue(null, "type");
            trace = new StringBuilder();
            capture = true;
            flaky = 0;
            flakyMessage = null;
            reruns = 0;
            depthInCase = 1;
            suiteLevel = true;
        }

        void text(XMLStreamReader xml) {
            if (trace.length() < MAX_TRACE_CHARS) {
                String text = xml.getText();
                trace.append(text, 0, Math.min(text.length(), MAX_TRACE_CHARS - trace.length()));
            }
        }

        void end(XMLStreamReader xml) {
            depth--;
            if (suiteLevel && depthInCase == 1) { // </failure> or </error> of the suite itself
                endSuiteLevel();
            } else if (name != null) {
                if (depthInCase == 0) { // </testcase>
                    endCase();
                } else {
                    depthInCase--;
                    capture = false;
                }
            } else if (!suites.isEmpty() && "testsuite".equals(xml.getLocalName())) {
                suites.pop();
                suiteDepths.pop();
            }
        }

        private void endSuiteLevel() {
            String suite = suites.isEmpty() ? "" : suites.peek();
            listener.testCase(new TestCase(suite, classname, name, seconds, status, message, type,
                    trace.toString().strip(), 0, null, 0));
            name = null;
            suiteLevel = false;
            capture = false;
        }

        private void endCase() {
            String suite = suites.isEmpty() ? "" : suites.peek();
            if (classname.isEmpty() && !suite.isEmpty()) {
                classname = suite;
            }
            listener.testCase(new TestCase(suite, classname, name, seconds,
                    status == null ? TestCase.Status.PASSED : status, message, type,
                    trace == null ? null : trace.toString().strip(), flaky, flakyMessage, reruns));
            name = null;
        }
    }

    static double seconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        double plain = plainDecimal(value);
        if (plain >= 0) {
            return plain;
        }
        try {
            double d = Double.parseDouble(value.replace(",", "").trim());
            return Double.isFinite(d) && d >= 0 ? d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code 123.456} (the usual {@code time} attribute, a million times in a large report) without
     * {@link Double#parseDouble}: digits over a power of ten, both exact, divide to the same correctly rounded double.
     * -1 for anything else (signs, exponents, separators, more than 15 digits), which takes the general path.
     */
    static double plainDecimal(String value) {
        long digits = 0;
        int count = 0;
        int scale = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++count > 15) {
                    return -1;
                }
                digits = digits * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return -1;
            }
        }
        if (count == 0) {
            return -1;
        }
        return scale <= 0 ? digits : digits / POWERS_OF_TEN[scale];
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String cap(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max) + "…";
    }

    private static int safeLine(XMLStreamReader xml) {
        try {
            return xml.getLocation().getLineNumber();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int idx = message.indexOf("Message: ");
        message = (idx >= 0 ? message.substring(idx + 9) : message).strip();
        Throwable cause = e.getCause();
        String all = message + (cause != null && cause.getMessage() != null ? " " + cause.getMessage() : "");
        if (all.contains("UTF-8") || all.contains("byte") && all.contains("sequence")) {
            return "is not valid UTF-8 (" + message + "); write the report in UTF-8 or declare its encoding in "
                    + "the XML declaration";
        }
        if (all.contains("XML document structures must start and end") || all.contains("end of file")
                || all.contains("Premature end") || all.contains("ParseError at [row,col]:[-1")) {
            return "is truncated (" + message + "); the test run was probably killed while writing it";
        }
        if (all.contains("DOCTYPE") || all.contains("entity") || all.contains("Entity")) {
            return "uses a DTD or entities, which are refused for safety (" + message + ")";
        }
        return "is not a readable JUnit XML report: " + message;
    }
}
