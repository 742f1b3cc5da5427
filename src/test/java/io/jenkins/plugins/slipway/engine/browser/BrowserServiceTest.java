package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.request.browser.BrowserRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserServiceTest {

    @TempDir
    Path work;

    private static String formAppCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(FormApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + classes + "' " + FormApp.class.getName() + " {port}";
    }

    private Path seedScenario() throws IOException {
        Path file = work.resolve("form-scenario.json");
        try (var in = getClass().getResourceAsStream("form-scenario.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    private Path scenario(String name, String json) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static BrowserRequest request(String appCommand, Map<String, String> env, Integer port, int readyTimeout,
            List<String> scenarios, String browser) {
        return new BrowserRequest(appCommand, null, null, env, port, null, null, null, readyTimeout, scenarios, null,
                null, null, browser, null, null, 5, "out", null);
    }

    private BrowserResult run(BrowserRequest request, RecordingLog log) throws Exception {
        return new BrowserService().run(request, new TaskContext(log, Secrets.none(), work));
    }

    @Test
    void shouldPassTheSeedScenarioWithHtmlUnit() throws Exception {
        seedScenario();
        RecordingLog log = new RecordingLog(null);
        BrowserResult result = run(request(formAppCommand(), Map.of(), null, 30, List.of("form-scenario.json"), null), log);

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.PASSED);
        assertThat(result.tests()).isEqualTo(2);
        assertThat(result.browser()).isEqualTo("htmlunit");
        assertThat(result.appUrl()).startsWith("http://127.0.0.1:");
        String junit = Files.readString(work.resolve(result.junitXml()));
        assertThat(junit).contains("<testcase classname=\"browser.htmlunit.form-scenario\" name=\"post a query\"")
                .contains("name=\"submit by name\"").contains("failures=\"0\"");
        assertThat(Files.readString(work.resolve(result.appLog()))).contains("formapp got query hello slipway");
    }

    @Test
    void shouldPassTheSeedScenarioWithChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        seedScenario();
        scenario("shot.json", """
                {"scenarios": [{"name": "screenshot", "steps": [{"open": "/"}, {"screenshot": "form"}]}]}
                """);
        BrowserRequest request = new BrowserRequest(formAppCommand(), null, null, null, null, null, null, null, 30,
                List.of("form-scenario.json", "shot.json"), null, null, null, "chrome", "/usr/bin/chromedriver",
                "/usr/bin/chromium", 10, "out", null);
        BrowserResult result = run(request, new RecordingLog(null));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.PASSED);
        assertThat(result.tests()).isEqualTo(3);
        assertThat(result.artifacts()).containsExactly("out/screenshot-form.png");
        byte[] png = Files.readAllBytes(work.resolve("out/screenshot-form.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(work.resolve("out/.profiles")).doesNotExist();
    }

    @Test
    void shouldKeepScenariosOnTheAppsOriginUnlessAllowedOriginsNamesAnother() throws Exception {
        // a second server on loopback stands in for a metadata endpoint or an internal service
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        other.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] page = "<html><head><title>secret</title></head></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            String url = "http://localhost:" + other.getAddress().getPort() + "/latest/meta-data/";
            scenario("away.json", "{\"scenarios\": [{\"name\": \"away\", \"steps\": [{\"open\": \"" + url
                    + "\"}, {\"assertTitle\": \"secret\"}]}]}");

            BrowserResult refused = run(new BrowserRequest(formAppCommand(), null, null, null, null, null, null, null,
                    30, List.of("away.json"), null, null, null, null, null, null, 5, "out", null), new RecordingLog(null));

            assertThat(refused.outcome()).isEqualTo(Outcome.UNSTABLE);
            assertThat(refused.cases().get(0).message()).contains("is outside the app's origin")
                    .contains("allowedOrigins: ['http://localhost:" + other.getAddress().getPort() + "']");
            assertThat(hits.get()).isZero();

            BrowserResult allowed = run(new BrowserRequest(formAppCommand(), null, null, null, null, null, null, null,
                    30, List.of("away.json"), null, null, null, null, null, null, 5, "out",
                    List.of("http://LOCALHOST:" + other.getAddress().getPort())), new RecordingLog(null));

            assertThat(allowed.outcome()).as(allowed.summary()).isEqualTo(Outcome.PASSED);
            assertThat(hits.get()).isPositive();
        } finally {
            other.stop(0);
        }
    }

    @Test
    void shouldKeepAScreenshotAndTheConsoleOfAFailedStepInChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        scenario("bad.json", """
                {"scenarios": [{"name": "wrong title", "steps": [{"open": "/console"}, {"assertTitle": "form title"}]}]}
                """);
        BrowserRequest request = new BrowserRequest(formAppCommand(), null, null, null, null, null, null, null, 30,
                List.of("bad.json"), null, null, null, "chrome", null, null, 5, "out", null);
        BrowserResult result = run(request, new RecordingLog(null));

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.cases().get(0).message()).contains("failed at step 2 assertTitle \"form title\"")
                .contains("it is \"console page\"");
        String base = "out/wrong-title-step2-asserttitle";
        assertThat(result.artifacts()).containsExactly(base + ".png", base + ".html", base + ".url.txt", base + ".console.txt");
        assertThat(Files.readAllBytes(work.resolve(base + ".png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(work.resolve(base + ".console.txt"))).contains("hello from the page");
    }

    @Test
    void shouldDriveTheTornadoAppWithHtmlUnit() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import tornado").redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "needs tornado for /usr/bin/python3");
        Path app = Path.of(getClass().getResource("python-formapp/serve.py").toURI()).getParent();
        seedScenario();
        BrowserRequest request = new BrowserRequest("/usr/bin/python3 -u serve.py {port}", null, app.toString(), null, null,
                "/health", 200, null, 30, List.of("form-scenario.json"), null, null, null, null, null, null, 5, "out", null);
        BrowserResult result = run(request, new RecordingLog(null));

        assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.PASSED);
        assertThat(result.tests()).isEqualTo(2);
        assertThat(Files.readString(work.resolve(result.appLog()))).contains("formapp (tornado) listening");
    }

    @Test
    void shouldNameTheFailingStepAndKeepItsEvidence() throws Exception {
        scenario("wrong.json", """
                {"scenarios": [
                  {"name": "Console then wrong answer", "steps": [
                    {"open": "/console"},
                    {"open": "/"},
                    {"type": "abc", "into": "id=myquery"},
                    {"click": "id=mybutton"},
                    {"assertText": "post returned: xyz", "name": "check the answer"}
                  ]},
                  {"name": "still runs", "steps": [{"open": "/"}, {"assertTitle": "form title"}]}
                ]}
                """);
        BrowserResult result = run(request(formAppCommand(), Map.of(), null, 30, List.of("wrong.json"), null),
                new RecordingLog(null));

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.failures()).isEqualTo(1);
        CaseResult failed = result.cases().get(0);
        assertThat(failed.failedStep()).isEqualTo(5);
        assertThat(failed.message()).contains("Scenario 'Console then wrong answer' failed at step 5 check the answer")
                .contains("expected the text \"post returned: xyz\"").contains("post returned: abc");
        assertThat(result.cases().get(1).passed()).isTrue();
        String base = "out/console-then-wrong-answer-step5-asserttext";
        assertThat(result.artifacts()).containsExactly(base + ".html", base + ".url.txt", base + ".console.txt");
        assertThat(Files.readString(work.resolve(base + ".html"))).contains("post returned: abc");
        assertThat(Files.readString(work.resolve(base + ".url.txt"))).startsWith(result.appUrl());
        assertThat(Files.readString(work.resolve(base + ".console.txt"))).contains("hello from the page");
        String junit = Files.readString(work.resolve(result.junitXml()));
        assertThat(junit).contains("failures=\"1\"").contains("<failure message=\"Scenario 'Console then wrong answer' failed at step 5")
                .doesNotContain("<failure message=\"Scenario 'still runs");
    }

    @Test
    void shouldQuoteTheAppLogWhenItNeverBecomesReady() throws Exception {
        seedScenario();
        Path pidFile = work.resolve("app.pid");
        BrowserRequest request = request(formAppCommand(), Map.of("NEVER_READY", "true", "PID_FILE", pidFile.toString()),
                null, 2, List.of("form-scenario.json"), null);

        assertThatThrownBy(() -> run(request, new RecordingLog(null)))
                .isInstanceOf(BrowserException.class)
                .hasMessageContaining("The app was not ready after 2 s")
                .hasMessageContaining("formapp is still warming up its caches")
                .satisfies(e -> assertThat(((SlipwayException) e).kind()).isEqualTo(SlipwayException.Kind.ENVIRONMENT));
        assertGone(Long.parseLong(Files.readString(pidFile).strip()));
        assertThat(work.resolve("out/app.log")).exists();
    }

    @Test
    void shouldReportAnAppThatDiesBeforeItIsReady() throws Exception {
        seedScenario();
        BrowserRequest request = request("echo 'cannot open database formapp.db'; exit 4", Map.of(), null, 30,
                List.of("form-scenario.json"), null);

        assertThatThrownBy(() -> run(request, new RecordingLog(null)))
                .isInstanceOf(BrowserException.class)
                .hasMessageContaining("The app exited with code 4 before it was ready")
                .hasMessageContaining("cannot open database formapp.db");
    }

    @Test
    void shouldFailTheRunWhenTheAppCrashesMidScenario() throws Exception {
        scenario("crash.json", """
                {"scenarios": [
                  {"name": "crash it", "steps": [{"open": "/crash"}, {"open": "/"}, {"assertTitle": "form title"}]},
                  {"name": "after the crash", "steps": [{"open": "/"}]}
                ]}
                """);
        BrowserResult result = run(request(formAppCommand(), Map.of(), null, 30, List.of("crash.json"), null),
                new RecordingLog(null));

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.failures()).isEqualTo(2);
        assertThat(result.cases().get(0).message()).contains("failed at step").contains("The app exited with code 3")
                .contains("formapp crashing on purpose");
        assertThat(result.cases().get(1).message()).contains("did not run: The app exited with code 3");
    }

    @Test
    void shouldFailAnOpenWhereNothingAnswersInHtmlUnit() throws Exception {
        assertAnOpenWhereNothingAnswersFails(null, null, null, "nothing answers at http://127.0.0.1:");
    }

    @Test
    void shouldFailAnOpenWhereNothingAnswersInChrome() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        assertAnOpenWhereNothingAnswersFails("chrome", "/usr/bin/chromedriver", "/usr/bin/chromium", "ERR_CONNECTION_REFUSED");
    }

    /** An open that reaches nothing fails its step, so an open-only scenario never passes against a dead app. */
    private void assertAnOpenWhereNothingAnswersFails(String browser, String driver, String binary, String why)
            throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closed = socket.getLocalPort();
        }
        scenario("dead-link.json", """
                {"scenarios": [{"name": "open a dead page", "steps": [{"open": "/"}, {"open": "http://127.0.0.1:%d/gone"}]}]}
                """.formatted(closed));
        BrowserRequest request = new BrowserRequest(formAppCommand(), null, null, Map.of(), null, null, null, null, 30,
                List.of("dead-link.json"), null, null, null, browser, driver, binary, 5, "out",
                List.of("http://127.0.0.1:" + closed)); // another origin, allowed on purpose

        BrowserResult result = run(request, new RecordingLog(null));

        assertThat(result.failures()).as(result.summary()).isEqualTo(1);
        assertThat(result.cases().get(0).message())
                .contains("failed at step 2 open http://127.0.0.1:" + closed + "/gone").contains(why);
    }

    @Test
    void shouldRefuseAPortThatIsAlreadyTaken() throws Exception {
        seedScenario();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            BrowserRequest request = request(formAppCommand(), Map.of(), taken.getLocalPort(), 30,
                    List.of("form-scenario.json"), null);

            assertThatThrownBy(() -> run(request, new RecordingLog(null)))
                    .isInstanceOf(BrowserException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " is already")
                    .hasMessageContaining("leave appPort out");
        }
        assertThat(work.resolve("out/app.log")).doesNotExist();
    }

    @Test
    void shouldSayWhichBrowserIsMissingBeforeStartingTheApp() throws Exception {
        seedScenario();
        BrowserRequest request = new BrowserRequest(formAppCommand(), null, null, null, null, null, null, null, 30,
                List.of("form-scenario.json"), null, null, null, "chrome", "no/such/chromedriver", null, 5, "out", null);

        assertThatThrownBy(() -> run(request, new RecordingLog(null)))
                .isInstanceOf(BrowserException.class)
                .hasMessageContaining("The browser 'chrome' was chosen but chromedriver")
                .hasMessageContaining("no/such/chromedriver")
                .hasMessageContaining("apt-get install chromium-driver");
        assertThat(work.resolve("out/app.log")).doesNotExist();
    }

    @Test
    void shouldStopTheAppAndItsChildrenWhenAborted() throws Exception {
        abortMidScenario(null, null, null);
    }

    @Test
    void shouldStopChromiumTooWhenAborted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs /usr/bin/chromium and /usr/bin/chromedriver");
        abortMidScenario("chrome", "/usr/bin/chromedriver", "/usr/bin/chromium");
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                .as("chromedriver and Chromium processes left behind").isEmpty();
    }

    private void abortMidScenario(String browser, String driver, String binary) throws Exception {
        scenario("wait.json", """
                {"scenarios": [{"name": "waits forever", "steps": [
                  {"open": "/"}, {"waitForText": "this never appears", "timeoutSeconds": 600}]}]}
                """);
        Path appPid = work.resolve("app.pid");
        String command = "sleep 600 & echo $! > child.pid; exec " + formAppCommand();
        BrowserRequest request = new BrowserRequest(command, null, null, Map.of("PID_FILE", appPid.toString()), null,
                null, null, null, 30, List.of("wait.json"), null, null, null, browser, driver, binary, 5, "out", null);
        RecordingLog log = new RecordingLog("Scenario 'waits forever'");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                run(request, log);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "browser service");
        worker.start();
        assertThat(log.seen.await(60, TimeUnit.SECONDS)).as("scenario started; log: %s", log.lines).isTrue();
        long app = Long.parseLong(Files.readString(appPid).strip());
        long child = Long.parseLong(Files.readString(work.resolve("child.pid")).strip());
        assertThat(ProcessHandle.of(child)).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());

        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertGone(app);
        assertGone(child);
        assertThat(log.lines).anyMatch(l -> l.contains("Stopped the app (pid " + app + ")"));
    }

    @Test
    void shouldRunTheUsersOwnSuiteWithTheAppUrl() throws Exception {
        String suite = "mkdir -p reports && printf '<testsuite><testcase classname=\"ui\" name=\"%s\"/>"
                + "<testcase classname=\"ui\" name=\"broken\"><failure message=\"nope\"/></testcase></testsuite>' "
                + "\"$APP_URL\" > reports/TEST-ui.xml";
        BrowserRequest request = new BrowserRequest(formAppCommand(), null, null, null, null, null, null, null, 30,
                null, suite, List.of("reports/*.xml"), 60, null, null, null, null, "out", null);
        BrowserResult result = run(request, new RecordingLog(null));

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.suiteExitCode()).isZero();
        assertThat(result.suiteReports()).containsExactly("reports/TEST-ui.xml");
        assertThat(result.cases()).extracting(CaseResult::name).containsExactly(result.appUrl(), "broken");
        assertThat(result.failures()).isEqualTo(1);
    }

    private static void assertGone(long pid) throws InterruptedException {
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // checked below
            }
        });
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("process %d is still running", pid).isFalse();
    }
}
