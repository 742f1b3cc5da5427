package io.jenkins.plugins.slipway.engine.browser;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Writes scenario results as JUnit XML and reads the test cases of a suite's JUnit XML files. */
final class JUnitXml {

    private JUnitXml() {
    }

    static void write(Path file, String suiteName, String browser, List<CaseResult> cases) throws IOException {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suiteName);
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> "FAILED".equals(c.status())).count()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> "SKIPPED".equals(c.status())).count()));
            xml.writeAttribute("time", seconds(cases.stream().mapToLong(CaseResult::durationMillis).sum()));
            xml.writeCharacters("\n");
            for (CaseResult c : cases) {
                xml.writeCharacters("  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "browser." + browser + "." + c.suite().replaceAll("[^A-Za-z0-9_-]+", "_"));
                xml.writeAttribute("name", c.name());
                xml.writeAttribute("time", seconds(c.durationMillis()));
                if ("FAILED".equals(c.status())) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", c.message());
                    xml.writeAttribute("type", "step " + c.failedStep());
                    xml.writeCharacters(c.message() + (c.artifacts().isEmpty() ? "" : "\nartifacts: " + c.artifacts()));
                    xml.writeEndElement();
                }
                xml.writeStartElement("system-out");
                xml.writeCharacters(String.join("\n", c.steps()));
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, out.toString() + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** The test cases in one JUnit XML file (a testsuite or a testsuites root). */
    static List<CaseResult> read(Path file) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(file.toFile());
        } catch (Exception e) {
            throw new IOException(file + " is not readable JUnit XML: " + e.getMessage(), e);
        }
        List<CaseResult> cases = new ArrayList<>();
        NodeList testcases = document.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element tc = (Element) testcases.item(i);
            String status = "PASSED";
            String message = null;
            for (Node child = tc.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e) {
                    switch (e.getTagName()) {
                        case "failure", "error" -> {
                            status = "FAILED";
                            message = e.getAttribute("message").isEmpty() ? e.getTextContent().strip() : e.getAttribute("message");
                        }
                        case "skipped" -> status = "SKIPPED".equals(status) || "PASSED".equals(status) ? "SKIPPED" : status;
                        default -> { }
                    }
                }
            }
            long millis = 0;
            try {
                millis = (long) (Double.parseDouble(tc.getAttribute("time")) * 1000);
            } catch (NumberFormatException e) {
                // no time recorded
            }
            cases.add(new CaseResult(tc.getAttribute("classname"), tc.getAttribute("name"), status, 0, message,
                    millis, List.of(), List.of()));
        }
        return cases;
    }
}
