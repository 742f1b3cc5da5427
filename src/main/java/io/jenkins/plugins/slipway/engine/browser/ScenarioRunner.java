package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.request.browser.BrowserRequest;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Runs one scenario's steps in a {@link BrowserSession}; a failing step stops the scenario and leaves evidence. */
final class ScenarioRunner {

    private final BrowserSession session;
    private final URI baseUrl;
    private final java.util.List<String> allowedOrigins;
    private final Path outputDir;
    private final int defaultTimeoutSeconds;
    private final Supplier<String> appDeath;
    private final Log log;

    /**
     * @param appDeath null while the app runs, otherwise why it is gone (quoted in failure messages)
     */
    ScenarioRunner(BrowserSession session, URI baseUrl, Path outputDir, int defaultTimeoutSeconds,
            Supplier<String> appDeath, Log log) {
        this(session, baseUrl, java.util.List.of(), outputDir, defaultTimeoutSeconds, appDeath, log);
    }

    ScenarioRunner(BrowserSession session, URI baseUrl, java.util.List<String> allowedOrigins, Path outputDir,
            int defaultTimeoutSeconds, Supplier<String> appDeath, Log log) {
        this.allowedOrigins = java.util.List.copyOf(allowedOrigins);
        this.session = session;
        this.baseUrl = baseUrl;
        this.outputDir = outputDir;
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
        this.appDeath = appDeath;
        this.log = log;
    }

    /** A step that did not hold. */
    static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }

    CaseResult run(String suite, Scenario scenario) throws InterruptedException {
        long start = System.nanoTime();
        List<String> done = new ArrayList<>();
        List<String> artifacts = new ArrayList<>();
        session.reset();
        session.drainConsole();
        log.info("Scenario '" + scenario.name() + "' (" + suite + ")");
        for (int i = 0; i < scenario.steps().size(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("aborted during scenario '" + scenario.name() + "'");
            }
            Scenario.Step step = scenario.steps().get(i);
            int number = i + 1;
            String label = "step " + number + " " + step.describe();
            try {
                perform(step, scenario, number, artifacts);
                done.add("ok   " + label);
                log.debug("  ok " + label);
            } catch (StepFailed | RuntimeException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("aborted during scenario '" + scenario.name() + "'");
                }
                String why = e instanceof RuntimeException re ? describe(re) : e.getMessage();
                String death = appDeath.get();
                String message = "Scenario '" + scenario.name() + "' failed at " + label + ": " + why
                        + (death == null ? "" : ". " + death);
                done.add("FAIL " + label + ": " + why);
                artifacts.addAll(evidence(scenario.name(), number, step.action()));
                log.error(message);
                return new CaseResult(suite, scenario.name(), "FAILED", number, message, millis(start),
                        List.copyOf(artifacts), List.copyOf(done));
            }
        }
        log.info("Scenario '" + scenario.name() + "' passed (" + scenario.steps().size() + " steps)");
        return new CaseResult(suite, scenario.name(), "PASSED", 0, null, millis(start), List.copyOf(artifacts),
                List.copyOf(done));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String describe(RuntimeException e) {
        if (e instanceof IllegalStateException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + SeleniumSession.firstLine(e.getMessage());
    }

    private void perform(Scenario.Step step, Scenario scenario, int number, List<String> artifacts)
            throws StepFailed, InterruptedException {
        int timeout = step.timeoutSeconds() != null ? step.timeoutSeconds() : defaultTimeoutSeconds;
        switch (step.action()) {
            case "open" -> session.open(url(step.open()));
            case "type" -> {
                Locator into = present(Locator.parse(step.into()), timeout);
                session.type(into, step.type());
            }
            case "click" -> session.click(present(Locator.parse(step.click()), timeout));
            case "submit" -> session.submit(present(Locator.parse(step.submit()), timeout));
            case "waitFor", "assertElement" -> {
                String target = step.waitFor() != null ? step.waitFor() : step.assertElement();
                present(Locator.parse(target), "waitFor".equals(step.action()) ? timeout : 0);
            }
            case "waitForText", "assertText" -> {
                String expected = step.waitForText() != null ? step.waitForText() : step.assertText();
                Locator in = step.in() == null ? null : Locator.parse(step.in());
                int wait = "waitForText".equals(step.action()) ? timeout : 0;
                String[] seen = {""};
                boolean found = poll(wait, () -> {
                    if (in != null && !session.isPresent(in)) {
                        seen[0] = "no element matches " + in;
                        return false;
                    }
                    seen[0] = in == null ? session.pageText() : session.text(in);
                    return seen[0].contains(expected);
                });
                if (!found) {
                    throw new StepFailed("expected the text \"" + expected + "\"" + (in == null ? " on the page" : " in " + in)
                            + (wait > 0 ? " within " + wait + " s" : "") + ", but "
                            + (seen[0].startsWith("no element") ? seen[0] : "the " + (in == null ? "page" : "element")
                                    + " shows: \"" + abbreviate(seen[0]) + "\""));
                }
            }
            case "assertTitle" -> {
                String title = session.title();
                if (!title.equals(step.assertTitle())) {
                    throw new StepFailed("expected the title \"" + step.assertTitle() + "\", but it is \"" + title + "\"");
                }
            }
            case "assertStatus" -> {
                String current = session.currentUrl();
                int status = status(current);
                if (status != step.assertStatus()) {
                    throw new StepFailed("expected HTTP " + step.assertStatus() + " from GET " + current + ", got "
                            + (status < 0 ? "no answer" : "HTTP " + status));
                }
            }
            case "screenshot" -> {
                String file = slug(scenario.name()) + "-" + slug(step.screenshot()) + ".png";
                if (session.screenshot(outputDir.resolve(file))) {
                    artifacts.add(file);
                } else {
                    Path html = outputDir.resolve(slug(scenario.name()) + "-" + slug(step.screenshot()) + ".html");
                    write(html, session.pageSource());
                    artifacts.add(html.getFileName().toString());
                    log.info("  " + session.name() + " cannot take screenshots; saved the page source instead: " + html.getFileName());
                }
            }
            default -> throw new IllegalStateException("unknown action " + step.action());
        }
    }

    private String url(String path) throws StepFailed {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            String origin;
            try {
                origin = BrowserRequest.origin(path, "open");
            } catch (IllegalArgumentException e) {
                throw new StepFailed(e.getMessage());
            }
            if (!origin.equals(BrowserRequest.origin(baseUrl.toString(), "app")) && !allowedOrigins.contains(origin)) {
                throw new StepFailed("'" + path + "' is outside the app's origin " + baseUrl + ": scenarios stay on "
                        + "the app unless allowedOrigins names other origins (e.g. allowedOrigins: ['" + origin + "'])");
            }
            return path;
        }
        String base = baseUrl.toString();
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    private Locator present(Locator locator, int timeoutSeconds) throws StepFailed, InterruptedException {
        if (!poll(timeoutSeconds, () -> session.isPresent(locator))) {
            throw new StepFailed("no element matches " + locator + (timeoutSeconds > 0 ? " within " + timeoutSeconds + " s" : "")
                    + " on " + session.currentUrl());
        }
        return locator;
    }

    /** Checks at once, then polls until the condition holds or {@code seconds} pass (0: check once). */
    private static boolean poll(int seconds, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long sleep = 25;
        while (true) {
            if (condition.get()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(sleep);
            sleep = Math.min(250, sleep * 2);
        }
    }

    private static int status(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Screenshot, page source, URL and console log of the failed step; names relative to the output directory. */
    private List<String> evidence(String scenario, int number, String action) {
        String base = slug(scenario) + "-step" + number + "-" + action.toLowerCase(Locale.ROOT);
        List<String> files = new ArrayList<>();
        try {
            Files.createDirectories(outputDir);
            if (session.screenshot(outputDir.resolve(base + ".png"))) {
                files.add(base + ".png");
            }
            String url = safe(session::currentUrl);
            write(outputDir.resolve(base + ".html"), safe(session::pageSource));
            files.add(base + ".html");
            write(outputDir.resolve(base + ".url.txt"), url + "\n");
            files.add(base + ".url.txt");
            List<String> console = session.drainConsole();
            write(outputDir.resolve(base + ".console.txt"),
                    console.isEmpty() ? "(the page wrote nothing to the console)\n" : String.join("\n", console) + "\n");
            files.add(base + ".console.txt");
            log.info("  evidence: " + files);
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot save the evidence of the failed step in " + outputDir + ": " + e.getMessage());
        }
        return files;
    }

    private static String safe(Supplier<String> value) {
        try {
            String v = value.get();
            return v == null ? "" : v;
        } catch (RuntimeException e) {
            return "(not available: " + SeleniumSession.firstLine(e.getMessage()) + ")";
        }
    }

    private static void write(Path file, String text) {
        try {
            SafeOutput.writeString(file, text == null ? "" : text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        return slug.isEmpty() ? "scenario" : slug;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
