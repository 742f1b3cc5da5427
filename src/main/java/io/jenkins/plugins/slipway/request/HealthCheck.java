package io.jenkins.plugins.slipway.request;

/**
 * A deploy's health check, after the switch: an HTTP GET ({@code url}, {@code {host}} and {@code {name}} are
 * replaced) expecting a status and optionally a body substring, or a {@code command} run on the host in the new
 * release directory. The {@code sshDeploy} step builds it, the bridge carries it by its components, the engine's
 * deploy request holds it: its defaults and checks are written here only.
 *
 * @param url             the URL to GET (http or https), or null with a command
 * @param expectStatus    the status wanted (default {@value #DEFAULT_EXPECT_STATUS})
 * @param expectBody      a substring the body must contain, or null
 * @param command         the command to run on the host, or null with a URL
 * @param retries         attempts (default {@value #DEFAULT_RETRIES})
 * @param intervalSeconds the wait between attempts (default {@value #DEFAULT_INTERVAL_SECONDS})
 * @param timeoutSeconds  the time one attempt may take (default {@value #DEFAULT_TIMEOUT_SECONDS})
 */
public record HealthCheck(String url, Integer expectStatus, String expectBody, String command, Integer retries,
        Double intervalSeconds, Double timeoutSeconds) {
    public static final int DEFAULT_EXPECT_STATUS = 200;
    public static final int DEFAULT_RETRIES = 10;
    public static final double DEFAULT_INTERVAL_SECONDS = 3.0;
    public static final double DEFAULT_TIMEOUT_SECONDS = 5.0;

    public HealthCheck {
        boolean hasUrl = url != null && !url.isBlank();
        boolean hasCommand = command != null && !command.isBlank();
        if (hasUrl == hasCommand) {
            throw new IllegalArgumentException("healthCheck needs exactly one of 'url' (e.g. http://{host}:8080/health) or 'command'");
        }
        if (hasUrl && !url.matches("^https?://.+")) {
            throw new IllegalArgumentException("healthCheck.url must start with http:// or https://, was '" + url + "'");
        }
        expectStatus = expectStatus == null ? DEFAULT_EXPECT_STATUS : expectStatus;
        if (expectStatus < 100 || expectStatus > 599) {
            throw new IllegalArgumentException("healthCheck.expectStatus must be an HTTP status 100..599, was " + expectStatus);
        }
        retries = retries == null ? DEFAULT_RETRIES : retries;
        if (retries < 1 || retries > 1000) {
            throw new IllegalArgumentException("healthCheck.retries (attempts) must be 1..1000, was " + retries);
        }
        intervalSeconds = intervalSeconds == null ? DEFAULT_INTERVAL_SECONDS : intervalSeconds;
        timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        if (intervalSeconds < 0 || intervalSeconds > 3600) {
            throw new IllegalArgumentException("healthCheck.intervalSeconds must be 0..3600, was " + intervalSeconds);
        }
        if (timeoutSeconds <= 0 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("healthCheck.timeoutSeconds must be more than 0 and at most 3600, was " + timeoutSeconds);
        }
    }
}
