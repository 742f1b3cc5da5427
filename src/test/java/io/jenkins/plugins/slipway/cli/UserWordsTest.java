package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Errors and help in the words the user typed: flags, not request keys; one line for a typo; usage on stderr. */
class UserWordsTest {
    @TempDir
    Path ws;

    String out;
    String err;

    /** Runs the command line in a JVM of its own, as a user does; keeps what it printed on each stream. */
    private int run(String... args) {
        try {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), SlipwayCli.class.getName()));
            command.addAll(java.util.List.of(args));
            Path o = ws.resolve("out.txt");
            Path e = ws.resolve("err.txt");
            Process p = new ProcessBuilder(command).directory(ws.toFile()).redirectOutput(o.toFile())
                    .redirectError(e.toFile()).start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            out = java.nio.file.Files.readString(o);
            err = java.nio.file.Files.readString(e);
            return p.exitValue();
        } catch (java.io.IOException | InterruptedException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldAnswerAnUnknownCommandOrOptionWithOneLineAndTheClosestName() {
        assertThat(run("tset")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("slipway: unknown command 'tset'; did you mean 'test'? See 'slipway --help'.");
        assertThat(run("test", "--dri", "x")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("slipway test: unknown option '--dri'; did you mean '--dir'? "
                + "See 'slipway test --help'.");
        assertThat(run("ec2", "lanch")).isEqualTo(2);
        assertThat(err.strip()).contains("did you mean 'launch'?").doesNotContain("\n");
        assertThat(run("ec2", "launch", "--tags", "x")).isEqualTo(2);
        assertThat(err).doesNotContain("option option").contains("'--tags'");
    }

    @Test
    void shouldPrintTheUsageOnStandardErrorAndExitTwoWithoutACommand() {
        assertThat(run()).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).startsWith("Usage: slipway");
        assertThat(run("ec2")).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).startsWith("Usage: slipway ec2");
    }

    @Test
    void shouldNameTheFlagsTheUserTyped() {
        assertThat(run("test", "-C", ws.toString(), "--dir", "nope", "--command", "true")).isEqualTo(2);
        assertThat(err).contains("--dir 'nope' does not exist").doesNotContain("workdir");

        assertThat(run("metrics", "-C", ws.toString(), "--source", "nope")).isEqualTo(2);
        assertThat(err).contains("--source: 'nope' does not exist").doesNotContain("sourceRoots");

        // a pipeline file that cannot be read is bad input (docs/pipeline.md: exit code 2)
        assertThat(run("run", "nope.json")).isEqualTo(2);
        assertThat(err).contains("nope.json");

        // every missing parameter of a bare deploy at once, by its flag
        assertThat(run("deploy", "-C", ws.toString())).isEqualTo(2);
        assertThat(err).contains("4 problems", "--host-list must name at least one host", "--base-dir is required",
                "--artifact is required", "--release-id is required").doesNotContain("releaseId", "'null'", "baseDir");
    }

    @Test
    void shouldNameEachFailingTestAndTheReportAndPrintNoOutcomeForVersion() throws Exception {
        java.nio.file.Files.writeString(ws.resolve("TEST-cart.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="app.CartTest" tests="3" failures="1" errors="1">
                  <testcase classname="app.CartTest" name="adds" time="0.01"/>
                  <testcase classname="app.CartTest" name="totals" time="0.02">
                    <failure message="expected 3 but was 4">trace</failure>
                  </testcase>
                  <testcase classname="app.CartTest" name="empties" time="0.02">
                    <error message="NullPointerException: cart" type="java.lang.NullPointerException">trace</error>
                  </testcase>
                </testsuite>
                """);

        assertThat(run("test", "--reports", "TEST-cart.xml", "--exit-code", "1", "--no-ignore-stale")).isEqualTo(1);

        assertThat(out).contains("[test] FAILED app.CartTest.totals: expected 3 but was 4",
                "[test] ERROR app.CartTest.empties: NullPointerException: cart",
                "[test] report: " + ws.resolve("slipway/tests/index.html").toRealPath());
        assertThat(ws.resolve("slipway/tests/index.html")).isRegularFile();

        assertThat(run("version")).isZero();
        assertThat(out).doesNotContain("PASSED").contains("Slipway");
    }

    @Test
    void shouldShowHelpWithoutNullsCutSentencesOrFieldNames() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out).doesNotContain("null").contains("${build}");
        assertThat(run("--help")).isZero();
        assertThat(out).doesNotContain("atomically,\n", "machine:\n");
        StringBuilder all = new StringBuilder();
        for (String[] command : new String[][] {{"test"}, {"metrics"}, {"browser"}, {"deploy"}, {"deploy", "rollback"},
                {"ec2", "launch"}, {"ec2", "list"}, {"ec2", "terminate"}, {"run"}, {"demo"}, {"selfcheck"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(run(args)).isZero();
            all.append(out);
        }
        assertThat(java.util.regex.Pattern.compile("<[a-z]+[A-Z][A-Za-z]*>").matcher(all).results()
                .map(java.util.regex.MatchResult::group).toList()).as("placeholders named after fields").isEmpty();
    }
}
