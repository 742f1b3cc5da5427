package io.jenkins.plugins.slipway.request.deploy;

import java.util.List;
import java.util.Map;

/**
 * A deploy's (or a rollback's) result as the controller reads it: the part of the engine's {@code DeployResult} the
 * build page shows, component for component under the same names, read from the bridge's plain data by
 * {@code PlainData.toRecord} (no hand-written keys; {@code ResultMirrorsTest} checks the names and types against the
 * engine's records). JDK only: the plugin loads it without the engine.
 *
 * @param operation {@code deploy} or {@code rollback}
 * @param releaseId the release deployed or switched to
 * @param dryRun whether nothing was changed
 * @param outcome PASSED, UNSTABLE or FAILED
 * @param summary the one-line summary
 * @param hosts one line per host, in the request's order (null in a result without hosts)
 */
public record DeployReply(String operation, String releaseId, boolean dryRun, String outcome, String summary,
        List<Host> hosts) {

    /** The hosts, none for a result without them. */
    public List<Host> hostList() {
        return hosts == null ? List.of() : hosts;
    }

    /**
     * One host's story.
     *
     * @param name host name
     * @param address host:port
     * @param previousRelease the release {@code current} pointed to before (null: none)
     * @param currentRelease where {@code current} points now
     * @param outcome what happened (DEPLOYED, UNCHANGED, FAILED, ROLLED_BACK, …)
     * @param message why
     * @param phaseMillis milliseconds per phase (connect, upload, install, health, finish)
     * @param totalMillis wall time on this host
     * @param rotation what the load balancer saw of the host (null without traffic control)
     */
    public record Host(String name, String address, String previousRelease, String currentRelease, String outcome,
            String message, Map<String, Long> phaseMillis, long totalMillis, Rotation rotation) {

        /** The milliseconds of one phase, 0 when the host did not reach it. */
        public long phase(String phase) {
            Long millis = phaseMillis == null ? null : phaseMillis.get(phase);
            return millis == null ? 0 : millis;
        }
    }

    /**
     * A host and its load balancer during the deploy; times are epoch milliseconds, 0 when it did not happen.
     *
     * @param server the balancer's name for the host
     * @param leftAt when the host was taken out of rotation
     * @param drainMillis how long the drain waited for in-flight requests
     * @param openAtStart in-flight requests when the drain began (-1 or null: the balancer does not say)
     * @param rejoinedAt when it was put back in rotation
     * @param healthyAt when the balancer reported it healthy
     * @param outOfRotation null when the host is back in rotation; else why it was left out and how to return it
     */
    public record Rotation(String server, long leftAt, long drainMillis, Integer openAtStart, long rejoinedAt,
            long healthyAt, String outOfRotation) {
    }
}
