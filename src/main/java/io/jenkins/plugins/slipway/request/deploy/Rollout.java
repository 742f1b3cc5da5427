package io.jenkins.plugins.slipway.request.deploy;

import io.jenkins.plugins.slipway.request.Checks;

/**
 * How a deploy or a rollback moves through its hosts: batches, how many hosts at once, the per-host lock, the load
 * balancer around each host's switch, whether anything changes, and where the report goes. Shared by
 * {@link DeployRequest} and {@link DeployRollbackRequest}; its defaults and checks are written here only.
 *
 * @param batch hosts per batch: a count ({@code "2"}) or a percentage of all hosts ({@code "25%"}); default
 *     {@value Checks#DEFAULT_BATCH}
 * @param parallelism at most this many hosts of a batch are worked on at once; null is the default of the machine the
 *     engine runs on ({@link #workers()}: 8 per core, 8..32); the others of the batch wait for a free worker, so
 *     threads and buffers stay bounded however large the fleet
 * @param lock per-host lock settings
 * @param traffic optional load balancer: each host leaves rotation and drains before its switch and rejoins only
 *     when the balancer reports it healthy (see {@code docs/zero-downtime.md})
 * @param dryRun connect, check trust, permissions and tools, print the plan, change nothing
 * @param report where the HTML report goes, relative to the working directory (default {@value #DEFAULT_REPORT});
 *     {@code slipway.css} is written beside it
 */
public record Rollout(String batch, Integer parallelism, LockSettings lock, TrafficSettings traffic, Boolean dryRun,
        String report) {

    /** The HTML report's default place. */
    public static final String DEFAULT_REPORT = "slipway/deploy/index.html";

    public Rollout {
        batch = Checks.batch(batch);
        if (parallelism != null && (parallelism < 1 || parallelism > 1000)) {
            throw new IllegalArgumentException("parallelism must be 1..1000 hosts worked on at once, was " + parallelism);
        }
        lock = lock == null ? new LockSettings(null) : lock;
        dryRun = Boolean.TRUE.equals(dryRun);
        report = checkReport(report);
    }

    /** A rollout with every default: one host at a time, no balancer. */
    public static Rollout defaults() {
        return new Rollout(null, null, null, null, null, null);
    }

    /** How many hosts are worked on at once: {@code parallelism}, else the default of the machine this runs on. */
    public int workers() {
        return parallelism != null ? parallelism : defaultParallelism();
    }

    /** The default worker count: SSH work waits on the network far more than it computes. */
    public static int defaultParallelism() {
        return Math.max(8, Math.min(32, 8 * Runtime.getRuntime().availableProcessors()));
    }

    /** How many of {@code hostCount} hosts one batch holds. */
    public int batchSize(int hostCount) {
        return Checks.batchSize(batch, hostCount);
    }

    /** The report's path: an {@code .html} file name, default {@value #DEFAULT_REPORT}. */
    public static String checkReport(String report) {
        if (report == null || report.isBlank()) {
            return DEFAULT_REPORT;
        }
        if (!report.endsWith(".html") && !report.endsWith(".htm")) {
            throw new IllegalArgumentException("report must name an .html file relative to the working directory "
                    + "(e.g. 'slipway/deploy/index.html'), was '" + report + "'");
        }
        return report;
    }
}
