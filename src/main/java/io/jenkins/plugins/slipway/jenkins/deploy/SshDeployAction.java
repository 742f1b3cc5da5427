package io.jenkins.plugins.slipway.jenkins.deploy;

import io.jenkins.plugins.slipway.jenkins.SlipwayRunAction;
import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.StageAction;
import io.jenkins.plugins.slipway.request.deploy.DeployReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One {@code sshDeploy} of a build: the release and, per host, where it was, where it is now and why. */
public final class SshDeployAction extends StageAction {
    private final String operation;
    private final String releaseId;
    private final boolean dryRun;
    private final List<HostRow> hosts;

    /** One host's line. A plain class with concrete fields so the build record can be read back. */
    public static final class HostRow {
        private final String name;
        private final String address;
        private final String previousRelease;
        private final String currentRelease;
        private final String outcome;
        private final String message;
        private final long uploadMillis;
        private final long healthMillis;
        private final long totalMillis;
        // the load balancer (absent in builds without traffic control, and in older build records)
        private String server;
        private long leftAt;
        private long drainMillis;
        private int openAtStart = -1;
        private long rejoinedAt;
        private long healthyAt;
        private String outOfRotation;

        public HostRow(String name, String address, String previousRelease, String currentRelease, String outcome,
                String message, long uploadMillis, long healthMillis, long totalMillis) {
            this.name = name;
            this.address = address;
            this.previousRelease = previousRelease;
            this.currentRelease = currentRelease;
            this.outcome = outcome;
            this.message = message;
            this.uploadMillis = uploadMillis;
            this.healthMillis = healthMillis;
            this.totalMillis = totalMillis;
        }

        public String getName() {
            return name;
        }

        public String getAddress() {
            return address;
        }

        public String getPreviousRelease() {
            return previousRelease == null ? "-" : previousRelease;
        }

        public String getCurrentRelease() {
            return currentRelease == null ? "-" : currentRelease;
        }

        public String getOutcome() {
            return outcome;
        }

        public String getMessage() {
            return message == null ? "" : message;
        }

        public String getUpload() {
            return seconds(uploadMillis);
        }

        public String getHealth() {
            return seconds(healthMillis);
        }

        public String getTotal() {
            return seconds(totalMillis);
        }

        /** The row with the load balancer's times (epoch milliseconds, 0 when it did not happen). */
        HostRow rotation(String balancerServer, long left, long drain, int open, long rejoined, long healthy, String leftOut) {
            this.server = balancerServer;
            this.leftAt = left;
            this.drainMillis = drain;
            this.openAtStart = open;
            this.rejoinedAt = rejoined;
            this.healthyAt = healthy;
            this.outOfRotation = leftOut;
            return this;
        }

        /** Whether the deploy took this host out of a load balancer. */
        public boolean isRotated() {
            return server != null || leftAt > 0 || outOfRotation != null;
        }

        public String getServer() {
            return server == null ? "-" : server;
        }

        public String getLeftRotation() {
            return clock(leftAt);
        }

        public String getDrained() {
            return leftAt <= 0 ? "-" : String.format("%.1f s", drainMillis / 1000.0);
        }

        public String getInFlight() {
            return openAtStart < 0 ? "-" : String.valueOf(openAtStart);
        }

        public String getRejoined() {
            return clock(rejoinedAt);
        }

        public String getHealthyInBalancer() {
            return clock(healthyAt);
        }

        public String getRotationNote() {
            return outOfRotation == null ? (healthyAt > 0 ? "in rotation" : "") : outOfRotation;
        }

        private static String clock(long epochMillis) {
            return epochMillis <= 0 ? "-" : java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(epochMillis));
        }

        private static String seconds(long millis) {
            return millis <= 0 ? "-" : String.format("%.1f s", millis / 1000.0);
        }
    }

    SshDeployAction(String operation, String releaseId, String status, String summary, boolean dryRun, int index, List<HostRow> hosts) {
        super(SshDeployStep.STEP, status, summary, index);
        this.operation = operation;
        this.releaseId = releaseId;
        this.dryRun = dryRun;
        this.hosts = new ArrayList<>(hosts);
    }

    /** Adds the action for one engine result ({@code deploy} or {@code deploy-rollback}) to the build. */
    static synchronized void addTo(Run<?, ?> run, DeployReply result, int index) {
        List<HostRow> rows = new ArrayList<>();
        for (DeployReply.Host h : result.hostList()) {
            HostRow row = new HostRow(h.name(), h.address(), h.previousRelease(), h.currentRelease(), h.outcome(),
                    h.message(), h.phase("upload"), h.phase("health"), h.totalMillis());
            DeployReply.Rotation r = h.rotation();
            if (r != null) {
                row.rotation(r.server(), r.leftAt(), r.drainMillis(), r.openAtStart() == null ? -1 : r.openAtStart(),
                        r.rejoinedAt(), r.healthyAt(), r.outOfRotation());
            }
            rows.add(row);
        }
        run.addAction(new SshDeployAction(result.operation(), result.releaseId(), result.outcome(), result.summary(),
                result.dryRun(), index, rows));
    }

    public String getOperation() {
        return operation;
    }

    public String getReleaseId() {
        return releaseId;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public List<HostRow> getHosts() {
        return Collections.unmodifiableList(hosts);
    }

    /** Whether any host was taken out of a load balancer (the page then shows the rotation table). */
    public boolean isRotated() {
        return hosts.stream().anyMatch(HostRow::isRotated);
    }

    /** The deploy's archived HTML report (relative to the build's {@code artifact/}), or null. */
    public String getReport() {
        return SlipwayRunAction.reportOf(getRun(), SshDeployStep.STEP, getIndex());
    }

    @Override
    protected String title() {
        return (dryRun ? "Deploy plan " : "rollback".equals(operation) ? "Rollback to " : "Deploy ") + releaseId;
    }

    @Override
    protected String icon() {
        return "symbol-cloud-upload-outline plugin-ionicons-api";
    }
}
