package io.jenkins.plugins.slipway.engine.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlWriterTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteWhatReadsBackToTheSameCasesWhateverTheirText() throws Exception {
        List<TestCase> cases = List.of(
                new TestCase("suite \"A\" & <B>", "com.example.A", "passes", 0.0004, TestCase.Status.PASSED, null, null,
                        null, 0, null, 0),
                new TestCase("suite \"A\" & <B>", "com.example.A", "fails <badly> & \"loudly\"", 1.2345,
                        TestCase.Status.FAILED, "expected <1>\nbut was \"2\" & \u0007bell", "java.lang.AssertionError",
                        "line 1 <x> & y\n\tat A.java:3\r\n]]> end", 0, null, 2),
                new TestCase("suite \"A\" & <B>", "com.example.A", "errs", 12.0, TestCase.Status.ERROR, null, "Boom",
                        "trace", 0, null, 0),
                new TestCase("other", "com.example.B", "skipped", 0, TestCase.Status.SKIPPED, "not \"today\"", null,
                        null, 0, null, 0),
                new TestCase("other", "com.example.B", "flaky", 0.5, TestCase.Status.PASSED, null, null, null, 2,
                        "flaky <once>", 0));
        Path file = dir.resolve("out/junit.xml");
        try (JUnitXmlWriter writer = new JUnitXmlWriter(file)) {
            cases.forEach(writer::testCase);
            writer.finish();
        }

        List<TestCase> again = new ArrayList<>();
        assertThat(new JUnitXmlParser().parse(file, "junit.xml", again::add)).isNull();
        assertThat(again).hasSize(5);
        assertThat(again.get(0).suite()).isEqualTo("suite \"A\" & <B>");
        assertThat(again.get(0).seconds()).isEqualTo(0.0);
        assertThat(again.get(1).name()).isEqualTo("fails <badly> & \"loudly\"");
        assertThat(again.get(1).message()).isEqualTo("expected <1>\nbut was \"2\" & bell");
        assertThat(again.get(1).trace()).isEqualTo("line 1 <x> & y\n\tat A.java:3\r\n]]> end");
        assertThat(again.get(1).seconds()).isEqualTo(1.235);
        assertThat(again.get(2).status()).isEqualTo(TestCase.Status.ERROR);
        assertThat(again.get(3).message()).isEqualTo("not \"today\"");
        assertThat(again.get(4).flakyRuns()).isEqualTo(2);
        assertThat(again.get(4).flakyMessage()).isEqualTo("flaky <once>");
        String xml = Files.readString(file);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"slipway\" tests=\"5\" "
                + "failures=\"1\" errors=\"1\" skipped=\"1\" time=\"13.735\" ");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldWriteSystemOutAfterTheOutcomeAndReadTheCaseBackUnchanged() throws Exception {
        Path file = dir.resolve("junit.xml");
        try (JUnitXmlWriter writer = new JUnitXmlWriter(file)) {
            writer.testCase(new TestCase("s", "c", "passes", 1, TestCase.Status.PASSED, null, null, null, 0, null, 0),
                    "1. open /\n2. click <b> & \"go\"");
            writer.testCase(new TestCase("s", "c", "fails", 2, TestCase.Status.FAILED, "step 2 failed", "step 2",
                    "step 2 failed\nartifacts: [a.png]", 0, null, 0), "1. open /");
            writer.testCase(new TestCase("s", "c", "plain", 0, TestCase.Status.PASSED, null, null, null, 0, null, 0));
            writer.finish();
        }
        String xml = Files.readString(file);
        assertThat(xml).contains("name=\"passes\" time=\"1.000\"><system-out>1. open /\n2. click &lt;b&gt; &amp;"
                        + " \"go\"</system-out></testcase>")
                .contains("<failure message=\"step 2 failed\" type=\"step 2\">step 2 failed\nartifacts: [a.png]"
                        + "</failure><system-out>1. open /</system-out></testcase>")
                .contains("name=\"plain\" time=\"0.000\"/>");
        List<TestCase> again = new ArrayList<>();
        assertThat(new JUnitXmlParser().parse(file, "junit.xml", again::add)).isNull();
        assertThat(again).extracting(TestCase::name, TestCase::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("passes", TestCase.Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("fails", TestCase.Status.FAILED),
                org.assertj.core.groups.Tuple.tuple("plain", TestCase.Status.PASSED));
        assertThat(again.get(1).trace()).isEqualTo("step 2 failed\nartifacts: [a.png]");
    }

    @Test
    void shouldLeaveNothingBehindWhenNotFinished() throws Exception {
        Path file = dir.resolve("junit.xml");
        try (JUnitXmlWriter writer = new JUnitXmlWriter(file)) {
            writer.testCase(new TestCase("s", "c", "n", 1, TestCase.Status.PASSED, null, null, null, 0, null, 0));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
