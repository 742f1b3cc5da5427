package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks a host after the switch: HTTP from here, or a command on the host. Returns null when healthy. */
final class HealthChecker {

    /** Runs the check command on the host; returns the answer ({@code null} = passed). */
    interface CommandProbe {
        String run(String command, Duration timeout) throws IOException, InterruptedException;
    }

    private final io.jenkins.plugins.slipway.request.HealthCheck check;
    private final HttpClient http;

    HealthChecker(io.jenkins.plugins.slipway.request.HealthCheck check) {
        this.check = check;
        this.http = check == null || check.url() == null ? null
                : HttpClient.newBuilder().connectTimeout(millis(check.timeoutSeconds())).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    boolean enabled() {
        return check != null;
    }

    String url(DeployHost host) {
        String h = host.host().contains(":") ? "[" + host.host() + "]" : host.host();
        return check.url().replace("{host}", h).replace("{name}", host.name());
    }

    /** Null when healthy, else why it is not, quoting the last answer. */
    String check(DeployHost host, CommandProbe probe, Log log) throws InterruptedException {
        String last = null;
        for (int attempt = 1; attempt <= check.retries(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(millis(check.intervalSeconds()).toMillis());
            }
            last = check.url() != null ? http(host) : command(probe);
            if (last == null) {
                log.info("health check passed (attempt " + attempt + "/" + check.retries() + ")");
                return null;
            }
            log.info("health check attempt " + attempt + "/" + check.retries() + ": " + last);
        }
        return "health check failed after " + check.retries() + " attempts; last answer: " + last;
    }

    private String http(DeployHost host) throws InterruptedException {
        String url = url(host);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(millis(check.timeoutSeconds()))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body();
            String shortBody = body.length() > 200 ? body.substring(0, 200) + "..." : body;
            shortBody = shortBody.replaceAll("\\s+", " ").trim();
            if (response.statusCode() != check.expectStatus()) {
                return "GET " + url + " answered HTTP " + response.statusCode() + " (expected " + check.expectStatus() + "): " + shortBody;
            }
            if (check.expectBody() != null && !body.contains(check.expectBody())) {
                return "GET " + url + " answered HTTP " + response.statusCode() + " without '" + check.expectBody() + "' in the body: " + shortBody;
            }
            return null;
        } catch (IOException e) {
            return "GET " + url + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return "GET " + url + " is not a valid URL: " + e.getMessage();
        }
    }

    private String command(CommandProbe probe) throws InterruptedException {
        try {
            return probe.run(check.command(), millis(check.timeoutSeconds()));
        } catch (IOException e) {
            return "cannot run the check command: " + e.getMessage();
        }
    }

    static Duration millis(double seconds) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
