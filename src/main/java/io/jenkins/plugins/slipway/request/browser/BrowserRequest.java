package io.jenkins.plugins.slipway.request.browser;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the browser stage does: which app to drive (a command it starts on a free port, or the URL of an app that
 * already runs), how to tell that the app is ready, and what to run against it (scenario files and/or the user's
 * own suite).
 *
 * <p>What a key means to users is written once, in the {@code help-<key>.html} of the {@code browserTest} step
 * (shown by Jenkins, {@code docs/steps/browserTest.md} and the CLI's option descriptions, checked by {@code StepDocsTest}
 * and {@code CliDocsTest}); the lines here say what the engine does with it.
 *
 * @param appCommand          shell command that starts the app; {@code {port}} is replaced by the port and the
 *                            {@code PORT} variable carries it too
 * @param appUrl              URL of an app that already runs (instead of {@code appCommand})
 * @param appDir              working directory of the app command (default: the working directory)
 * @param appEnv              extra environment variables for the app command
 * @param appPort             fixed port for the app (default 0: the operating system picks a free one)
 * @param readyPath           path probed for readiness (default {@code /})
 * @param readyStatus         HTTP status that means ready (default: any answer below 500)
 * @param readyCheck          {@code http} (default) or {@code tcp}
 * @param readyTimeoutSeconds how long to wait for the app (default 60)
 * @param scenarios           scenario files (JSON), relative to the working directory
 * @param suiteCommand        the user's own browser suite, run with {@code APP_URL} set
 * @param junitXml            glob patterns of the JUnit XML files the suite writes
 * @param suiteTimeoutSeconds how long the suite may run (default 1800)
 * @param browser             {@code htmlunit} (default) or {@code chrome}
 * @param chromedriver        path of chromedriver (default: found on the PATH)
 * @param chromeBinary        path of Chrome/Chromium (default: found on the PATH)
 * @param stepTimeoutSeconds  how long a step waits for its element or text (default 10)
 * @param allowedOrigins origins ({@code https://host[:port]}) besides the app's that scenarios may open; default
 *     none: a step that opens another origin (a cloud metadata address, an internal service) fails
 * @param outputDir           where JUnit XML, the app log and failure artifacts go (default {@code slipway-browser})
 */
public record BrowserRequest(
        String appCommand,
        String appUrl,
        String appDir,
        Map<String, String> appEnv,
        Integer appPort,
        String readyPath,
        Integer readyStatus,
        String readyCheck,
        Integer readyTimeoutSeconds,
        List<String> scenarios,
        String suiteCommand,
        List<String> junitXml,
        Integer suiteTimeoutSeconds,
        String browser,
        String chromedriver,
        String chromeBinary,
        Integer stepTimeoutSeconds,
        String outputDir,
        List<String> allowedOrigins) {

    public static final String HTMLUNIT = io.jenkins.plugins.slipway.request.Checks.HTMLUNIT;
    public static final String CHROME = io.jenkins.plugins.slipway.request.Checks.CHROME;

    /**
     * {@code scheme://host:port} of an http(s) URL (the default port filled in), the unit a scenario may open.
     *
     * @throws IllegalArgumentException naming {@code what} when {@code url} is not an http(s) URL with a host
     */
    public static String origin(String url, String what) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": not a URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + ": '" + url + "' is not an http:// or https:// URL with a host "
                    + "(e.g. https://login.example.com)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    public BrowserRequest {
        appCommand = blankToNull(appCommand);
        appUrl = blankToNull(appUrl);
        io.jenkins.plugins.slipway.request.Checks.oneApp(appCommand, appUrl);
        if (appUrl != null) {
            URI uri;
            try {
                uri = URI.create(appUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("appUrl is not a URL: " + appUrl, e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("appUrl must be an http:// or https:// URL with a host, was " + appUrl);
            }
        }
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(o -> origin(o,
                "allowedOrigins")).toList();
        appDir = blankToNull(appDir);
        appEnv = appEnv == null ? Map.of() : Map.copyOf(appEnv);
        appPort = appPort == null ? 0 : appPort;
        if (appPort < 0 || appPort > 65535) {
            throw new IllegalArgumentException("appPort must be between 1 and 65535 (or 0 to let the OS pick), was " + appPort);
        }
        readyPath = blankToNull(readyPath) == null ? "/" : readyPath;
        if (!readyPath.startsWith("/")) {
            throw new IllegalArgumentException("readyPath must start with '/', was " + readyPath);
        }
        if (readyStatus != null && (readyStatus < 100 || readyStatus > 599)) {
            throw new IllegalArgumentException("readyStatus must be an HTTP status (100-599), was " + readyStatus);
        }
        readyCheck = blankToNull(readyCheck) == null ? "http" : readyCheck.toLowerCase(Locale.ROOT);
        if (!List.of("http", "tcp").contains(readyCheck)) {
            throw new IllegalArgumentException("readyCheck must be 'http' or 'tcp', was " + readyCheck);
        }
        readyTimeoutSeconds = positive("readyTimeoutSeconds", readyTimeoutSeconds, 60);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        suiteCommand = blankToNull(suiteCommand);
        junitXml = junitXml == null ? List.of() : List.copyOf(junitXml);
        if (scenarios.isEmpty() && suiteCommand == null) {
            throw new IllegalArgumentException("Nothing to run: give scenarios (scenario files) and/or suiteCommand "
                    + "(your own browser tests, run with APP_URL set)");
        }
        if (suiteCommand != null && junitXml.isEmpty()) {
            throw new IllegalArgumentException("junitXml is required with suiteCommand: the glob patterns of the "
                    + "JUnit XML files your suite writes, e.g. build/test-results/**/*.xml");
        }
        suiteTimeoutSeconds = positive("suiteTimeoutSeconds", suiteTimeoutSeconds, 1800);
        browser = io.jenkins.plugins.slipway.request.Checks.browser(browser);
        chromedriver = blankToNull(chromedriver);
        chromeBinary = blankToNull(chromeBinary);
        stepTimeoutSeconds = positive("stepTimeoutSeconds", stepTimeoutSeconds, 10);
        outputDir = blankToNull(outputDir) == null ? "slipway-browser" : outputDir;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int positive(String name, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, was " + value);
        }
        return value;
    }
}
