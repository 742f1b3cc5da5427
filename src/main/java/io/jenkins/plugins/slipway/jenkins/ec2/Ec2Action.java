package io.jenkins.plugins.slipway.jenkins.ec2;

import hudson.model.Run;
import io.jenkins.plugins.slipway.jenkins.SlipwayRunAction;
import io.jenkins.plugins.slipway.jenkins.StageAction;
import io.jenkins.plugins.slipway.request.ec2.Ec2Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One {@code ec2Launch} or {@code ec2Terminate} of a build: the plan, which instances were launched, kept (reused)
 * and terminated, and the fleet's hosts as the engine gave them back (name, address, host-key fingerprints).
 */
public final class Ec2Action extends StageAction {
    private final String step;
    private final String action;
    private final String fleet;
    private final String region;
    private final String ami;
    private final boolean dryRun;
    private final List<String> plan;
    private final List<String> launched;
    private final List<String> reused;
    private final List<String> terminated;
    private final List<HostRow> hosts;

    /** One host's line. A plain class with concrete fields so the build record can be read back. */
    public static final class HostRow {
        private final String name;
        private final String address;
        private final String user;
        private final String instanceId;
        private final String state;
        private final String zone;
        private final String privateIp;
        private final String publicIp;
        private final boolean launched;
        private final List<String> fingerprints;

        public HostRow(String name, String address, String user, String instanceId, String state, String zone,
                String privateIp, String publicIp, boolean launched, List<String> fingerprints) {
            this.name = name;
            this.address = address;
            this.user = user;
            this.instanceId = instanceId;
            this.state = state;
            this.zone = zone;
            this.privateIp = privateIp;
            this.publicIp = publicIp;
            this.launched = launched;
            this.fingerprints = new ArrayList<>(fingerprints);
        }

        public String getName() {
            return name;
        }

        /** {@code host:port} as {@code sshDeploy} reaches it. */
        public String getAddress() {
            return address;
        }

        public String getUser() {
            return dash(user);
        }

        public String getInstanceId() {
            return dash(instanceId);
        }

        public String getState() {
            return dash(state);
        }

        public String getZone() {
            return dash(zone);
        }

        public String getPrivateIp() {
            return dash(privateIp);
        }

        public String getPublicIp() {
            return dash(publicIp);
        }

        /** Whether this call launched the instance (else it was already running and kept). */
        public boolean isLaunched() {
            return launched;
        }

        public List<String> getFingerprints() {
            return Collections.unmodifiableList(fingerprints);
        }
    }

    Ec2Action(String step, String action, String status, String summary, int index, String fleet, String region,
            String ami, boolean dryRun, List<String> plan, List<String> launched, List<String> reused,
            List<String> terminated, List<HostRow> hosts) {
        super(step, status, summary, index);
        this.step = step;
        this.action = action;
        this.fleet = fleet;
        this.region = region;
        this.ami = ami;
        this.dryRun = dryRun;
        this.plan = new ArrayList<>(plan);
        this.launched = new ArrayList<>(launched);
        this.reused = new ArrayList<>(reused);
        this.terminated = new ArrayList<>(terminated);
        this.hosts = new ArrayList<>(hosts);
    }

    /** Adds the page of the {@code index}-th call of {@code step} for its engine result to the build. */
    static synchronized void addTo(Run<?, ?> run, String step, String status, String summary, Ec2Reply result,
            int index) {
        run.addAction(of(step, status, summary, result, index));
    }

    /** The page of one engine result ({@code ec2-launch} or {@code ec2-terminate}). */
    static Ec2Action of(String step, String status, String summary, Ec2Reply result, int index) {
        List<HostRow> rows = new ArrayList<>();
        for (Ec2Reply.Host h : orNone(result.hosts())) {
            String address = h.host() == null ? "-" : h.port() == null ? h.host() : h.host() + ":" + h.port();
            rows.add(new HostRow(h.name(), address, h.user(), h.instanceId(), h.state(), h.availabilityZone(),
                    h.privateIp(), h.publicIp(), h.launched(), orNone(h.hostKeyFingerprints())));
        }
        return new Ec2Action(step, result.action(), status, summary, index, result.fleet(), result.region(),
                result.ami(), result.dryRun(), orNone(result.plan()), orNone(result.launched()),
                orNone(result.reused()), orNone(result.terminated()), rows);
    }

    private static <T> List<T> orNone(List<T> list) {
        return list == null ? List.of() : list;
    }


    private static String dash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }


    /** {@code launch} or {@code terminate}. */
    public String getAction() {
        return action;
    }

    public String getFleet() {
        return fleet == null ? "all Slipway fleets" : fleet;
    }

    public String getRegion() {
        return dash(region);
    }

    public String getAmi() {
        return dash(ami);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public List<String> getPlan() {
        return Collections.unmodifiableList(plan);
    }

    public List<String> getLaunched() {
        return Collections.unmodifiableList(launched);
    }

    /** Instances that were already running for the fleet and were kept. */
    public List<String> getReused() {
        return Collections.unmodifiableList(reused);
    }

    public List<String> getTerminated() {
        return Collections.unmodifiableList(terminated);
    }

    /** {@code 2: i-…, i-…}: how many instances a list holds, and which. */
    public static String counted(List<String> ids) {
        return ids.isEmpty() ? "0" : ids.size() + ": " + String.join(", ", ids);
    }

    public List<HostRow> getHosts() {
        return Collections.unmodifiableList(hosts);
    }

    /** The call's archived HTML report (relative to the build's {@code artifact/}), or null. */
    public String getReport() {
        return SlipwayRunAction.reportOf(getRun(), step, getIndex());
    }

    @Override
    protected String title() {
        String name = fleet == null ? "all fleets" : fleet;
        return (dryRun ? "EC2 plan " : "terminate".equals(action) ? "EC2 terminate " : "EC2 fleet ") + name;
    }

    @Override
    protected String icon() {
        return "terminate".equals(action) ? "symbol-trash-outline plugin-ionicons-api" : "symbol-server-outline plugin-ionicons-api";
    }
}
