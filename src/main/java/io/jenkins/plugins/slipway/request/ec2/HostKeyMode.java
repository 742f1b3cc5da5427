package io.jenkins.plugins.slipway.request.ec2;

/** How hard to try to read the instances' SSH host key fingerprints from their console output. */
public enum HostKeyMode {
    /** Wait (within the overall timeout) until every instance printed its fingerprints; fail otherwise. */
    REQUIRE,
    /** Wait up to a minute (within the overall timeout); hosts without fingerprints are returned without them. */
    BEST_EFFORT,
    /** Do not read the console output. */
    SKIP;

    /** Accepts any letter case ({@code best_effort}, {@code Private}) and names the allowed values otherwise. */
    public static HostKeyMode of(String value) {
        return io.jenkins.plugins.slipway.request.Checks.oneOf(HostKeyMode.class, value);
    }
}
