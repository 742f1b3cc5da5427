package io.jenkins.plugins.slipway.engine.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build abort as the plugin does it: the packaged engine runs the browser task from an envelope on standard
 * input and gets SIGTERM mid-scenario; the app and its child must be gone afterwards.
 */
class BrowserAbortITest {

    @TempDir
    Path work;

    @Test
    void shouldStopTheAppWhenTheEngineIsTerminatedMidScenario() throws Exception {
        Path jar = Path.of("target", "slipway-engine.jar").toAbsolutePath();
        assertThat(jar).as("run `mvn -o package` first").exists();
        Files.writeString(work.resolve("wait.json"), """
                {"scenarios": [{"name": "waits forever", "steps": [
                  {"open": "/"}, {"waitForText": "this never appears", "timeoutSeconds": 600}]}]}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(FormApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("task", "browser");
        envelope.put("workDir", work.toString());
        envelope.put("resultFile", work.resolve("result.json").toString());
        ObjectNode request = envelope.putObject("request");
        request.put("appCommand", "sleep 600 & echo $! > child.pid; exec '" + java + "' -cp '" + classes + "' "
                + FormApp.class.getName() + " {port}");
        request.putObject("appEnv").put("PID_FILE", work.resolve("app.pid").toString());
        request.putArray("scenarios").add("wait.json");

        Path output = work.resolve("engine.log");
        Process engine = new ProcessBuilder(java, "-jar", jar.toString(), "agent", "--grace", "20")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try (OutputStream in = engine.getOutputStream()) {
            in.write(Json.write(envelope).getBytes(StandardCharsets.UTF_8));
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(output).contains("Scenario 'waits forever'") && System.nanoTime() < deadline
                    && engine.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(output)).contains("Scenario 'waits forever'");
            long app = Long.parseLong(Files.readString(work.resolve("app.pid")).strip());
            long child = Long.parseLong(Files.readString(work.resolve("child.pid")).strip());

            engine.toHandle().destroy(); // SIGTERM, as the plugin does on an abort
            assertThat(engine.waitFor(60, TimeUnit.SECONDS)).as("engine exited").isTrue();

            String lines = Files.readString(output);
            for (long pid : new long[] {app, child}) {
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join());
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("process %d left behind; engine output: %s", pid, lines).isFalse();
            }
            assertThat(lines).contains("Abort requested").contains("Stopped the app (pid " + app + ")");
        } finally {
            engine.destroyForcibly();
        }
    }
}
