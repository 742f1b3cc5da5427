package io.jenkins.plugins.slipway.engine.deploy.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One load balancer as a deploy sees it: the deploy takes each host out of rotation, drains it, deploys it, puts it
 * back and waits until the balancer itself reports it healthy before the next batch starts.
 *
 * <p>The deploy calls, in this order:
 * <ol>
 * <li>{@link #preflight} once, before any host is touched. It <b>checks everything and changes nothing</b>: the balancer
 *     answers, every host is known to it (or can be mapped to one of its servers/targets), the credentials allow
 *     every call the deploy will make (a read-only or a dry-run call). Any problem is a {@link TrafficException}
 *     of kind {@code BAD_INPUT} (a parameter is wrong: name it and say what to give) or {@code ENVIRONMENT} (the
 *     balancer cannot be reached or refuses), and the deploy stops with nothing changed.</li>
 * <li>{@link #inService} before each batch, to keep {@code minHealthyPercent} of the balancer's targets in service.</li>
 * <li>Per host: {@link #takeOut}, {@link #drain}, (the deploy switches the host), {@link #putBack},
 *     {@link #awaitHealthy}. {@link #putBack} is only called when the release the host now runs (new, or the one it
 *     was switched back to) passed its health check; otherwise the host stays out and the deploy reports
 *     {@link #returnCommand}.</li>
 * <li>{@link #close} at the end (also after a failure or an abort).</li>
 * </ol>
 *
 * <p>Implementations: HAProxy's runtime API ({@code HaproxyTrafficControl}), commands run by the deploy
 * ({@code HookTrafficControl}); AWS ELBv2 target groups are built by {@link TrafficControls} from the same settings.
 * An AWS implementation maps the calls as: takeOut = DeregisterTargets; drain = wait for the target state
 * {@code unused} (it is {@code draining} during the target group's deregistration delay; in-flight counts are not
 * known there: report -1); putBack = RegisterTargets; awaitHealthy = wait for {@code healthy} (through
 * {@code initial}; {@code unhealthy} after its health checks is a failure with the reason code); inService counts
 * {@code healthy} targets.
 *
 * <p>Methods are called from several deploy workers at once (one per host of a batch): implementations are
 * thread-safe. All waits honour interrupts (an aborted deploy): they throw {@link InterruptedException} promptly.
 */
public interface TrafficControl extends AutoCloseable {

    /** One deploy host as the balancer knows it. */
    record Target(String name, String host, int port, String server) {
        /**
         * @param name the deploy's name for the host
         * @param host its DNS name or IP address (as the deploy reaches it over SSH)
         * @param port its SSH port
         * @param server the balancer's name/id for it when given explicitly ({@code traffic.servers}: HAProxy server
         *     name, instance id or IP of a target), or null: the implementation maps the host by address
         */
        public Target {
            if (name == null || host == null) {
                throw new IllegalArgumentException("a traffic target needs a name and a host");
            }
        }
    }

    /**
     * What the preflight found.
     *
     * @param servers per deploy host name, the balancer's name for it (e.g. {@code app/web2}, an instance id)
     * @param inService the balancer's view before anything changed
     * @param notes lines for the log (e.g. the deregistration delay, the check interval)
     */
    record Preflight(Map<String, String> servers, InService inService, List<String> notes) {
        public Preflight {
            servers = Map.copyOf(servers);
            notes = List.copyOf(notes);
        }
    }

    /**
     * The balancer's targets now.
     *
     * @param healthy targets in service and reported healthy
     * @param total all targets of the balancer (the deploy's hosts and any others)
     * @param healthyHosts names (deploy host names when mapped, else the balancer's) of the healthy targets
     */
    record InService(int healthy, int total, List<String> healthyHosts) {
        public InService {
            healthyHosts = List.copyOf(healthyHosts);
        }
    }

    /**
     * How a drain went.
     *
     * @param millis how long the drain waited
     * @param openAtStart in-flight requests/connections when it began (-1: the balancer does not say)
     * @param openAtEnd in-flight when it ended (0 unless the timeout hit; -1: unknown)
     * @param timedOut whether the drain timeout ended the wait
     */
    record Drain(long millis, int openAtStart, int openAtEnd, boolean timedOut) {
    }

    /** A short description for the log, e.g. {@code HAProxy backend app at 127.0.0.1:9999}. */
    String describe();

    /** Checks everything before any host is touched; changes nothing. */
    Preflight preflight(List<Target> targets) throws TrafficException, InterruptedException;

    /** How many of the balancer's targets are in service now. */
    InService inService() throws TrafficException, InterruptedException;

    /** Tells the balancer to send no new requests to the host (in-flight ones finish). */
    void takeOut(Target target) throws TrafficException, InterruptedException;

    /** Waits until the balancer reports no in-flight requests for the host, at most {@code timeout}. */
    Drain drain(Target target, Duration timeout) throws TrafficException, InterruptedException;

    /** Puts the host back in rotation (the balancer starts health checking it). */
    void putBack(Target target) throws TrafficException, InterruptedException;

    /**
     * Waits until the balancer itself reports the host healthy, at most {@code timeout}; returns how long it took.
     * Throws (saying the last state seen) when the timeout passes or the balancer marks it failed.
     */
    long awaitHealthy(Target target, Duration timeout) throws TrafficException, InterruptedException;

    /** The exact command a human runs to put a host left out of rotation back (one line, ready to paste). */
    String returnCommand(Target target);

    /** Releases connections; never throws. */
    @Override
    void close();
}
