package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What a user sees: Slipway's pages of a build opened in headless Chromium through Jenkins (logged in through the
 * login form), archived reports styled under Jenkins' default Content-Security-Policy for archived files; and after a
 * restart every Slipway page of old builds still renders with nothing of Slipway's in "Manage old data".
 */
@ExtendWith(RealJenkinsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsAndRestartITest {
    static final Path SHOTS = RealJenkins.projectDir().resolve("target/real-jenkins/screenshots");
    static final String JOB = "reports";
    static final List<String> PAGES = List.of("slipway", "runTests", "codeMetrics", "browserTest", "sshDeploy");
    static RealJenkins.Build build;
    static LoopbackSshHost host;

    @org.junit.jupiter.api.AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    static RealJenkins.Build reportsBuild(RealJenkins jenkins) throws Exception {
        if (build == null) {
            Path project = Fixtures.copy("reports-metrics", Fixtures.TEST_RESOURCES + "metrics/sample");
            Path demo = Fixtures.copy("reports-demo", "src/demo");
            java.security.KeyPair key = LoopbackSshHost.newKey();
            host = LoopbackSshHost.start(Files.createTempDirectory(SHOTS.getParent(), "host-"), key);
            jenkins.script(Fixtures.sshKeyCredentialScript("reports-key", LoopbackSshHost.USER, key));
            jenkins.createPipeline(JOB, "node {\n    " + PipelineStepsITest.copyInto(project)
                    + "    sh \"mkdir -p demo/classes && cp -R '" + demo + "/.' demo && javac -d demo/classes demo/formapp/src/main/java/example/*.java\"\n"
                    + "    browserTest appCommand: 'java -cp demo/classes example.FormApp --port {port}', readyPath: '/health',"
                    + " scenarios: 'demo/browser-scenario.json', outputDir: 'browser-out'\n"
                    + "    sshDeploy credentialsId: 'reports-key', hostList: '127.0.0.1:" + host.port() + "', knownHosts: '"
                    + host.knownHostsLine() + "', baseDir: 'srv/app', artifact: 'demo/classes', releaseId: \"r${env.BUILD_NUMBER}\","
                    + " healthCommand: 'test -d example'\n"
                    + "    writeFile file: 'make-report.sh', text: '''mkdir -p reports; printf '<testsuite name=\"s\" tests=\"2\" failures=\"0\">"
                    + "<testcase classname=\"app.FormTest\" name=\"posts\" time=\"0.2\"/><testcase classname=\"app.FormTest\" name=\"shows\" time=\"0.1\"/>"
                    + "</testsuite>' > reports/junit.xml'''\n"
                    + "    runTests command: 'sh make-report.sh', reports: 'reports/*.xml'\n"
                    + "    codeMetrics maxViolations: 'total=1000', outputDir: 'metrics-out'\n"
                    + "    slipwayVersion()\n}");
            jenkins.build(JOB); // a baseline, so the second has a trend and deltas
            build = jenkins.build(JOB);
            assertThat(build.result()).as("%s", build).isEqualTo("SUCCESS");
        }
        return build;
    }

    @Test
    @Order(1)
    void shouldRenderEveryReportStyledUnderJenkinsDefaultCsp(RealJenkins jenkins) throws Exception {
        RealJenkins.Build b = reportsBuild(jenkins);
        String csp = jenkins.get(b.path() + "artifact/slipway-metrics/index.html").headers()
                .firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as("Jenkins' default CSP for archived files is in force").contains("style-src 'self'");
        assertThat(jenkins.get(b.path() + "artifact/slipway-metrics/slipway.css").statusCode()).isEqualTo(200);
        // the build page's one Slipway box links every stage's own page
        String buildHtml = jenkins.page(b.path());
        int box = buildHtml.indexOf("class=\"slipway-stages\"");
        assertThat(box).as("Slipway summary box on the build page").isPositive();
        String stages = buildHtml.substring(box, buildHtml.indexOf("</ul>", box));
        for (String link : List.of("runTests/", "codeMetrics/", "browserTest/", "sshDeploy/")) {
            assertThat(stages).as("summary box links %s", link).contains("href=\"" + link + "\"");
        }
        assertThat(stages).contains("slipwayVersion: <b>PASSED</b>");
        // the deploy's own page is archived with its stylesheet and linked from the box and the deploy's page
        String deployReport = "artifact/slipway-sshDeploy-1/index.html";
        assertThat(stages).as("summary box links the deploy report").contains("href=\"" + deployReport + "\"");
        var archived = jenkins.get(b.path() + deployReport);
        assertThat(archived.statusCode()).isEqualTo(200);
        assertThat(archived.headers().firstValue("Content-Security-Policy").orElse("")).contains("style-src 'self'");
        assertThat(archived.body()).contains("aria-label=\"Deploy phases per host\"", "<span class=\"badge s-DEPLOYED\">")
                .doesNotContain("<script", "style=");
        assertThat(jenkins.get(b.path() + "artifact/slipway-sshDeploy-1/slipway.css").statusCode()).isEqualTo(200);
        assertThat(jenkins.page(b.path() + "sshDeploy/")).contains(b.path() + deployReport + "\"");
        try (StagePageBrowser browser = StagePageBrowser.open(jenkins, 1400)) {
            assumeTrue(browser != null, "headless Chromium/chromedriver not installed: pages not opened in a browser");
            WebDriver driver = browser.driver();
            open(driver, jenkins.url() + b.path(), "build-page");
            String buildPage = driver.getPageSource();
            for (String page : PAGES) {
                assertThat(buildPage).as("build page links %s", page).contains(b.path().replace("job/", "/job/") + page);
                open(driver, jenkins.url() + b.path() + page + "/", "page-" + page);
                assertThat(driver.getTitle()).as("title of %s", page).doesNotContainIgnoringCase("error");
                assertThat(consoleErrors(driver)).as("console errors on %s", page).isEmpty();
            }
            open(driver, jenkins.url() + "job/" + JOB + "/", "job-page");
            assertThat(driver.findElements(By.cssSelector(".slipway-metrics-trend svg"))).as("trend chart on the job page").isNotEmpty();
            // the Slipway trend: tests, coverage, findings and deploy duration, every bar and point a link to its build
            int number = Integer.parseInt(b.path().replaceAll(".*/(\\d+)/?$", "$1"));
            List<String> builds = java.util.stream.IntStream.rangeClosed(1, number).mapToObj(n -> n + "/").toList();
            for (String panel : List.of("Tests", "Findings", "Deploy duration (s)")) {
                List<String> hrefs = driver.findElements(By.cssSelector(".slipway-trend svg g[data-panel='" + panel + "'] a")).stream()
                        .map(a -> a.getDomAttribute("href")).toList();
                assertThat(hrefs).as("links of the %s trend, one per build", panel).isEqualTo(builds);
            }
            assertThat(consoleErrors(driver)).as("console errors on the job page").isEmpty();
            List<org.openqa.selenium.WebElement> bars = driver.findElements(By.cssSelector(".slipway-trend svg g[data-panel='Tests'] a rect"));
            bars.get(bars.size() - 1).click();
            RealJenkins.waitFor("the newest build's page from its trend bar", Duration.ofSeconds(30),
                    () -> driver.getCurrentUrl().endsWith("/job/" + JOB + "/" + number + "/") ? java.util.Optional.of(true)
                            : java.util.Optional.empty());

            for (String report : List.of("slipway-sshDeploy-1/index.html", "slipway-metrics/index.html")) {
                open(driver, jenkins.url() + b.path() + "artifact/" + report, report.startsWith("slipway-metrics") ? "metrics-report"
                        : "deploy-report");
                assertThat(consoleErrors(driver)).as("blocked resources or errors on the archived %s", report).isEmpty();
            }
            String verdict = (String) ((JavascriptExecutor) driver).executeScript(
                    "var b = document.querySelector('h1 .badge'); return b ? getComputedStyle(b).backgroundColor : 'no badge';");
            assertThat(verdict).as("the verdict badge coloured by slipway.css, i.e. the stylesheet was not blocked")
                    .isIn("rgb(26, 127, 55)", "rgb(154, 103, 0)", "rgb(207, 34, 46)");
            String font = (String) ((JavascriptExecutor) driver).executeScript("return getComputedStyle(document.body).fontFamily;");
            assertThat(font.toLowerCase(Locale.ROOT)).contains("system-ui");
            assertThat(consoleErrors(driver)).as("blocked resources or errors on the archived report").isEmpty();
        }
    }

    @Test
    @Order(2)
    void shouldRenderOldBuildsAfterARestartWithNoOldData(RealJenkins jenkins) throws Exception {
        RealJenkins.Build b = reportsBuild(jenkins);
        Map<String, String> before = new java.util.LinkedHashMap<>();
        for (String page : PAGES) {
            before.put(page, jenkins.page(b.path() + page + "/"));
        }
        // a build whose Slipway step is running when Jenkins is stopped with its whole process tree, the step's engine
        // included (as when the machine goes down): after the restart the step says its engine is gone, or records
        // what the engine reported while it was being stopped; it never stays RUNNING (a restart that leaves the
        // engine running is in RestartDurabilityITest)
        String marker = "63" + (System.nanoTime() % 1000);
        jenkins.createPipeline("restarted", "node {\n    deleteDir()\n"
                + "    runTests command: 'sleep " + marker + "', reports: 'reports/*.xml'\n}");
        int restarted = jenkins.startBuild("restarted");
        RealJenkins.waitFor("the test command to run", Duration.ofMinutes(3),
                () -> AgentAndAbortITest.processes("sleep " + marker).isEmpty() ? java.util.Optional.empty()
                        : java.util.Optional.of(true));
        jenkins.restart();
        String result = jenkins.waitForResult("restarted", restarted, Duration.ofMinutes(3));
        String box = AgentAndAbortITest.slipwayBox(jenkins, "job/restarted/" + restarted + "/");
        assertThat(box).as("the step of a build resumed after a restart (result %s)", result)
                .containsPattern("runTests(</a>)?: <b>(ERROR|FAILED|ABORTED)</b>").doesNotContain("RUNNING");
        assertThat(result).isIn("FAILURE", "ABORTED");
        for (String page : PAGES) {
            String after = jenkins.page(b.path() + page + "/");
            assertThat(after).as("%s after restart", page).contains(b.job());
            assertThat(visibleText(after)).as("%s has the same figures after a restart", page).contains(figures(before.get(page)));
        }
        assertThat(jenkins.page("job/" + JOB + "/")).containsPattern("slipway-metrics-trend[\\s\\S]*?<svg");
        String oldData = jenkins.page("manage/administrativeMonitor/OldData/manage");
        int main = oldData.indexOf("id=\"main-panel\"");
        int footer = oldData.indexOf("<footer", main);
        assertThat(main).as("Manage old data has a main panel").isPositive();
        String listed = oldData.substring(main, footer < 0 ? oldData.length() : footer);
        assertThat(listed.toLowerCase(Locale.ROOT)).as("Manage old data lists nothing of Slipway's").doesNotContain("slipway");
        // Jenkins logs a WARNING of its own when an agent's WebSocket closes under whatever call was writing to it;
        // an earlier test in this Jenkins takes an agent away while a step looks at its engine, so that call can be
        // Slipway's (the step waits for the agent and says so in the build's log, as the agent tests check)
        List<String> aboutSlipway = jenkins.warningRecords().stream()
                .filter(r -> r.toLowerCase(Locale.ROOT).contains("slipway"))
                .filter(r -> !r.contains("WebSocketAgents$Session#error")).toList();
        assertThat(aboutSlipway).as("warnings about Slipway after the restart").isEmpty();
    }

    static void open(WebDriver driver, String url, String shot) throws Exception {
        driver.get(url);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(shot + ".png"), png);
    }

    static List<String> consoleErrors(WebDriver driver) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            // Jenkins' own pages may log their own script warnings; Slipway's content must not be blocked or broken
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    static String visibleText(String html) {
        return html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    /** The first run of digits-and-words in the page's main panel: enough to tell the same figures are shown. */
    static String figures(String html) {
        String text = visibleText(html);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+ (tests?|violations?|files?)").matcher(text);
        return m.find() ? m.group() : "";
    }

    static Path firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }
}
