package io.jenkins.plugins.slipway.engine.coverage;

import io.jenkins.plugins.slipway.engine.core.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Streams JaCoCo XML and Cobertura XML reports (hardened StAX; memory grows with the number of files only). */
final class XmlCoverageParser {
    private static final Pattern CONDITIONS = Pattern.compile("\\((\\d+)/(\\d+)\\)");

    private final SourcePaths paths;

    XmlCoverageParser(SourcePaths paths) {
        this.paths = paths;
    }

    CoverageReport parse(Path file, String displayName) throws CoverageException {
        if (sizeOf(file) == 0) {
            throw new CoverageException("Coverage report " + displayName + " is empty (0 bytes). The tool that writes "
                    + "it probably failed or was interrupted; check its output above.");
        }
        XMLStreamReader xml = null;
        try (InputStream in = Files.newInputStream(file)) {
            xml = SafeXml.inputFactory().createXMLStreamReader(in);
            while (xml.hasNext() && xml.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog, comments, DOCTYPE (never processed)
            }
            if (!xml.isStartElement()) {
                throw new CoverageException("Coverage report " + displayName + " has no root element.");
            }
            String root = xml.getLocalName();
            if ("report".equals(root)) {
                return CoverageReport.of(displayName, CoverageFormat.JACOCO_XML, jacoco(xml));
            }
            if ("coverage".equals(root)) {
                return CoverageReport.of(displayName, CoverageFormat.COBERTURA_XML, cobertura(xml));
            }
            throw new CoverageException("Coverage report " + displayName + " has root element <" + root
                    + ">, which is neither JaCoCo (<report>) nor Cobertura (<coverage>). Point the coverage globs at "
                    + "jacoco.xml or coverage.xml files only.");
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
            throw new CoverageException("Coverage report " + displayName + " is not well-formed XML"
                    + (line > 0 ? " at line " + line : "") + ": " + clean(e.getMessage())
                    + ". Is the file truncated, or written with a DTD/entities (refused for safety)?", e);
        } catch (IOException e) {
            throw new CoverageException("Cannot read coverage report " + displayName + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new CoverageException("Coverage report " + displayName + " has a non-numeric counter"
                    + (xml != null ? " at line " + xml.getLocation().getLineNumber() : "") + ": " + e.getMessage(), e);
        } finally {
            close(xml);
        }
    }

    private List<FileCoverage> jacoco(XMLStreamReader xml) throws XMLStreamException {
        List<FileCoverage> files = new ArrayList<>();
        String pkg = "";
        String source = null;
        Counter lines = Counter.EMPTY;
        Counter branches = Counter.EMPTY;
        BitSet missed = new BitSet();
        boolean lineData = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "package" -> pkg = attr(xml, "name", "");
                    case "sourcefile" -> {
                        source = attr(xml, "name", "");
                        lines = Counter.EMPTY;
                        branches = Counter.EMPTY;
                        missed = new BitSet();
                        lineData = false;
                    }
                    case "line" -> {
                        if (source != null) {
                            lineData = true;
                            int nr = Integer.parseInt(attr(xml, "nr", "0"));
                            if (nr > 0 && Long.parseLong(attr(xml, "ci", "0")) == 0
                                    && Long.parseLong(attr(xml, "mi", "0")) > 0) {
                                missed.set(nr);
                            }
                        }
                    }
                    case "counter" -> {
                        if (source != null) {
                            Counter counter = new Counter(Long.parseLong(attr(xml, "covered", "0")),
                                    Long.parseLong(attr(xml, "missed", "0")));
                            String type = attr(xml, "type", "");
                            if ("LINE".equals(type)) {
                                lines = counter;
                            } else if ("BRANCH".equals(type)) {
                                branches = counter;
                            }
                        }
                    }
                    default -> { }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "sourcefile".equals(xml.getLocalName())) {
                files.add(file(pkg.isEmpty() ? source : pkg + "/" + source, List.of(), lines, branches,
                        lineData ? FileCoverage.ranges(missed) : null));
                source = null;
            }
        }
        return files;
    }

    /**
     * Cobertura as coverage tools count it ({@code lines-valid}, {@code branches-valid}): a class's own
     * {@code class/lines} are its lines; lines under {@code class/methods/method/lines} only repeat them (or, in
     * JavaScript reports, add a function's declaration line that is no statement) and are not counted, unless the
     * class has no {@code <lines>} element at all. Lines are merged by (file, line number) across classes — gcovr and
     * coverlet repeat a line for nested and async classes. A line is covered if any occurrence has hits; its branches
     * are the largest covered and total counts of its occurrences. {@code branch} is read case-insensitively
     * ({@code True}).
     */
    private List<FileCoverage> cobertura(XMLStreamReader xml) throws XMLStreamException {
        List<String> sources = new ArrayList<>();
        Map<String, Lines> byFile = new LinkedHashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        StringBuilder text = null;
        Lines current = null;
        Lines methodLines = null; // the current class's lines under <methods>, counted only if it has no <lines>
        boolean classHasLines = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                String parent = stack.peek();
                stack.push(name);
                if ("source".equals(name)) {
                    text = new StringBuilder();
                } else if ("class".equals(name)) {
                    current = byFile.computeIfAbsent(attr(xml, "filename", attr(xml, "name", "")), k -> new Lines());
                    methodLines = new Lines();
                    classHasLines = false;
                } else if ("lines".equals(name) && "class".equals(parent)) {
                    classHasLines = true;
                } else if ("line".equals(name) && "lines".equals(parent) && current != null) {
                    Lines into = "class".equals(grandparent(stack)) ? current : methodLines;
                    int number = Integer.parseInt(attr(xml, "number", "0"));
                    if (number >= 0) {
                        into.seen.set(number);
                        if (Long.parseLong(attr(xml, "hits", "0")) > 0) {
                            into.hit.set(number);
                        }
                        if ("true".equalsIgnoreCase(attr(xml, "branch", "false"))) {
                            Matcher m = CONDITIONS.matcher(attr(xml, "condition-coverage", ""));
                            if (m.find()) {
                                into.branch(number, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                            }
                        }
                    }
                }
            } else if (event == XMLStreamConstants.CHARACTERS && text != null && text.length() < 4096) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (!stack.isEmpty()) {
                    stack.pop();
                }
                if ("source".equals(xml.getLocalName()) && text != null) {
                    sources.add(text.toString().trim());
                    text = null;
                } else if ("class".equals(xml.getLocalName())) {
                    if (!classHasLines && current != null && methodLines != null) {
                        current.add(methodLines);
                    }
                    current = null;
                    methodLines = null;
                }
            }
        }
        List<FileCoverage> files = new ArrayList<>();
        byFile.forEach((name, lines) -> {
            long total = lines.seen.cardinality();
            long covered = lines.hit.cardinality();
            long branchesCovered = 0;
            long branchesTotal = 0;
            for (long[] b : lines.branches.values()) {
                branchesCovered += Math.min(b[0], b[1]);
                branchesTotal += b[1];
            }
            BitSet missed = (BitSet) lines.seen.clone();
            missed.andNot(lines.hit);
            missed.clear(0);
            files.add(file(name, sources, new Counter(covered, total - covered),
                    new Counter(branchesCovered, branchesTotal - branchesCovered), FileCoverage.ranges(missed)));
        });
        return files;
    }

    /** One file's lines, merged by number: seen, hit by any occurrence, and the branch lines' largest counts. */
    private static final class Lines {
        final BitSet seen = new BitSet();
        final BitSet hit = new BitSet();
        final Map<Integer, long[]> branches = new java.util.HashMap<>();

        void branch(int number, long covered, long total) {
            long[] b = branches.computeIfAbsent(number, k -> new long[2]);
            b[0] = Math.max(b[0], covered);
            b[1] = Math.max(b[1], total);
        }

        void add(Lines other) {
            seen.or(other.seen);
            hit.or(other.hit);
            other.branches.forEach((number, b) -> branch(number, b[0], b[1]));
        }
    }

    /** The element two levels above the one just started ({@code stack} holds it first). */
    private static String grandparent(Deque<String> stack) {
        java.util.Iterator<String> up = stack.iterator();
        for (int i = 0; i < 2 && up.hasNext(); i++) {
            up.next();
        }
        return up.hasNext() ? up.next() : null;
    }

    private FileCoverage file(String reported, List<String> roots, Counter lines, Counter branches, String missed) {
        String resolved = paths.resolve(reported, roots);
        return new FileCoverage(resolved != null ? resolved : SourcePaths.slashes(reported), resolved != null, lines,
                branches, missed);
    }

    private static String attr(XMLStreamReader xml, String name, String fallback) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? fallback : value.trim();
    }

    private static long sizeOf(Path file) throws CoverageException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CoverageException("Cannot read coverage report " + file + ": " + e.getMessage(), e);
        }
    }

    static String clean(String message) {
        if (message == null) {
            return "unknown error";
        }
        int idx = message.indexOf("Message: ");
        return (idx >= 0 ? message.substring(idx + 9) : message).trim();
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // already failing or done
            }
        }
    }
}
