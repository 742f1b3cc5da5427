package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deploy (or rollback) did on every host.
 *
 * @param operation {@code deploy} or {@code rollback}
 * @param releaseId the release deployed (or rolled back to)
 * @param dryRun whether nothing was changed
 * @param outcome PASSED when every host is on the release, UNSTABLE when failures stayed within the budget,
 *     FAILED when the budget was exceeded
 * @param summary one line
 * @param budgetExceeded whether the rollout stopped because too many hosts failed
 * @param hosts one report per host, in the request's order
 * @param table the final table as printed
 * @param report the HTML report written for this result (relative to the working directory), or null when none was
 */
public record DeployResult(String operation, String releaseId, boolean dryRun, Outcome outcome, String summary,
        boolean budgetExceeded, List<HostReport> hosts, String table, String report) implements StageResult {

    /** A result with no HTML report (yet). */
    public DeployResult(String operation, String releaseId, boolean dryRun, Outcome outcome, String summary,
            boolean budgetExceeded, List<HostReport> hosts, String table) {
        this(operation, releaseId, dryRun, outcome, summary, budgetExceeded, hosts, table, null);
    }

    /** The same result naming its HTML report. */
    DeployResult withReport(String path) {
        return new DeployResult(operation, releaseId, dryRun, outcome, summary, budgetExceeded, hosts, table, path);
    }

    /** Where a host ended up. */
    public enum HostOutcome {
        /** On the new release, healthy. */
        DEPLOYED,
        /** Already on the release; nothing changed. */
        UNCHANGED,
        /** Switched to the named release by a rollback. */
        SWITCHED,
        /** Failed before {@code current} moved; still on its previous release. */
        FAILED,
        /** Was switched, then switched back to its previous release. */
        ROLLED_BACK,
        /** Switching back failed too: look at the host (its {@code current} still points to a complete release). */
        ROLLBACK_FAILED,
        /** Not touched (an earlier batch failed, or the run was aborted). */
        SKIPPED,
        /** Dry run: checks passed, the host would be deployed. */
        PLANNED;

        boolean failed() {
            return this == FAILED || this == ROLLED_BACK || this == ROLLBACK_FAILED;
        }
    }

    /**
     * One host's story.
     *
     * @param name host name
     * @param address host:port
     * @param previousRelease the release {@code current} pointed to before (null: none)
     * @param newRelease the release this run installed (null when nothing was installed)
     * @param currentRelease where {@code current} points now
     * @param outcome what happened
     * @param message why (the failure, quoting the last health answer or command output)
     * @param phaseMillis milliseconds per phase in order (connect, upload, install, health, finish)
     * @param totalMillis wall time on this host
     * @param rotation what the load balancer saw of the host (null when the deploy had no {@code traffic})
     */
    public record HostReport(String name, String address, String previousRelease, String newRelease,
            String currentRelease, HostOutcome outcome, String message, Map<String, Long> phaseMillis, long totalMillis,
            Rotation rotation) {

        /** A report without a load balancer. */
        public HostReport(String name, String address, String previousRelease, String newRelease,
                String currentRelease, HostOutcome outcome, String message, Map<String, Long> phaseMillis, long totalMillis) {
            this(name, address, previousRelease, newRelease, currentRelease, outcome, message, phaseMillis, totalMillis, null);
        }

        HostReport with(HostOutcome newOutcome, String newCurrent, String newMessage) {
            return new HostReport(name, address, previousRelease, newRelease, newCurrent, newOutcome, newMessage,
                    phaseMillis, totalMillis, rotation);
        }

        /** The same report with the balancer's story, its phases and the time spent around the host's own work. */
        HostReport withRotation(Rotation newRotation, Map<String, Long> newPhases, long newTotalMillis, String newMessage) {
            return new HostReport(name, address, previousRelease, newRelease, currentRelease, outcome, newMessage,
                    newPhases, newTotalMillis, newRotation);
        }
    }

    /**
     * A host and its load balancer during the deploy. Times are epoch milliseconds, 0 when it did not happen.
     *
     * @param balancer the balancer ({@code HAProxy backend app at ...})
     * @param server the balancer's name for the host
     * @param leftAt when the host was taken out of rotation
     * @param drainMillis how long the drain waited for in-flight requests
     * @param openAtStart in-flight requests/connections when the drain began (-1: the balancer does not say)
     * @param openAtEnd in-flight when the drain ended (not 0 only when traffic.drainTimeoutSeconds passed)
     * @param rejoinedAt when it was put back in rotation
     * @param healthyAt when the balancer reported it healthy
     * @param outOfRotation null when the host is back in rotation; else why it was left out and the exact command to
     *     return it ({@code out of rotation: <why>; to return it: <command>})
     */
    public record Rotation(String balancer, String server, long leftAt, long drainMillis, int openAtStart, int openAtEnd,
            long rejoinedAt, long healthyAt, String outOfRotation) {
    }

    /** Exit code 3 (the environment failed) when no host could even be reached; else 0 or 1 by the outcome. */
    @Override
    public int exitCode() {
        List<HostReport> tried = hosts.stream().filter(h -> h.outcome() != HostOutcome.SKIPPED).toList();
        boolean noneReached = outcome == Outcome.FAILED && !tried.isEmpty() && tried.stream().allMatch(
                h -> h.outcome() == HostOutcome.FAILED && h.phaseMillis().keySet().stream().allMatch("connect"::equals));
        return noneReached ? 3 : outcome.exitCode();
    }

    /** The final table: one line per host. */
    static String table(List<HostReport> hosts) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "BEFORE", "NOW", "RESULT", "UPLOAD", "HEALTH", "TOTAL", "NOTE"});
        for (HostReport h : hosts) {
            rows.add(new String[] {h.name(), dash(h.previousRelease()), dash(h.currentRelease()), h.outcome().name(),
                seconds(h.phaseMillis().get("upload")), seconds(h.phaseMillis().get("health")),
                h.totalMillis() == 0 ? "-" : seconds(h.totalMillis()), h.message() == null ? "" : h.message()});
        }
        int[] width = new int[8];
        for (String[] row : rows) {
            for (int i = 0; i < 7; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < 8; i++) {
                String cell = i == 7 && row[i].length() > 120 ? row[i].substring(0, 117) + "..." : row[i];
                out.append(i == 7 ? cell : String.format("%-" + width[i] + "s  ", cell));
            }
            out.append('\n');
        }
        return out.toString().replaceAll(" +\n", "\n");
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static String seconds(Long millis) {
        return millis == null ? "-" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    static Map<String, Long> phases() {
        return new LinkedHashMap<>();
    }
}
