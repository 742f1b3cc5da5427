package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerDirectivesTest {

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheDeployEngineTheDirectivesFileAndTheJvmShouldTakeItSilently() throws Exception {
        List<String> options = CompilerDirectives.options("deploy", dir, List.of(), line -> { });

        Path file = dir.resolve(CompilerDirectives.FILE);
        assertThat(options).containsExactly("-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput",
                "-XX:CompilerDirectivesFile=" + file);
        assertThat(Files.readString(file)).isEqualTo(CompilerDirectives.TEXT);
        // the real JVM reads the file (a bad one stops it) and prints nothing on the engine's standard output
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-XX:+CompilerDirectivesPrint", "-version"));
        Process jvm = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).isZero();
        assertThat(out).isEmpty();

        Process loud = new ProcessBuilder(command.stream().filter(o -> !o.equals("-XX:-DisplayVMOutput")).toList())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String said = new String(loud.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(loud.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(said).contains("2 compiler directives added").contains("com/sun/crypto/provider/*.*");
    }

    @Test
    void shouldRewriteAFileThatIsNotTheExpectedText() throws Exception {
        Path file = Files.writeString(dir.resolve(CompilerDirectives.FILE), "[ { match: [\"*.*\"], c1: { Exclude: true } } ]");

        assertThat(CompilerDirectives.options("deploy", dir, List.of(), line -> { })).isNotEmpty();

        assertThat(Files.readString(file)).isEqualTo(CompilerDirectives.TEXT);
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void shouldLeaveOtherTasksAndAChosenCompilerAlone() {
        List<String> said = new ArrayList<>();

        assertThat(CompilerDirectives.options("version", dir, List.of(), said::add)).isEmpty();
        assertThat(CompilerDirectives.options("test", dir, List.of(), said::add)).isEmpty();
        assertThat(CompilerDirectives.options("deploy", null, List.of(), said::add)).isEmpty();
        assertThat(CompilerDirectives.options("deploy", dir, List.of("-XX:TieredStopAtLevel=1"), said::add)).isEmpty();
        assertThat(CompilerDirectives.options("deploy", dir, List.of("-XX:CompilerDirectivesFile=/x.json"), said::add)).isEmpty();

        assertThat(dir.resolve(CompilerDirectives.FILE)).doesNotExist();
        assertThat(said).anyMatch(line -> line.contains("-XX:TieredStopAtLevel=1"));
    }

    @Test
    void shouldGoWithoutDirectivesWhenTheFolderCannotBeWritten() {
        List<String> said = new ArrayList<>();

        assertThat(CompilerDirectives.options("deploy", dir.resolve("missing"), List.of(), said::add)).isEmpty();

        assertThat(said).singleElement().asString().contains("cannot write");
    }
}
