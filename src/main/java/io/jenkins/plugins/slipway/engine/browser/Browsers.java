package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.request.browser.BrowserRequest;

import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.WebConsole;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.WebConnectionWrapper;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/** Opens the chosen browser. Chrome needs chromedriver and a browser binary; nothing is ever downloaded. */
final class Browsers {

    /** Chrome's two programs, resolved before the app starts so a missing browser fails fast. */
    record ChromePaths(Path driver, Path binary) {
    }

    /** Selenium's own chatter (CDP version notes, HTTP retries) is not the user's business; kept referenced. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        // HtmlUnit's HTTP client reports every retry at INFO; the step's own messages say what went wrong
        for (String name : new String[] {"org.apache.http", "org.htmlunit"}) {
            String key = "org.slf4j.simpleLogger.log." + name;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }

    /** The longest a page may take to load before its step fails. */
    static final java.time.Duration PAGE_LOAD = java.time.Duration.ofSeconds(60);

    private Browsers() {
    }

    static Optional<ChromePaths> check(BrowserRequest request, Path workDir) throws BrowserException {
        if (!BrowserRequest.CHROME.equals(request.browser())) {
            return Optional.empty();
        }
        Path driver = locate(request.chromedriver(), workDir, List.of("chromedriver"), "chromedriver",
                "chromedriver", "install chromedriver (Debian: apt-get install chromium-driver) or set chromedriver to its path");
        Path binary = locate(request.chromeBinary(), workDir,
                List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"), "Chrome/Chromium",
                "chromeBinary", "install Chromium (Debian: apt-get install chromium) or set chromeBinary to its path");
        return Optional.of(new ChromePaths(driver, binary));
    }

    private static Path locate(String configured, Path workDir, List<String> names, String what, String parameter,
            String advice) throws BrowserException {
        if (configured != null) {
            Path path = workDir.resolve(configured);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new BrowserException(Kind.ENVIRONMENT, "The browser 'chrome' was chosen but " + parameter + " "
                        + path + " is not an executable file: " + advice + ".");
            }
            return path;
        }
        String pathVar = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : names) {
                for (String candidate : List.of(name, name + ".exe")) {
                    Path path = Path.of(dir, candidate);
                    if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                        return path;
                    }
                }
            }
        }
        throw new BrowserException(Kind.ENVIRONMENT, "The browser 'chrome' was chosen but no " + what
                + " was found on the PATH (looked for " + names + "): " + advice + ".");
    }

    static BrowserSession open(BrowserRequest request, Optional<ChromePaths> chrome, Path scratch)
            throws BrowserException {
        return chrome.isPresent() ? openChrome(chrome.get(), scratch) : openHtmlUnit();
    }

    private static BrowserSession openHtmlUnit() throws BrowserException {
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        HtmlUnitDriver driver;
        try {
            driver = new HtmlUnitDriver(BrowserVersion.BEST_SUPPORTED, true);
        } catch (RuntimeException | LinkageError e) {
            throw new BrowserException(Kind.ENVIRONMENT, "Cannot start the HtmlUnit browser: " + e, e);
        }
        WebClient client = driver.getWebClient();
        client.getOptions().setThrowExceptionOnScriptError(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setPrintContentOnFailingStatusCode(false);
        client.getOptions().setTimeout((int) PAGE_LOAD.toMillis());
        client.setCssErrorHandler(new SilentCssErrorHandler());
        client.getWebConsole().setLogger(new ConsoleCollector(console));
        client.setJavaScriptErrorListener(new org.htmlunit.javascript.SilentJavaScriptErrorListener() {
            @Override
            public void scriptException(org.htmlunit.html.HtmlPage page,
                    org.htmlunit.ScriptException exception) {
                console.add("[SEVERE] " + SeleniumSession.firstLine(exception.getMessage()));
            }
        });
        RefusedConnections refused = new RefusedConnections(client);
        SeleniumSession.Opener opener = url -> {
            Page before = client.getCurrentWindow().getTopWindow().getEnclosedPage();
            refused.forget();
            driver.get(url);
            String why = refused.forget();
            if (why != null && client.getCurrentWindow().getTopWindow().getEnclosedPage() == before) {
                throw new IllegalStateException(why);
            }
        };
        return new SeleniumSession(BrowserRequest.HTMLUNIT, driver, () -> drain(console), opener, () -> { });
    }

    private static List<String> drain(List<String> console) {
        synchronized (console) {
            List<String> copy = new ArrayList<>(console);
            console.clear();
            return copy;
        }
    }

    private static BrowserSession openChrome(ChromePaths paths, Path scratch) throws BrowserException {
        Path profile;
        try {
            Files.createDirectories(scratch);
            profile = Files.createTempDirectory(scratch, "chrome-profile-");
        } catch (IOException e) {
            throw new BrowserException(Kind.ENVIRONMENT, "Cannot create a browser profile directory under " + scratch
                    + ": " + e.getMessage(), e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(paths.binary().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1024", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        Set<Long> before = childPids();
        // an explicit driver executable keeps Selenium Manager from looking anything up or downloading
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(paths.driver().toFile())
                .usingAnyFreePort()
                .build();
        Runnable cleanup = () -> {
            service.stop();
            stopNewChildren(before);
            deleteTree(profile);
        };
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
        } catch (SessionNotCreatedException e) {
            cleanup.run();
            throw new BrowserException(Kind.ENVIRONMENT, "Chrome did not start (" + paths.binary() + " with "
                    + paths.driver() + "): " + SeleniumSession.firstLine(e.getMessage())
                    + ". Check that chromedriver matches the browser's version.", e);
        } catch (WebDriverException e) {
            cleanup.run();
            throw new BrowserException(Kind.ENVIRONMENT, "Cannot start chromedriver " + paths.driver() + ": "
                    + SeleniumSession.firstLine(e.getMessage()), e);
        }
        // chromedriver's get fails by itself when nothing answers (net::ERR_CONNECTION_REFUSED)
        return new SeleniumSession(BrowserRequest.CHROME, driver, () -> SeleniumSession.driverConsole(driver), driver::get,
                cleanup);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Whatever the driver left behind (chromedriver and its browsers) is stopped with its whole tree. */
    private static void stopNewChildren(Set<Long> before) {
        ProcessHandle.current().children()
                .filter(p -> !before.contains(p.pid()))
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .forEach(p -> ProcessRunner.destroyTree(p, Duration.ofSeconds(3)));
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a left-over temporary profile is harmless
        }
    }

    /**
     * Remembers the last connection HtmlUnit could not make: HtmlUnitDriver's {@code get} swallows a refused
     * connection and keeps the old page, which would let an {@code open} of a dead app pass.
     */
    private static final class RefusedConnections extends WebConnectionWrapper {
        private volatile String last;

        RefusedConnections(WebClient client) {
            super(client);
        }

        @Override
        public WebResponse getResponse(WebRequest request) throws IOException {
            try {
                return super.getResponse(request);
            } catch (ConnectException e) {
                last = "nothing answers at " + request.getUrl() + " (" + e.getMessage() + ")";
                throw e;
            }
        }

        /** The last refusal since the previous call, or null. */
        String forget() {
            String was = last;
            last = null;
            return was;
        }
    }

    /** Collects the page's console output. */
    private record ConsoleCollector(List<String> lines) implements WebConsole.Logger {
        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public void trace(Object message) {
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public void debug(Object message) {
            lines.add("[DEBUG] " + message);
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public void info(Object message) {
            lines.add("[INFO] " + message);
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(Object message) {
            lines.add("[WARNING] " + message);
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(Object message) {
            lines.add("[SEVERE] " + message);
        }
    }
}
