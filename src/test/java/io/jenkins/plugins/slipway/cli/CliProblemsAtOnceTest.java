package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command with several wrong parameters says all of them in one run, each by the flag the user typed, and exits 2:
 * values picocli cannot convert, values the request refuses, unknown stages.
 */
class CliProblemsAtOnceTest {

    @TempDir
    Path ws;

    String out;
    String err;

    /** Runs the command line in a JVM of its own, in the workspace, as a user does. */
    private int run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlipwayCli.class.getName()));
        command.addAll(List.of(args));
        Path o = ws.resolve("out.txt");
        Path e = ws.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(ws.toFile()).redirectOutput(o.toFile())
                .redirectError(e.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        out = Files.readString(o);
        err = Files.readString(e);
        return p.exitValue();
    }

    @Test
    void shouldReportThreeWrongValuesOfTestInOneRun() throws Exception {
        assertThat(run("test", "--max-failed", "-1", "--timeout-seconds", "0", "--min-line-coverage", "150")).isEqualTo(2);
        assertThat(err).contains("3 problems", "--max-failed must not be negative, was -1",
                "--timeout-seconds must be between 1 and 604800, was 0",
                "--min-line-coverage is a percentage between 0 and 100, was 150.0")
                .doesNotContain("maxFailed", "timeoutSeconds", "minLineCoverage");
        assertThat(err.lines().filter(l -> l.contains("ERROR")).count()).as(err).isEqualTo(1);
    }

    @Test
    void shouldReportEveryValueThatCannotBeConvertedInOneLine() throws Exception {
        assertThat(run("test", "--max-failed", "x", "--timeout-seconds", "y", "--min-line-coverage", "z")).isEqualTo(2);
        assertThat(err.strip()).startsWith("slipway test: 3 problems: ").contains("'--max-failed': 'x'",
                "'--timeout-seconds': 'y'", "'--min-line-coverage': 'z'").endsWith("See 'slipway test --help'.")
                .doesNotContain("\n");
        // an unknown option is still one line with the closest name: what follows it means nothing
        assertThat(run("test", "--dri", "x", "--max-failed", "y")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("slipway test: unknown option '--dri'; did you mean '--dir'? "
                + "See 'slipway test --help'.");
    }

    @Test
    void shouldReportEveryProblemOfTheOtherCommandsInOneRun() throws Exception {
        assertThat(run("browser", "--app-url", "http://127.0.0.1:9/", "--ready-status", "1000", "--app-port", "-1",
                "--ready-timeout-seconds", "0")).isEqualTo(2);
        assertThat(err).contains("4 problems", "--ready-status must be an HTTP status", "--app-port must be between",
                "--ready-timeout-seconds must be a positive number", "Nothing to run");

        assertThat(run("ec2", "list", "--ssh-port", "0", "--address-type", "FOO", "--fleet", "a b")).isEqualTo(2);
        assertThat(err).contains("3 problems", "--address-type: 'FOO' is not one of", "--fleet: required",
                "--ssh-port: must be between 1 and 65535, was 0");

        assertThat(run("ec2", "terminate", "--fleet", "web", "--timeout-seconds", "-1", "--instance-ids", "x")).isEqualTo(2);
        assertThat(err).contains("2 problems", "--instance-ids: 'x' is not an instance id", "--timeout-seconds: must be");

        assertThat(run("deploy", "--health-retries", "-1", "--health-url", "http://127.0.0.1:9/")).isEqualTo(2);
        assertThat(err).contains("5 problems", "--health-retries (attempts) must be 1..1000, was -1",
                "--host-list must name", "--base-dir is required", "--artifact is required", "--release-id is required")
                .doesNotContain("healthCheck");
        // the rollout's and the target's problems by the flags typed, in one run, the group's name nowhere
        assertThat(run("deploy", "--batch", "0", "--base-dir", "/", "--host-list", "deploy@127.0.0.1:9",
                "--release-id", "1-a")).isEqualTo(2);
        assertThat(err).contains("3 problems", "--batch must be a host count", "--base-dir '/' is the filesystem root",
                "--artifact is required").doesNotContain("rollout").doesNotContain("target");
        assertThat(run("deploy", "rollback", "--rollback-to", "1", "--host-list", "x", "--insecure", "--accept-new"))
                .isEqualTo(2);
        assertThat(err).contains("3 problems", "host x has no --user", "--accept-new and insecure exclude each other",
                "--base-dir is required");

        assertThat(run("selfcheck", "--stage", "foo,test,bar")).isEqualTo(2);
        assertThat(err).contains("--stage: unknown stages 'foo', 'bar'");
    }
}
