package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.EngineTasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.ReportBrowser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/slipway.jar demo} end to end, as a user runs it after {@code mvn package}: every stage
 * whose task this engine build has must end as the pipeline expects (the broken deploy FAILED and rolled back),
 * stages whose task is missing are marked "not available" rather than crashing the demo, nothing is left running,
 * and every HTML report (run, tests, metrics) opens in headless Chromium under Jenkins' Content-Security-Policy for
 * archived files with its stylesheet applied and no console error (screenshots kept in target/report-screenshots/), the deploy stages' own pages included.
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
        // the demo's --json is the envelope of every command, with the demo service's commit
        assertThat(new MiniJsonSchema(Json.MAPPER.readTree(CliJsonEnvelopeTest.DOCS_SCHEMA.toFile())).validate(run))
                .isEmpty();
        assertThat(run.path("command").asText()).isEqualTo("demo");
        assertThat(run.path("commit").path("id").asText()).isEqualTo(run.path("result").path("commit").path("id").asText())
                .isNotEmpty();
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
        if (DemoBalancer.find() == null) {
            assertThat(output).contains("no haproxy on the PATH: the deploys run without a load balancer");
        } else if (distinct && ran.contains("deploy-broken")) {
            // behind HAProxy: the rolling deploys, the broken one included, lose no request
            assertThat(output).containsPattern("behind HAProxy, 200 requests/s during the rolling deploys: [1-9]\\d* requests, 0 failed\n");
            assertThat(stage(run, "deploy").get("result").get("hosts").get(1).get("rotation").get("healthyAt").asLong()).isPositive();
            JsonNode brokenHost = stage(run, "deploy-broken").get("result").get("hosts").get(0);
            assertThat(brokenHost.get("rotation").get("outOfRotation").isNull()).as(brokenHost.toString()).isTrue();
        }
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
        // every report: the one stylesheet beside it, nothing the Jenkins CSP would block
        Map<String, Path> reports = new LinkedHashMap<>();
        reports.put("run", html);
        reports.put("tests", dir.resolve(stage(run, "tests").get("result").get("outputs").get("html").asText()));
        reports.put("metrics", dir.resolve(stage(run, "metrics").get("result").get("reports").get("html").asText()));
        Map<String, String> verdicts = new LinkedHashMap<>();
        // each deploy stage wrote its own page beside the run report
        reports.put("deploy", dir.resolve(stage(run, "deploy").get("result").get("report").asText()));
        if (ran.contains("deploy-broken")) {
            reports.put("deploy-broken", dir.resolve(stage(run, "deploy-broken").get("result").get("report").asText()));
            verdicts.put("deploy-broken", "FAILED");
        }
        for (Map.Entry<String, Path> report : reports.entrySet()) {
            assertStaticPage(report.getKey(), report.getValue());
        }
        // the coverage tables name the demo service's own sources (the workspace also holds its next version)
        for (String name : List.of("tests", "metrics")) {
            assertThat(Files.readString(reports.get(name))).as(name + " report's coverage table")
                    .contains("service/src/main/java/example/FormApp.java").doesNotContain("not in workspace");
        }
        // the run report links the stages' own reports and the raw JSON, and puts the failed deploy's reason first
        assertThat(page).contains("href=\"../service/build/tests.html\"", "href=\"../service/build/metrics/index.html\"",
                "href=\"slipway-run.json\"", "HTTP 500", "href=\"stage-deploy.html\">Deploy report");
        assertThat(Files.readString(reports.get("deploy"))).contains("aria-label=\"Deploy phases per host\"",
                "<span class=\"badge s-DEPLOYED\">");
        if (ran.contains("deploy-broken")) {
            assertThat(page.indexOf("id=\"stage-deploy-broken\"")).as("the failed stage's card comes first")
                    .isLessThan(page.indexOf("id=\"stage-tests\""));
            assertThat(page).contains("aria-label=\"Deploy phases per host\"", "class=\"p-health bad\"");
        }
        openInChromium(dir, reports, verdicts);
    }

    /** No inline style, no script, the shared stylesheet linked and written beside the page. */
    private static void assertStaticPage(String name, Path page) throws Exception {
        assertThat(page).as(name + " report").exists();
        String text = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(text).as(name + " report " + page).doesNotContain("<style").doesNotContain("style=")
                .doesNotContain("<script").contains("<link rel=\"stylesheet\" href=\"slipway.css\">");
        assertThat(page.resolveSibling("slipway.css")).as("the stylesheet beside the " + name + " report").isRegularFile();
        assertThat(Files.readString(page.resolveSibling("slipway.css"))).isEqualTo(HtmlPage.css());
    }

    private static JsonNode stage(JsonNode run, String name) {
        for (JsonNode s : run.get("stages")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name);
    }

    /**
     * Opens every report in headless Chromium under the Content-Security-Policy Jenkins puts on archived files (see
     * {@link ReportBrowser}), checks that the failed deploy's card shows red, and keeps a screenshot of each.
     */
    private static void openInChromium(Path root, Map<String, Path> reports, Map<String, String> verdicts) throws Exception {
        List<ReportBrowser.Page> pages = new ArrayList<>();
        reports.forEach((name, file) -> pages.add(new ReportBrowser.Page(name, file, verdicts.getOrDefault(name, "PASSED"),
                name.equals("run") && reports.containsKey("deploy-broken") ? List.of("#stage-deploy-broken .card-head .badge")
                        : List.of())));
        List<Path> shots = ReportBrowser.open(root, pages);
        assertThat(shots).hasSize(reports.size()).allSatisfy(shot -> assertThat(shot).isRegularFile());
    }
}
