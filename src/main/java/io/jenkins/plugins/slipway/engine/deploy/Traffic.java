package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficControl;
import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficControl.Target;
import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficControls;
import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficException;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load balancer of one deploy: built and preflighted before any host is touched (a problem stops the deploy with
 * nothing changed), asked before each batch whether enough targets stay in service, closed at the end.
 */
final class Traffic implements AutoCloseable {

    final TrafficRotation rotation;
    private final TrafficControl control;
    private final TrafficSsh ssh;
    private final TrafficSettings settings;
    private final Log log;

    private Traffic(TrafficControl control, TrafficSsh ssh, TrafficSettings settings, TrafficRotation rotation, Log log) {
        this.control = control;
        this.ssh = ssh;
        this.settings = settings;
        this.rotation = rotation;
        this.log = log;
    }

    /** The balancer of a deploy or a rollback of {@code hosts}, preflighted; null when the rollout has no {@code traffic}. */
    static Traffic open(TrafficSettings settings, List<DeployHost> hosts, String user, RemoteHost.Connector connector, TaskContext context,
            List<List<DeployHost>> batches) throws DeployException, InterruptedException {
        if (settings == null) {
            return null;
        }
        Log log = context.log();
        Map<String, Target> targets = new LinkedHashMap<>();
        for (DeployHost h : hosts) {
            targets.put(h.name(), new Target(h.name(), h.host(), h.port(), settings.servers().get(h.name())));
        }
        for (String named : settings.servers().keySet()) {
            if (!targets.containsKey(named)) {
                throw new DeployException(Kind.BAD_INPUT, "traffic.servers names '" + named + "', which is not one of the deploy's hosts "
                        + targets.keySet() + "; map each host by its name (or its address when it has no name)");
            }
        }
        TrafficSsh ssh = new TrafficSsh(hosts, user, connector);
        TrafficControl control = null;
        boolean ok = false;
        try {
            if (settings.haproxy() != null && settings.haproxy().sshHost() != null) {
                try {
                    ssh.resolve(settings.haproxy().sshHost());
                } catch (IllegalArgumentException e) {
                    throw new DeployException(Kind.BAD_INPUT, "traffic.haproxy.sshHost: " + e.getMessage(), e);
                }
            }
            control = TrafficControls.create(settings, new TrafficControls.Context(log, context.secrets(), context.workDir(), ssh));
            log.info("traffic control: " + control.describe() + "; preflight (nothing is changed)");
            TrafficControl.Preflight preflight = control.preflight(List.copyOf(targets.values()));
            preflight.notes().forEach(n -> log.info("traffic: " + n));
            log.info("traffic: hosts -> servers " + preflight.servers());
            // the batch that takes the most healthy targets out (hosts the balancer already counts out change nothing)
            TrafficControl.InService now = preflight.inService();
            long largest = batches.stream().mapToLong(b -> TrafficRotation.healthyIn(b, now)).max().orElse(0);
            long left = now.healthy() - largest;
            if (left * 100L < (long) settings.minHealthyPercent() * now.total()) {
                throw new DeployException(Kind.BAD_INPUT, "traffic.minHealthyPercent: taking a batch of " + largest + " healthy host(s) out of "
                        + control.describe() + " would leave " + Math.max(0, left) + " of its " + now.total() + " targets in service ("
                        + now.healthy() + " healthy now), fewer than traffic.minHealthyPercent=" + settings.minHealthyPercent()
                        + "%. Deploy in smaller batches (batch), bring unhealthy targets back, or lower traffic.minHealthyPercent."
                        + " Nothing was changed.");
            }
            Traffic traffic = new Traffic(control, ssh, settings, new TrafficRotation(control, settings, targets, preflight.servers()), log);
            ok = true;
            return traffic;
        } catch (TrafficException e) {
            throw new DeployException(e.kind(), e.getMessage() + " (preflight: nothing was changed)", e);
        } finally {
            if (!ok) {
                if (control != null) {
                    control.close();
                }
                ssh.close();
            }
        }
    }

    /** Why the batch must not start (too few targets would stay in service), or null. */
    String tooFewInService(List<DeployHost> batch, boolean first) {
        if (first) {
            return null; // checked by the preflight
        }
        try {
            TrafficControl.InService now = control.inService();
            long out = TrafficRotation.healthyIn(batch, now);
            long left = now.healthy() - out;
            if (left * 100L < (long) settings.minHealthyPercent() * now.total()) {
                return "taking " + batch.size() + " host(s) out would leave " + left + " of " + now.total() + " targets of " + control.describe()
                        + " in service, fewer than traffic.minHealthyPercent=" + settings.minHealthyPercent() + "%";
            }
            return null;
        } catch (TrafficException e) {
            return "cannot ask the balancer how many targets are in service: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "aborted";
        }
    }

    @Override
    public void close() {
        control.close();
        ssh.close();
    }
}
