package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detached engine run with a stand-in engine (a shell script reading its request from stdin as the engine does):
 * the log collected in pieces of any size is the log written, once; the exit code and result come only once the
 * log is read to its end; a stop ends the whole tree; a run whose processes vanished ends as gone.
 */
class DetachedEngineTest {
    @TempDir
    Path dir;

    @Test
    void shouldHandOutTheLogExactlyOnceInPiecesAndThenTheResult() throws Exception {
        Path control = dir.resolve("ws@tmp/slipway-x");
        String script = "read -r request; case \"$request\" in *s3cret*) echo 'secret seen on stdin';; esac; "
                + "for i in 1 2 3 4 5; do echo \"line $i\"; sleep 0.1; done; "
                + "f=$(printf '%s' \"$request\" | sed 's/.*\"resultFile\":\"\\([^\"]*\\)\".*/\\1/'); "
                + "printf '{\"outcome\":\"PASSED\",\"summary\":\"ok\",\"result\":{}}' > \"$f\"; exit 0";
        DetachedEngine.start(List.of("sh", "-c", script), Map.of("task", "version", "secrets", Map.of("k", "s3cret")),
                dir.resolve("ws"), Map.of(), control, null);
        assertThat(Files.readString(control.resolve("pid")).trim()).matches("\\d+");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long offset = 0;
        DetachedEngine.Look look;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            look = DetachedEngine.look(control, offset, 3);
            log.write(look.bytes());
            offset = look.offset();
            Thread.sleep(look.more() ? 0 : 20);
        } while (!look.ended() && System.nanoTime() < deadline);
        assertThat(look.ended()).isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .isEqualTo("secret seen on stdin\nline 1\nline 2\nline 3\nline 4\nline 5\n");
        assertThat(look.outcome().exitCode()).isZero();
        assertThat(look.outcome().resultJson()).contains("\"PASSED\"");
        assertThat(look.outcome().lastLines()).endsWith("line 5");
        // the secret went to stdin only: nowhere in the control directory
        try (var files = Files.walk(control)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as("%s", f).doesNotContain("s3cret");
            }
        }
        assertThat(Files.getPosixFilePermissions(control)).hasSize(3);
    }

    @Test
    void shouldStopTheEngineAndEverythingItStarted() throws Exception {
        Path control = dir.resolve("ws@tmp/slipway-stop");
        String marker = "7" + (System.nanoTime() % 100000);
        DetachedEngine.start(List.of("sh", "-c", "cat > /dev/null; sleep 3" + marker + " & sleep 4" + marker + "; wait"),
                Map.of("task", "test"), dir.resolve("ws"), Map.of(), control, null);
        waitFor(() -> !sleeps(marker).isEmpty());
        assertThat(DetachedEngine.running(control)).isTrue();
        DetachedEngine.stop(control, Duration.ofSeconds(2));
        waitFor(() -> sleeps(marker).isEmpty());
        DetachedEngine.Look look = DetachedEngine.look(control, 0, 1 << 20);
        assertThat(look.ended()).isTrue();
        assertThat(look.outcome().exitCode()).isNotZero();
    }

    @Test
    void shouldEndARunWhoseProcessesVanishedAsGone() throws Exception {
        Path control = dir.resolve("ws@tmp/slipway-gone");
        DetachedEngine.start(List.of("sh", "-c", "cat > /dev/null; echo started; sleep 300"), Map.of("task", "test"),
                dir.resolve("ws"), Map.of(), control, null);
        long pid = Long.parseLong(Files.readString(control.resolve("pid")).trim());
        ProcessHandle wrapper = ProcessHandle.of(pid).orElseThrow();
        waitFor(() -> { // the stand-in has written its line (killing it earlier left an empty log now and then)
            try {
                return DetachedEngine.logText(control, 1 << 20).equals("started\n");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        List<ProcessHandle> tree = wrapper.descendants().toList();
        wrapper.destroyForcibly(); // as a machine going down: no exit code written
        tree.forEach(ProcessHandle::destroyForcibly);
        waitFor(() -> !wrapper.isAlive());
        DetachedEngine.Look look = DetachedEngine.look(control, 0, 1 << 20);
        assertThat(look.ended()).isTrue();
        assertThat(look.outcome().exitCode()).isEqualTo(DetachedEngine.GONE);
        assertThat(new String(look.bytes(), StandardCharsets.UTF_8)).isEqualTo("started\n");
    }

    @Test
    void shouldRecordTheSignalThatKilledTheEngineAndKeepItsWholeLogForTheReport() throws Exception {
        Path control = dir.resolve("ws@tmp/slipway-killed");
        DetachedEngine.start(List.of("sh", "-c", "cat > /dev/null; echo one; echo two; exec sleep 300"),
                Map.of("task", "test"), dir.resolve("ws"), Map.of(), control, null);
        ProcessHandle wrapper = ProcessHandle.of(Long.parseLong(Files.readString(control.resolve("pid")).trim())).orElseThrow();
        waitFor(() -> wrapper.children().anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 300")));
        waitFor(() -> {
            try {
                return DetachedEngine.logText(control, 1 << 20).equals("one\ntwo\n");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        wrapper.children().forEach(ProcessHandle::destroyForcibly); // the engine only: its wrapper records how it ended
        waitFor(() -> Files.exists(control.resolve("exit")));
        DetachedEngine.Look look = DetachedEngine.look(control, 0, 1 << 20);
        assertThat(look.ended()).isTrue();
        assertThat(look.outcome().exitCode()).as("128 + SIGKILL").isEqualTo(137);
        String whole = DetachedEngine.logText(control, 1 << 20);
        assertThat(whole).startsWith("one\ntwo\n"); // (the wrapper's shell may add its own "Killed" line)
        String tail = DetachedEngine.logText(control, whole.length() - 4);
        assertThat(tail).as("the tail, from a line's start").isEqualTo(whole.substring(whole.indexOf('\n', 4) + 1));
        assertThat(DetachedEngine.logText(dir.resolve("ws@tmp/none"), 100)).isEmpty();
    }

    private static List<ProcessHandle> sleeps(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(p -> p.info().commandLine().orElse("").contains("sleep")).toList();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        Optional.empty();
    }
}
