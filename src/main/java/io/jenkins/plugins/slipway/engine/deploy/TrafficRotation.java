package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostReport;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.Rotation;
import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficControl;
import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficControl.Target;
import io.jenkins.plugins.slipway.engine.deploy.traffic.TrafficException;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One host's work between its load balancer's calls: out of rotation, drain, the work (deploy, or a switch back),
 * then back in rotation only when the release the host runs now passes its health check, and a wait until the
 * balancer reports it healthy. A host the deploy cannot return is reported "out of rotation: why; to return it:
 * command". Never throws; an interrupt (abort) still brings a healthy host back, then stays set.
 */
final class TrafficRotation {

    private final TrafficControl control;
    private final TrafficSettings settings;
    private final Map<String, Target> targets;
    private final Map<String, String> servers;

    TrafficRotation(TrafficControl control, TrafficSettings settings, Map<String, Target> targets, Map<String, String> servers) {
        this.control = control;
        this.settings = settings;
        this.targets = targets;
        this.servers = servers;
    }

    /**
     * Runs {@code work} on {@code host} while it is out of rotation. {@code healthNow} runs the health check against
     * the release the host runs now (null: passes); {@code revert} switches a host the balancer keeps reporting
     * unhealthy back to its previous release.
     */
    HostReport around(DeployHost host, Log log, Supplier<HostReport> work, Supplier<String> healthNow,
            Function<HostReport, HostReport> revert) {
        Target t = targets.get(host.name());
        Map<String, Long> phases = new LinkedHashMap<>();
        long start = System.nanoTime();
        long t0 = start;
        try {
            control.takeOut(t);
        } catch (TrafficException e) {
            log.error("cannot take it out of rotation: " + e.getMessage());
            phases.put("drain", millisSince(t0));
            String back = rejoinQuietly(t, log);
            Rotation r = new Rotation(control.describe(), servers.get(host.name()), 0, 0, -1, -1, back == null ? now() : 0, 0,
                    back == null ? null : outOfRotation(t, back));
            return new HostReport(host.name(), host.address(), null, null, null, HostOutcome.FAILED,
                    "not deployed: cannot take it out of rotation: " + e.getMessage() + (back == null ? "" : "; " + r.outOfRotation()),
                    phases, millisSince(start), r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String back = rejoinQuietly(t, log);
            return new HostReport(host.name(), host.address(), null, null, null, HostOutcome.SKIPPED, "not touched: the deploy was aborted"
                    + (back == null ? "" : "; " + outOfRotation(t, back)), phases, millisSince(start), null);
        }
        long leftAt = now();
        log.info("out of rotation (" + control.describe() + ")");
        TrafficControl.Drain drain;
        boolean aborted = false;
        try {
            drain = control.drain(t, Duration.ofSeconds(settings.drainTimeoutSeconds()));
        } catch (TrafficException e) {
            log.warn("cannot watch the drain: " + e.getMessage() + "; going on after the drain timeout");
            drain = new TrafficControl.Drain(millisSince(t0), -1, -1, true);
        } catch (InterruptedException e) {
            aborted = true;
            drain = new TrafficControl.Drain(millisSince(t0), -1, -1, true);
        }
        phases.put("drain", millisSince(t0));
        if (drain.timedOut() && drain.openAtEnd() > 0) {
            log.warn("drained " + drain.millis() + " ms: " + drain.openAtEnd() + " request(s) still in flight after traffic.drainTimeoutSeconds="
                    + settings.drainTimeoutSeconds() + "; going on");
        } else {
            log.info("drained in " + drain.millis() + " ms" + (drain.openAtStart() >= 0 ? " (" + drain.openAtStart() + " in flight at the start)" : ""));
        }
        HostReport report = aborted
                ? new HostReport(host.name(), host.address(), null, null, null, HostOutcome.SKIPPED, "not touched: the deploy was aborted while draining",
                        Map.of(), 0)
                : work.get();
        boolean interrupted = aborted | Thread.interrupted();
        try {
            Rotation rotation = new Rotation(control.describe(), servers.get(host.name()), leftAt, drain.millis(), drain.openAtStart(),
                    drain.openAtEnd(), 0, 0, null);
            return rejoin(host, t, log, report, rotation, phases, start, healthNow, revert, true);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private HostReport rejoin(DeployHost host, Target t, Log log, HostReport report, Rotation rotation, Map<String, Long> before, long start,
            Supplier<String> healthNow, Function<HostReport, HostReport> revert, boolean mayRevert) {
        Map<String, Long> phases = new LinkedHashMap<>(before);
        report.phaseMillis().forEach((k, v) -> phases.merge(k, v, Long::sum));
        String leftOut = null;
        HostOutcome o = report.outcome();
        if (o == HostOutcome.ROLLBACK_FAILED) {
            leftOut = "switching back failed, so what it runs is not known to be healthy";
        } else if (HostDeployer.UNREACHABLE.equals(report.currentRelease())) {
            leftOut = "the host is unreachable";
        } else if (o != HostOutcome.DEPLOYED && o != HostOutcome.UNCHANGED && o != HostOutcome.SWITCHED) {
            // it failed (and was switched back) or was not touched: the release it runs now must pass the health check
            long h0 = System.nanoTime();
            String failure = healthNow.get();
            phases.merge("health", millisSince(h0), Long::sum);
            if (failure != null) {
                leftOut = "the release it runs now (" + (report.currentRelease() == null ? "no release" : report.currentRelease())
                        + ") fails its health check: " + failure;
            }
        }
        if (leftOut != null) {
            String text = outOfRotation(t, leftOut);
            log.error(text);
            return finish(report, rotation, phases, start, text);
        }
        long r0 = System.nanoTime();
        long rejoinedAt = 0;
        long healthyAt = 0;
        String failed = null;
        try {
            control.putBack(t);
            rejoinedAt = now();
            long waited = control.awaitHealthy(t, Duration.ofSeconds(settings.healthyTimeoutSeconds()));
            healthyAt = now();
            log.info("back in rotation; the balancer reports it healthy after " + waited + " ms");
        } catch (TrafficException e) {
            failed = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = "the wait for the balancer was interrupted";
        }
        phases.merge("rejoin", millisSince(r0), Long::sum);
        Rotation now = new Rotation(rotation.balancer(), rotation.server(), rotation.leftAt(), rotation.drainMillis(), rotation.openAtStart(),
                rotation.openAtEnd(), rejoinedAt, healthyAt, null);
        if (failed == null) {
            return finish(report, now, phases, start, null);
        }
        // in rotation, but the balancer does not see it healthy: out again
        boolean wasInterrupted = Thread.interrupted();
        try {
            try {
                control.takeOut(t);
            } catch (TrafficException | InterruptedException e) {
                wasInterrupted |= e instanceof InterruptedException;
                log.warn("cannot take it out of rotation again: " + e.getMessage());
            }
            if (mayRevert && !wasInterrupted && report.outcome() == HostOutcome.DEPLOYED) {
                String why = "the balancer did not report it healthy: " + failed;
                log.error(why + "; switching it back");
                HostReport reverted = revert.apply(report.with(HostOutcome.DEPLOYED, report.currentRelease(), why));
                Map<String, Long> revertPhases = new LinkedHashMap<>(phases);
                reverted.phaseMillis().forEach((k, v) -> revertPhases.merge(k, v, Long::sum));
                HostReport merged = reverted.withRotation(now, Map.of(), 0, reverted.message());
                return rejoin(host, t, log, merged, now, revertPhases, start, healthNow, revert, false);
            }
            String text = outOfRotation(t, "the balancer did not report it healthy: " + failed);
            log.error(text);
            HostOutcome outcome = report.outcome() == HostOutcome.DEPLOYED || report.outcome() == HostOutcome.UNCHANGED
                    ? HostOutcome.FAILED : report.outcome();
            return finish(report.with(outcome, report.currentRelease(), report.message()), now, phases, start, text);
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static HostReport finish(HostReport report, Rotation rotation, Map<String, Long> phases, long start, String leftOut) {
        Rotation r = leftOut == null ? rotation : new Rotation(rotation.balancer(), rotation.server(), rotation.leftAt(), rotation.drainMillis(),
                rotation.openAtStart(), rotation.openAtEnd(), rotation.rejoinedAt(), rotation.healthyAt(), leftOut);
        String message = leftOut == null ? report.message() : report.message() == null ? leftOut : report.message() + "; " + leftOut;
        return report.withRotation(r, java.util.Collections.unmodifiableMap(phases), millisSince(start), message);
    }

    /** Puts a host back whose take-out failed half-way; returns null when done, else why not. */
    private String rejoinQuietly(Target t, Log log) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            control.putBack(t);
            return null;
        } catch (TrafficException e) {
            log.warn("cannot put it back in rotation: " + e.getMessage());
            return "putting it back failed: " + e.getMessage();
        } catch (InterruptedException e) {
            wasInterrupted = true;
            return "putting it back was interrupted";
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String outOfRotation(Target t, String why) {
        return "out of rotation: " + why + "; to return it: " + control.returnCommand(t);
    }

    /** Hosts the balancer reports healthy among {@code batch}. */
    static long healthyIn(List<DeployHost> batch, TrafficControl.InService now) {
        return batch.stream().filter(h -> now.healthyHosts().contains(h.name())).count();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
