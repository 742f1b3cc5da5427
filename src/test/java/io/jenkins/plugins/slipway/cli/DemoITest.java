package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/slipway.jar demo} end to end, as a user runs it after {@code mvn package}: every stage
 * whose task this engine build has must end as the pipeline expects (the broken deploy FAILED and rolled back),
 * stages whose task is missing are marked "not available" rather than crashing the demo, nothing is left running,
 * and the HTML report opens in headless Chromium without console errors (screenshot kept in target/).
 */
class DemoITest {

    private static final Path JAR = Path.of("target", "slipway.jar");

    @Test
    void shouldRunTheWholePipelineOnTheExampleAndRollBackTheBrokenBuild() throws Exception {
        assertThat(JAR).as("the packaged engine (mvn package)").exists();
        Path dir = Path.of("target", "demo-itest").toAbsolutePath();
        Path json = Path.of("target", "demo-itest-result.json").toAbsolutePath();
        Path log = Path.of("target", "demo-itest.log").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-jar", JAR.toString(), "demo", "--dir", dir.toString(), "--json", json.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("the demo ends").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(demo.exitValue()).as("exit code; output:\n" + output).isZero();
        assertThat(output).contains("open the report: file:").contains("local simulation");

        JsonNode run = Json.MAPPER.readTree(json.toFile());
        assertThat(run.get("outcome").asText()).isEqualTo("PASSED");
        List<String> ran = new ArrayList<>();
        for (JsonNode stage : run.get("stages")) {
            String task = stage.get("task").asText();
            String status = stage.get("status").asText();
            if (EngineTasks.byName(task).isPresent()) {
                assertThat(status).as("stage " + stage.get("name").asText() + ": " + stage.get("summary").asText())
                        .isNotEqualTo("NOT_AVAILABLE");
                assertThat(stage.get("expected").asBoolean()).as("stage " + stage.get("name") + " " + status + ": "
                        + stage.get("summary").asText()).isTrue();
                ran.add(stage.get("name").asText());
            } else {
                assertThat(status).isEqualTo("NOT_AVAILABLE");
                assertThat(stage.get("summary").asText()).contains("not available in this engine build");
            }
        }
        assertThat(ran).contains("launch");
        JsonNode launch = stage(run, "launch");
        boolean distinct = io.jenkins.plugins.slipway.engine.local.LocalLaunchService.addresses(3, true).stream().distinct().count() == 3;
        assertThat(launch.get("result").get("hosts")).as("3 hosts where loopback offers 127.0.0.2-4, else 1")
                .hasSize(distinct ? 3 : 1);
        assertThat(launch.get("result").get("hosts").get(0).get("hostKeyFingerprints").get(0).asText()).startsWith("SHA256:");
        if (ran.contains("deploy-broken")) {
            JsonNode broken = stage(run, "deploy-broken");
            assertThat(broken.get("status").asText()).isEqualTo("FAILED");
            assertThat(broken.get("result").get("hosts").get(0).get("outcome").asText()).isEqualTo("ROLLED_BACK");
            assertThat(broken.get("changes").get("commits").get(0).get("message").asText()).contains("deliberately broken");
            assertThat(stage(run, "deploy").get("status").asText()).isEqualTo("PASSED");
        }
        // the services the deploy started on the local hosts were stopped with them
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString())).toList())
                .as("processes left running from " + dir).isEmpty();

        Path html = Path.of(run.get("reportFile").asText());
        String page = Files.readString(html);
        assertThat(page).contains("<svg").doesNotContain("<script").doesNotContain("BEGIN OPENSSH PRIVATE KEY");
        openInChromium(html);
    }

    private static JsonNode stage(JsonNode run, String name) {
        for (JsonNode s : run.get("stages")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name);
    }

    private static void openInChromium(Path html) throws Exception {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null, "headless Chromium is not installed: report not opened in a browser");
        Path profile = Files.createTempDirectory("slipway-chromium");
        Path shot = Path.of("target", "demo-report.png").toAbsolutePath();
        Path log = Path.of("target", "demo-report-chromium.log").toAbsolutePath();
        Process p = new ProcessBuilder(chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1200,2000",
                "--screenshot=" + shot, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium ends").isTrue();
        String out = Files.readString(log);
        assertThat(shot).as("screenshot; chromium said:\n" + out).exists();
        assertThat(out.lines().filter(l -> l.contains(":CONSOLE")).toList()).as("browser console messages").isEmpty();
    }
}
