package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.TaskListener;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.bridge.PlainDataTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's agent side, invoked on a local directory as Jenkins does for a local workspace: a real engine JVM
 * is started, its lines stream into the listener, its result comes back; an abort stops its whole process tree.
 */
class EngineCallableTest {

    @TempDir
    Path workspace;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final TaskListener listener = new StreamListener(new PrintStream(logBytes, true, StandardCharsets.UTF_8));

    /** A TaskListener over a stream, as Jenkins' StreamTaskListener. */
    static final class StreamListener implements TaskListener {
        private static final long serialVersionUID = 1L;
        private final transient PrintStream out;

        StreamListener(PrintStream out) {
            this.out = out;
        }

        @Override
        public PrintStream getLogger() {
            return out;
        }
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    static List<String> engineFromClasspath() {
        return List.of("-cp", System.getProperty("java.class.path"), "io.jenkins.plugins.slipway.cli.SlipwayCli");
    }

    private EngineReply call(String task, Map<String, Object> request, Map<String, String> secrets) throws Exception {
        Map<String, Object> envelope = Map.of("task", task, "request", request, "secrets", secrets,
                "prefix", "[test] ");
        EngineCallable callable = new EngineCallable(engineFromClasspath(), List.of("-Xmx128m"), envelope,
                Map.of("SLIPWAY_TEST_ENV", "from-build"), listener, 10);
        Map<String, Object> reply = callable.invoke(workspace.toFile(), null);
        assertThat(PlainDataTest.throughClassFilter(reply)).as("the reply after Jenkins' class filter")
                .isEqualTo(reply);
        return EngineReply.of(task, reply);
    }

    @Test
    void shouldRunTheEngineInItsOwnJvmAndReturnItsResult() throws Exception {
        EngineReply reply = call("version", Map.of(), Map.of());

        assertThat(reply.status()).isEqualTo("PASSED");
        assertThat(reply.result()).containsEntry("workDir", workspace.toRealPath().toString())
                .containsKey("javaVersion").containsKey("host");
        assertThat(reply.toStepValue()).containsEntry("status", "PASSED").containsKey("summary");
        assertThat(log()).contains("[test] Slipway engine");
        assertThat(log()).as("a version judges nothing: no outcome printed").doesNotContain("PASSED");
    }

    @Test
    void shouldTellWhichCommitEveryResultWasMadeFrom() throws Exception {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(workspace.toFile())
                .setInitialBranch("main").call()) {
            Files.writeString(workspace.resolve("app.txt"), "v1");
            git.add().addFilepattern("app.txt").call();
            String id = git.commit().setMessage("Add the app").setAuthor("Ann", "ann@example.com")
                    .setSign(false).call().getName();

            EngineReply reply = call("version", Map.of(), Map.of());

            assertThat(reply.commit()).containsEntry("found", true).containsEntry("id", id)
                    .containsEntry("shortId", id.substring(0, 7)).containsEntry("branch", "main")
                    .containsEntry("author", "Ann").containsEntry("message", "Add the app");
            assertThat(reply.toStepValue().get("commit")).isEqualTo(reply.commit());
        }
        EngineReply outside = call("version", Map.of(), Map.of());
        assertThat(outside.commit()).containsKey("found");
    }

    @Test
    void shouldStreamEveryLineWithThePrefix() throws Exception {
        EngineReply reply = call("probe", Map.of("lines", 500), Map.of());

        assertThat(reply.status()).isEqualTo("PASSED");
        assertThat(reply.result()).containsEntry("linesPrinted", 500);
        assertThat(log()).contains("[test] probe line 1\n").contains("[test] probe line 500\n");
    }

    @Test
    void shouldHandSecretsOverOnStandardInputAndNeverPrintThem() throws Exception {
        String secret = "s3cr3t-Value-" + System.nanoTime();
        EngineReply reply = call("probe", Map.of("lines", 1), Map.of("password", secret));

        assertThat(reply.result()).containsEntry("secretNames", List.of("password"));
        assertThat(log()).contains("secret password is ****").doesNotContain(secret);
        try (var files = Files.walk(workspace)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void shouldTurnEngineErrorsIntoAbortMessages() throws Exception {
        EngineReply badInput = call("probe", Map.of("lines", -1), Map.of());
        assertThat(badInput.verdict(false)).isEqualTo(EngineReply.Verdict.ABORT);
        assertThat(badInput.message()).contains("wrong input").contains("lines must be between 0 and 1000000");

        EngineReply unknownParameter = call("probe", Map.of("linez", 3), Map.of());
        assertThat(unknownParameter.message()).contains("unknown parameter 'linez'");

        EngineReply unknownTask = call("no-such-task", Map.of(), Map.of());
        assertThat(unknownTask.message()).contains("Unknown task 'no-such-task'").contains("version");

        EngineReply environment = call("probe", Map.of("failWith", "ENVIRONMENT"), Map.of());
        assertThat(environment.message()).contains("the environment failed");
    }

    @Test
    void shouldReportAnEngineThatCannotStartWithItsLastLines() throws Exception {
        Map<String, Object> envelope = Map.of("task", "version", "request", Map.of());
        EngineCallable callable = new EngineCallable(List.of("-cp", workspace.toString(), "no.such.Main"), List.of(),
                envelope, Map.of(), listener, 5);
        EngineReply reply = EngineReply.of("slipwayVersion", callable.invoke(workspace.toFile(), null));

        assertThat(reply.verdict(false)).isEqualTo(EngineReply.Verdict.ABORT);
        assertThat(reply.message()).contains("exit code 1").contains("no.such.Main");
    }

    @Test
    void shouldStopTheEngineAndItsChildrenOnAbortAfterLettingItCleanUp() throws Exception {
        Path marker = workspace.resolve("cleanup-marker");
        Map<String, Object> envelope = Map.of("task", "probe", "prefix", "[abort] ", "request",
                Map.of("lines", 1, "holdMillis", 120_000, "spawnChild", true, "cleanupMarker", marker.toString()));
        EngineCallable callable = new EngineCallable(engineFromClasspath(), List.of(), envelope, Map.of(), listener, 10);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                callable.invoke(workspace.toFile(), null);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        build.start();
        long childPid = waitForChildPid(Duration.ofSeconds(60));
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        ProcessHandle engine = child.parent().orElseThrow();
        assertThat(engine.isAlive()).isTrue();

        build.interrupt();
        build.join(30_000);

        assertThat(build.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(Files.readString(marker)).contains("cleaned up");
        assertThat(log()).contains("Abort requested").contains("probe interrupted, cleaning up");
        engine.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(engine.isAlive()).isFalse();
        assertThat(child.isAlive()).isFalse();
    }

    private long waitForChildPid(Duration timeout) throws InterruptedException {
        Pattern pid = Pattern.compile("probe child pid (\\d+)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pid.matcher(log());
            if (m.find() && log().contains("probe holding")) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the engine never started its child; log:\n" + log());
    }

    @Test
    void shouldRefuseAnEngineJarThatArrivedDamaged(@TempDir Path cache) throws Exception {
        String sha = "0".repeat(64);
        Path upload = io.jenkins.plugins.slipway.bridge.EngineCache.newUpload(cache, sha);
        Files.writeString(upload, "not the engine");
        assertThatThrownBy(() -> io.jenkins.plugins.slipway.bridge.EngineCache.commit(cache, sha, upload))
                .hasMessageContaining("damaged");
        assertThat(io.jenkins.plugins.slipway.bridge.EngineCache.installed(cache, sha)).isNull();
    }
}
