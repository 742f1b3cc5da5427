package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@code java -jar target/slipway.jar demo} end to end, as a user runs it after {@code mvn package}: every stage
 * whose task this engine build has must end as the pipeline expects (the broken deploy FAILED and rolled back),
 * stages whose task is missing are marked "not available" rather than crashing the demo, nothing is left running,
 * and every HTML report (run, tests, metrics) opens in headless Chromium under Jenkins' Content-Security-Policy for
 * archived files with its stylesheet applied and no console error (screenshots kept in target/report-screenshots/).
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
        // every report: the one stylesheet beside it, nothing the Jenkins CSP would block
        Map<String, Path> reports = new LinkedHashMap<>();
        reports.put("run", html);
        reports.put("tests", dir.resolve(stage(run, "tests").get("result").get("outputs").get("html").asText()));
        reports.put("metrics", dir.resolve(stage(run, "metrics").get("result").get("reports").get("html").asText()));
        for (Map.Entry<String, Path> report : reports.entrySet()) {
            assertStaticPage(report.getKey(), report.getValue());
        }
        // the run report links the stages' own reports and the raw JSON, and puts the failed deploy's reason first
        assertThat(page).contains("href=\"../service/build/tests.html\"", "href=\"../service/build/metrics/index.html\"",
                "href=\"slipway-run.json\"", "HTTP 500");
        if (ran.contains("deploy-broken")) {
            assertThat(page.indexOf("id=\"stage-deploy-broken\"")).as("the failed stage's card comes first")
                    .isLessThan(page.indexOf("id=\"stage-tests\""));
            assertThat(page).contains("aria-label=\"Deploy phases per host\"", "class=\"p-health bad\"");
        }
        openInChromium(dir, reports);
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
     * Serves the demo directory on loopback with the Content-Security-Policy Jenkins puts on archived files, opens
     * every report in headless Chromium, checks that nothing was blocked or logged to the console, that the stylesheet
     * applied (a status colour), and saves a full-page screenshot of each under target/report-screenshots/.
     */
    private static void openInChromium(Path root, Map<String, Path> reports) throws Exception {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        File driverBinary = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver").stream().map(File::new)
                .filter(File::canExecute).findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null && driverBinary != null,
                "headless Chromium and chromedriver are not installed: reports not opened in a browser");
        Path shots = Files.createDirectories(Path.of("target", "report-screenshots"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean ok = file.startsWith(root) && Files.isRegularFile(file);
            byte[] body = ok ? Files.readAllBytes(file) : new byte[0];
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            exchange.getResponseHeaders().add("Content-Type", name.endsWith(".css") ? "text/css; charset=utf-8"
                    : name.endsWith(".json") ? "application/json" : "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Content-Security-Policy", JENKINS_CSP);
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(ok ? 200 : 404, ok ? body.length : -1);
            if (ok) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            for (Map.Entry<String, Path> report : reports.entrySet()) {
                String url = base + root.relativize(report.getValue()).toString().replace(File.separatorChar, '/');
                driver.manage().window().setSize(new Dimension(1280, 900));
                driver.get(url);
                WebElement verdict = driver.findElement(By.cssSelector("h1 .badge"));
                assertThat(verdict.getCssValue("background-color")).as(report.getKey() + ": the verdict's colour from "
                        + "slipway.css (a blocked stylesheet leaves it grey)").isEqualTo("rgba(26, 127, 55, 1)");
                assertThat(driver.findElement(By.tagName("body")).getCssValue("background-color"))
                        .isEqualTo("rgba(246, 248, 250, 1)");
                if (report.getKey().equals("run") && !driver.findElements(By.cssSelector("#stage-deploy-broken")).isEmpty()) {
                    assertThat(driver.findElement(By.cssSelector("#stage-deploy-broken .card-head .badge"))
                            .getCssValue("background-color")).as("a failed stage shows red").isEqualTo("rgba(207, 34, 46, 1)");
                    assertThat(driver.findElement(By.cssSelector("#stage-deploy-broken")).getCssValue("border-left-color"))
                            .isEqualTo("rgba(207, 34, 46, 1)");
                }
                List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(e -> e.getLevel() + " " + e.getMessage()).filter(m -> !m.contains("favicon.ico")).toList();
                assertThat(console).as(report.getKey() + ": console messages (blocked resources, CSP violations)").isEmpty();
                int height = driver.findElement(By.tagName("main")).getRect().getHeight() + 200;
                driver.manage().window().setSize(new Dimension(1280, Math.min(height, 12_000)));
                Files.write(shots.resolve(report.getKey() + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            }
        } finally {
            driver.quit();
            server.stop(0);
        }
        assertThat(shots.resolve("run.png")).isRegularFile();
    }

    private static final String JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";
}
