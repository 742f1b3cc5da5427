package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.engine.junit.JUnitXmlParser;
import io.jenkins.plugins.slipway.engine.junit.JUnitXmlWriter;
import io.jenkins.plugins.slipway.engine.junit.TestCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario results as JUnit XML, and the test cases of a suite's JUnit XML files, through the engine's one JUnit XML
 * reader and writer ({@code engine.junit}): only the mapping between {@link CaseResult} and {@link TestCase} is here.
 */
final class JUnitXml {

    private JUnitXml() {
    }

    /** Writes the scenarios' results as one suite; each case's steps become its {@code <system-out>}. */
    static void write(Path file, String suiteName, String browser, List<CaseResult> cases) throws IOException {
        try (JUnitXmlWriter writer = new JUnitXmlWriter(file)) {
            for (CaseResult c : cases) {
                boolean failed = "FAILED".equals(c.status());
                TestCase.Status status = failed ? TestCase.Status.FAILED
                        : "SKIPPED".equals(c.status()) ? TestCase.Status.SKIPPED : TestCase.Status.PASSED;
                String trace = failed
                        ? c.message() + (c.artifacts().isEmpty() ? "" : "\nartifacts: " + c.artifacts()) : null;
                TestCase testCase = new TestCase(suiteName,
                        "browser." + browser + "." + c.suite().replaceAll("[^A-Za-z0-9_-]+", "_"), c.name(),
                        c.durationMillis() / 1000.0, status, failed ? c.message() : null,
                        failed ? "step " + c.failedStep() : null, trace, 0, null, 0);
                writer.testCase(testCase, String.join("\n", c.steps()));
            }
            writer.finish();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The test cases in one JUnit XML file (a testsuite or a testsuites root). */
    static List<CaseResult> read(Path file) throws IOException {
        List<CaseResult> cases = new ArrayList<>();
        JUnitXmlParser.Problem problem = new JUnitXmlParser().parse(file, file.toString(), t -> {
            boolean failed = t.status() == TestCase.Status.FAILED || t.status() == TestCase.Status.ERROR;
            String status = failed ? "FAILED" : t.status() == TestCase.Status.SKIPPED ? "SKIPPED" : "PASSED";
            String message = !failed ? null
                    : t.message() != null && !t.message().isEmpty() ? t.message()
                    : t.trace() == null ? "" : t.trace().strip();
            cases.add(new CaseResult(t.classname() == null ? "" : t.classname(), t.name(), status, 0, message, Math.round(t.seconds() * 1000),
                    List.of(), List.of()));
        });
        if (problem != null) {
            throw new IOException(file + " is not readable JUnit XML"
                    + (problem.line() > 0 ? " (line " + problem.line() + ")" : "") + ": " + problem.message());
        }
        return cases;
    }
}
