package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.request.tests.TestsRequest;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.coverage.Counter;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReader;
import io.jenkins.plugins.slipway.engine.coverage.CoverageReport;
import io.jenkins.plugins.slipway.engine.coverage.FileCoverage;
import io.jenkins.plugins.slipway.engine.junit.JUnitXmlParser;
import io.jenkins.plugins.slipway.engine.junit.TestCase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report shapes real tools write on which Slipway must read what the Jenkins junit and coverage plugins read; one
 * small file of each shape under {@code tests/shapes/}.
 */
class ReportShapesTest {

    @TempDir
    Path ws;

    private void copy(String shape, String to) throws Exception {
        Path target = ws.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(TestData.resource("shapes/" + shape), target);
    }

    /** Analysis of a run made elsewhere (exit code 0), over the given reports. */
    private TestsResult analyse(List<String> reports, List<String> coverage, Double minLine, Double minBranch,
            Boolean allowEmpty) throws Exception {
        return new TestsService().run(new TestsRequest(null, 0, null, null, null, null, reports, coverage, null, false,
                allowEmpty, null, minLine, minBranch, null, "", ""), new TaskContext(Log.silent(), Secrets.none(), ws));
    }

    @Test
    void shouldCountAnErrorDirectlyUnderTheSuiteAsOneFailedCaseNamedAfterTheSuite() throws Exception {
        copy("suite-level-error.xml", "target/surefire-reports/TEST-com.example.BrokenInitTest.xml");

        TestsResult result = analyse(null, List.of("none.xml"), null, null, null);

        assertThat(result.totals().tests()).isEqualTo(1);
        assertThat(result.totals().errors()).isEqualTo(1);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("com.example.BrokenInitTest");
            assertThat(f.classname()).isEqualTo("com.example.BrokenInitTest");
            assertThat(f.kind()).isEqualTo("ERROR");
            assertThat(f.type()).isEqualTo("java.lang.ExceptionInInitializerError");
            assertThat(String.join("\n", f.trace())).contains("no database");
        });
        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
    }

    @Test
    void shouldNotPassSilentlyWhenTheReportsHoldNoTestCase() throws Exception {
        copy("no-tests.xml", "build/pytest-junit.xml");

        TestsResult result = analyse(null, List.of("none.xml"), null, null, null);
        TestsResult allowed = analyse(null, List.of("none.xml"), null, null, true);

        assertThat(result.totals().tests()).isZero();
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("hold no test case", "allowEmptyResults"));
        assertThat(allowed.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void shouldReadCapitalisedCoberturaBranchesAndEnforceTheBranchGate() throws Exception {
        copy("no-tests.xml", "unused.xml");
        copy("suite-level-error.xml", "TEST-x.xml");
        copy("coverlet-capitalised.xml", "coverage.cobertura.xml");

        CoverageReport report = new CoverageReader(ws).read(Path.of("coverage.cobertura.xml"), List.of());
        TestsResult result = analyse(List.of("TEST-x.xml"), List.of("coverage.cobertura.xml"), null, 50.0, null);

        // the report's own totals: lines 3 of 4, branches 1 of 4 (each line once, though methods repeat them)
        assertThat(report.lines()).isEqualTo(new Counter(3, 1));
        assertThat(report.branches()).isEqualTo(new Counter(1, 3));
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("Branch coverage is 25.00%",
                "minBranchCoverage"));
    }

    @Test
    void shouldMissACoverageGateWhoseMetricTheReportsDoNotHave() throws Exception {
        copy("suite-level-error.xml", "TEST-x.xml");
        copy("methods-only-lines.xml", "coverage.xml");

        TestsResult result = analyse(List.of("TEST-x.xml"), List.of("coverage.xml"), null, 10.0, null);

        assertThat(result.coverage().branches().total()).isZero();
        assertThat(result.reasons()).anySatisfy(r -> assertThat(r).contains("minBranchCoverage", "no branch data",
                "missed"));
        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
    }

    @Test
    void shouldMergeCoberturaLinesRepeatedAcrossClassesByFileAndLine() throws Exception {
        copy("repeated-lines.xml", "coverage.xml");
        Files.createDirectories(ws.resolve("src"));
        Files.writeString(ws.resolve("src/orders.cpp"), "int main() {}\n");

        CoverageReport report = new CoverageReader(ws).read(Path.of("coverage.xml"), List.of());

        // lines 1-5 once each: 1, 2 (hit by the second class), 3 covered; 4, 5 missed. Line 3's branches: max 1 of 2
        assertThat(report.lines()).isEqualTo(new Counter(3, 2));
        assertThat(report.branches()).isEqualTo(new Counter(1, 1));
        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("src/orders.cpp");
            assertThat(f.missedLines()).isEqualTo("4-5");
        });
    }

    @Test
    void shouldCountAClassesOwnLinesNotTheFunctionLinesListedUnderItsMethods() throws Exception {
        copy("istanbul-function-lines.xml", "coverage.xml");

        CoverageReport report = new CoverageReader(ws).read(Path.of("coverage.xml"), List.of());

        // the header: lines-valid=6 lines-covered=4 branches-valid=2 branches-covered=0; the declaration lines 2 and
        // 7, listed under <methods> only, are no lines
        assertThat(report.lines()).isEqualTo(new Counter(4, 2));
        assertThat(report.branches()).isEqualTo(new Counter(0, 2));
        assertThat(report.files()).extracting(FileCoverage::missedLines).containsExactly("8-9");
    }

    @Test
    void shouldAgreeWithTheHeaderTotalsOfEveryCoberturaReportOfTheTests() throws Exception {
        Path root = Path.of("src/test/resources");
        List<Path> reports;
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            reports = all.filter(p -> p.toString().endsWith(".xml")).filter(p -> {
                try {
                    return Files.readString(p).contains("<coverage ");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
        assertThat(reports).hasSizeGreaterThanOrEqualTo(6);
        for (Path file : reports) {
            String header = java.util.regex.Pattern.compile("<coverage [^>]*>").matcher(Files.readString(file))
                    .results().findFirst().orElseThrow().group();
            CoverageReport report = new CoverageReader(ws).read(file.toAbsolutePath(), List.of());
            Long linesValid = headerCount(header, "lines-valid");
            if (linesValid != null) {
                assertThat(report.lines().total()).as(file + " lines-valid").isEqualTo(linesValid);
                assertThat(report.lines().covered()).as(file + " lines-covered")
                        .isEqualTo(headerCount(header, "lines-covered"));
            }
            Long branchesValid = headerCount(header, "branches-valid");
            if (branchesValid != null) {
                assertThat(report.branches().total()).as(file + " branches-valid").isEqualTo(branchesValid);
                assertThat(report.branches().covered()).as(file + " branches-covered")
                        .isEqualTo(headerCount(header, "branches-covered"));
            }
        }
    }

    private static Long headerCount(String header, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" " + name + "=\"(\\d+)\"").matcher(header);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    @Test
    void shouldCountLinesListedOnlyUnderMethodsWhenTheClassHasNoLinesOfItsOwn() throws Exception {
        copy("methods-only-lines.xml", "coverage.xml");

        CoverageReport report = new CoverageReader(ws).read(Path.of("coverage.xml"), List.of());

        assertThat(report.lines()).isEqualTo(new Counter(2, 1));
        assertThat(report.files()).extracting(FileCoverage::missedLines).containsExactly("9");
    }

    @Test
    void shouldReadAReportWithAParameterEntityDtdWithoutFetchingItAndRefuseEntityReferences() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String dtd = "<!DOCTYPE testsuite [\n<!ENTITY % remote SYSTEM \"http://127.0.0.1:" + server.getLocalPort()
                    + "/evil.dtd\">\n%remote;\n]>\n";
            Path withDtd = ws.resolve("TEST-dtd.xml");
            Files.writeString(withDtd, "<?xml version=\"1.0\"?>\n" + dtd + "<testsuite name=\"s\"><testcase name=\"t\" "
                    + "classname=\"C\"/></testsuite>\n", StandardCharsets.UTF_8);
            Path withEntity = ws.resolve("TEST-entity.xml");
            Files.writeString(withEntity, "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY e \"x\">]>\n"
                    + "<testsuite name=\"s\"><testcase name=\"&e;\" classname=\"C\"/></testsuite>\n");
            List<TestCase> cases = new ArrayList<>();

            JUnitXmlParser.Problem read = new JUnitXmlParser().parse(withDtd, "TEST-dtd.xml", cases::add);
            JUnitXmlParser.Problem refused = new JUnitXmlParser().parse(withEntity, "TEST-entity.xml", c -> { });

            assertThat(read).isNull();
            assertThat(cases).extracting(TestCase::name).containsExactly("t");
            boolean fetched;
            try (var socket = server.accept()) {
                fetched = socket != null;
            } catch (SocketTimeoutException e) {
                fetched = false;
            }
            assertThat(fetched).as("the DTD is skipped, never fetched").isFalse();
            assertThat(refused).isNotNull();
            assertThat(refused.toString()).contains("refused");
        }
    }
}
