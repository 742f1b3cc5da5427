package io.jenkins.plugins.slipway.engine.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlParserTest {
    static final String DATA = "/io/jenkins/plugins/slipway/engine/tests/";

    @TempDir
    Path dir;

    private final List<TestCase> cases = new ArrayList<>();
    private final JUnitXmlParser parser = new JUnitXmlParser();

    static Path resource(String path) throws URISyntaxException {
        return Path.of(JUnitXmlParserTest.class.getResource(DATA + path).toURI());
    }

    private JUnitXmlParser.Problem parse(String name, String xml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return parser.parse(file, name, cases::add);
    }

    private TestCase find(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldReadARealSurefireReportWithFlakyErrorAndSkippedTests() throws Exception {
        Path report = resource("maven-calc/reports/surefire-reports/TEST-com.example.calc.CalculatorTest.xml");

        assertThat(parser.parse(report, "TEST.xml", cases::add)).isNull();

        assertThat(cases).hasSize(7);
        assertThat(find("shouldFailOnPurpose").status()).isEqualTo(TestCase.Status.FAILED);
        assertThat(find("shouldFailOnPurpose").message()).contains("a failing test, kept to show failure reports");
        assertThat(find("shouldFailOnPurpose").trace()).contains("CalculatorTest.java");
        assertThat(find("shouldFailOnPurpose").reruns()).isEqualTo(2);
        assertThat(find("shouldErrorOnPurpose").status()).isEqualTo(TestCase.Status.ERROR);
        assertThat(find("shouldErrorOnPurpose").type()).isEqualTo("java.lang.ClassCastException");
        assertThat(find("shouldBeSkipped").status()).isEqualTo(TestCase.Status.SKIPPED);
        TestCase flaky = find("shouldPassOnSecondRun");
        assertThat(flaky.status()).isEqualTo(TestCase.Status.PASSED);
        assertThat(flaky.flakyRuns()).isEqualTo(1);
        assertThat(flaky.flakyMessage()).contains("flaky on purpose");
        assertThat(flaky.classname()).isEqualTo("com.example.calc.CalculatorTest");
    }

    @Test
    void shouldReadARealPytestReport() throws Exception {
        assertThat(parser.parse(resource("python-formapp/pytest-junit.xml"), "pytest.xml", cases::add)).isNull();

        assertThat(cases).hasSize(9);
        assertThat(cases).filteredOn(c -> c.status() == TestCase.Status.FAILED).singleElement()
                .satisfies(c -> {
                    assertThat(c.fullName()).isEqualTo("tests.test_app.test_deliberately_failing");
                    assertThat(c.trace()).contains("tests/test_app.py:38: AssertionError");
                });
        assertThat(find("test_skipped").status()).isEqualTo(TestCase.Status.SKIPPED);
        assertThat(cases.get(0).suite()).isEqualTo("pytest");
    }

    @Test
    void shouldReadGradleJestAndNestedMochaDialects() throws Exception {
        assertThat(parse("gradle.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="com.example.AppTest" tests="2" skipped="0" failures="1" errors="0" time="0.1">
                  <properties/>
                  <testcase name="works()" classname="com.example.AppTest" time="0.01"/>
                  <testcase name="breaks()" classname="com.example.AppTest" time="0.02">
                    <failure message="org.opentest4j.AssertionFailedError: nope" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: nope
                	at app//com.example.AppTest.breaks(AppTest.java:12)</failure>
                  </testcase>
                  <system-out><![CDATA[hello]]></system-out>
                  <system-err><![CDATA[]]></system-err>
                </testsuite>
                """)).isNull();
        assertThat(parse("jest.xml", """
                <testsuites name="jest tests" tests="2" failures="0" errors="0" time="1.2">
                  <testsuite name="sum" errors="0" failures="0" skipped="1" timestamp="2026-11-23T10:00:00" time="0.5" tests="2">
                    <testcase classname="sum adds 1 + 2" name="sum adds 1 + 2" time="0.002"></testcase>
                    <testcase classname="sum later" name="sum later" time="0"><skipped/></testcase>
                  </testsuite>
                </testsuites>
                """)).isNull();
        assertThat(parse("mocha.xml", """
                <testsuites name="Mocha Tests" time="0.01" tests="2" failures="1">
                  <testsuite name="Root Suite" tests="0">
                    <testsuite name="Array" tests="2" failures="1">
                      <testcase name="Array #indexOf() returns -1" time="0.001" classname="returns -1"/>
                      <testcase name="Array fails" time="0.001" classname="fails"><failure message="expected 1 to equal 2" type="AssertionError"><![CDATA[AssertionError: expected 1 to equal 2
                    at Context.<anonymous> (test/test.js:9:14)]]></failure></testcase>
                    </testsuite>
                  </testsuite>
                </testsuites>
                """)).isNull();

        assertThat(cases).hasSize(6);
        assertThat(find("breaks()").trace()).contains("AppTest.java:12");
        assertThat(find("sum later").status()).isEqualTo(TestCase.Status.SKIPPED);
        assertThat(find("Array fails").suite()).as("innermost suite").isEqualTo("Array");
        assertThat(find("Array fails").trace()).contains("test/test.js:9:14");
    }

    @Test
    void shouldNeverReadAFileThroughAnExternalEntity() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");

        JUnitXmlParser.Problem problem = parse("xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [\n"
                + "<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n<testsuite name=\"s\">\n"
                + "<testcase name=\"t\"><failure message=\"&xxe;\">&xxe;</failure></testcase></testsuite>\n");

        assertThat(problem).isNotNull();
        assertThat(problem.file()).isEqualTo("xxe.xml");
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.toString()).doesNotContain("TOPSECRET");
        assertThat(cases).noneMatch(c -> String.valueOf(c.message()).contains("TOPSECRET"));
    }

    @Test
    void shouldRefuseEntityExpansion() throws Exception {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        laughs.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        laughs.append("]>\n<testsuite name=\"&lol9;\"><testcase name=\"t\"/></testsuite>\n");

        JUnitXmlParser.Problem problem = parse("lolz.xml", laughs.toString());

        assertThat(problem).isNotNull();
        assertThat(problem.line()).isEqualTo(14);
        assertThat(problem.message()).contains("refused");
        assertThat(cases).isEmpty();
    }

    @Test
    void shouldNameEmptyTruncatedAndNonUtf8FilesAndKeepTheCasesReadBeforeTheDamage() throws Exception {
        JUnitXmlParser.Problem empty = parse("empty.xml", "");
        JUnitXmlParser.Problem truncated = parse("cut.xml",
                "<testsuite name=\"s\">\n<testcase name=\"a\"/>\n<testcase name=\"b\"/>\n<testcase name=\"c\"><fail");
        Path latin1 = dir.resolve("latin1.xml");
        Files.write(latin1, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"s\">\n<testcase name=\"caf\u00e9\"/>\n</testsuite>\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        JUnitXmlParser.Problem nonUtf8 = parser.parse(latin1, "latin1.xml", cases::add);

        assertThat(empty.toString()).isEqualTo("empty.xml: is empty (0 bytes); the test run was probably interrupted");
        assertThat(truncated.file()).isEqualTo("cut.xml");
        assertThat(truncated.line()).isEqualTo(4);
        assertThat(truncated.message()).contains("truncated");
        assertThat(nonUtf8.file()).isEqualTo("latin1.xml");
        assertThat(nonUtf8.line()).isEqualTo(3);
        assertThat(nonUtf8.message()).contains("UTF-8");
        assertThat(cases).extracting(TestCase::name).containsExactly("a", "b");
    }

    @Test
    void shouldReadOtherEncodingsThatAreDeclared() throws Exception {
        Path latin1 = dir.resolve("declared.xml");
        Files.write(latin1, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<testsuite name=\"s\"><testcase name=\"caf\u00e9\"/></testsuite>"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(parser.parse(latin1, "declared.xml", cases::add)).isNull();
        assertThat(cases).extracting(TestCase::name).containsExactly("caf\u00e9");
    }

    @Test
    void shouldCapHugeTracesAndRejectNonJUnitRoots() throws Exception {
        String trace = "x".repeat(JUnitXmlParser.MAX_TRACE_CHARS * 3);
        assertThat(parse("big.xml", "<testsuite><testcase name=\"t\"><error>" + trace + "</error></testcase></testsuite>"))
                .isNull();
        assertThat(parse("pom.xml", "<project><testcase name=\"x\"/></project>").message()).contains("not a JUnit XML");

        assertThat(cases).singleElement().satisfies(c -> assertThat(c.trace()).hasSize(JUnitXmlParser.MAX_TRACE_CHARS));
    }

    @Test
    void shouldReadTimesExactlyAsDoubleParsingWould() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 100_000; i++) {
            String time = random.nextInt(100_000) + "." + String.format(java.util.Locale.ROOT, "%0" + (1 + random.nextInt(9))
                    + "d", random.nextInt(1_000_000_000) % (int) Math.pow(10, 1 + random.nextInt(9)));
            assertThat(JUnitXmlParser.seconds(time)).as(time).isEqualTo(Double.parseDouble(time));
        }
        assertThat(JUnitXmlParser.seconds("0.05")).isEqualTo(0.05);
        assertThat(JUnitXmlParser.seconds(".5")).isEqualTo(0.5);
        assertThat(JUnitXmlParser.seconds("7")).isEqualTo(7.0);
        assertThat(JUnitXmlParser.seconds("1,234.5")).isEqualTo(1234.5);
        assertThat(JUnitXmlParser.seconds(" 2.5 ")).isEqualTo(2.5);
        assertThat(JUnitXmlParser.seconds("1e3")).isEqualTo(1000.0);
        assertThat(JUnitXmlParser.seconds("-1")).isZero();
        assertThat(JUnitXmlParser.seconds("1.2.3")).isZero();
        assertThat(JUnitXmlParser.seconds("12345678901234567.5")).isEqualTo(12345678901234567.5);
    }
}
