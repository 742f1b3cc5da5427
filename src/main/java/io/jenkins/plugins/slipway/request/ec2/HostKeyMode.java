package io.jenkins.plugins.slipway.request.ec2;

/** How hard to try to read the instances' SSH host key fingerprints from their console output. */
public enum HostKeyMode {
    /** Wait (within the overall timeout) until every instance printed its fingerprints; fail otherwise. */
    REQUIRE,
    /** Wait up to a minute (within the overall timeout); hosts without fingerprints are returned without them. */
    BEST_EFFORT,
    /** Do not read the console output. */
    SKIP
}
