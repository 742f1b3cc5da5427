package io.jenkins.plugins.slipway.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens static Slipway reports in headless Chromium as Jenkins serves archived files: from a loopback HTTP server
 * that sends Jenkins' default Content-Security-Policy. Checks that each page loaded its stylesheet (the verdict badge
 * has its status colour: a blocked stylesheet leaves it grey), logged nothing to the console (a blocked resource or
 * a CSP violation is logged there) and saves a full-page screenshot under {@code target/report-screenshots/}.
 */
public final class ReportBrowser {

    /** What Jenkins sends with every archived file ({@code DirectoryBrowserSupport.CSP}'s default). */
    public static final String JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";
    /** The screenshots' folder, kept as a CI artifact. */
    public static final Path SHOTS = Path.of("target", "report-screenshots");
    /** The badge colours of slipway.css, as Chromium reports them. */
    public static final Map<String, String> BADGE = Map.of("PASSED", "rgba(26, 127, 55, 1)", "UNSTABLE", "rgba(154, 103, 0, 1)",
            "FAILED", "rgba(207, 34, 46, 1)");

    /**
     * One page: its name (the screenshot's file name), its file under the served root, its verdict, and CSS selectors
     * of elements that must show the failure red (a failed stage's badge, say).
     */
    public record Page(String name, Path file, String verdict, List<String> red) {
        public Page(String name, Path file, String verdict) {
            this(name, file, verdict, List.of());
        }
    }

    private ReportBrowser() {
    }

    /** Skips the calling test where no headless Chromium with its driver is installed. */
    public static void assumeChromium() {
        Assumptions.assumeTrue(chromium() != null && driver() != null,
                "headless Chromium and chromedriver are not installed: reports not opened in a browser");
    }

    /** Serves {@code root} under the Jenkins CSP and opens every page; returns the screenshots. */
    public static List<Path> open(Path root, List<Page> pages) throws Exception {
        assumeChromium();
        Path shots = Files.createDirectories(SHOTS);
        Path served = root.toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = served.resolve(java.net.URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1),
                    StandardCharsets.UTF_8)).normalize();
            boolean ok = file.startsWith(served) && Files.isRegularFile(file);
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
        options.setBinary(chromium());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        List<Path> taken = new java.util.ArrayList<>();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            for (Page page : pages) {
                StringBuilder url = new StringBuilder(base);
                for (Path part : served.relativize(page.file().toAbsolutePath().normalize())) {
                    url.append(url.length() > base.length() ? "/" : "").append(java.net.URLEncoder.encode(part.toString(),
                            StandardCharsets.UTF_8).replace("+", "%20"));
                }
                driver.manage().window().setSize(new Dimension(1280, 900));
                driver.get(url.toString());
                assertThat(driver.findElement(By.cssSelector("h1 .badge")).getCssValue("background-color"))
                        .as(page.name() + ": the verdict's colour from slipway.css (a blocked stylesheet leaves it grey)")
                        .isEqualTo(BADGE.get(page.verdict()));
                for (String selector : page.red()) {
                    assertThat(driver.findElement(By.cssSelector(selector)).getCssValue("background-color"))
                            .as(page.name() + ": " + selector + " shows red").isEqualTo(BADGE.get("FAILED"));
                }
                assertThat(driver.findElement(By.tagName("body")).getCssValue("background-color")).as(page.name())
                        .isEqualTo("rgba(246, 248, 250, 1)");
                List<String> console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(e -> e.getLevel() + " " + e.getMessage()).filter(m -> !m.contains("favicon.ico")).toList();
                assertThat(console).as(page.name() + ": console messages (blocked resources, CSP violations)").isEmpty();
                int height = driver.findElement(By.tagName("main")).getRect().getHeight() + 200;
                driver.manage().window().setSize(new Dimension(1280, Math.min(height, 12_000)));
                Path shot = shots.resolve(page.name() + ".png");
                Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
                taken.add(shot);
            }
        } finally {
            driver.quit();
            server.stop(0);
        }
        return taken;
    }

    private static String chromium() {
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .filter(p -> new File(p).canExecute()).findFirst().orElse(null);
    }

    private static File driver() {
        return List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver").stream().map(File::new)
                .filter(File::canExecute).findFirst().orElse(null);
    }
}
