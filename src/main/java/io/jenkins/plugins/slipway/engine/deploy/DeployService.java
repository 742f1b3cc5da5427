package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostReport;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import io.jenkins.plugins.slipway.request.deploy.Rollout;
import io.jenkins.plugins.slipway.request.deploy.SshTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * Rolls a release out over SSH: batches of hosts in parallel, each host through {@link HostDeployer}; a failure
 * budget stops the rollout and rolls back the batch in flight (and, on request, every host of the run); an abort
 * (thread interrupt) does the same and then rethrows.
 */
public final class DeployService {

    /** Secret names. */
    public static final String PRIVATE_KEY = "sshPrivateKey";
    public static final String PASSPHRASE = "sshPassphrase";
    public static final String PASSWORD = "sshPassword";

    private final SshjConnector.Resolver resolver;
    private final HostDeployer.Upload upload;

    public DeployService() {
        this(SshjConnector.Resolver.SYSTEM, HostDeployer.Upload.STREAM);
    }

    /** A service with another name resolver (tests) or upload method (the benchmark compares them). */
    DeployService(SshjConnector.Resolver resolver, HostDeployer.Upload upload) {
        this.resolver = resolver;
        this.upload = upload;
    }

    /** Deploys {@code request.artifact()} as release {@code request.releaseId()}. */
    public DeployResult deploy(DeployRequest given, TaskContext context) throws DeployException, InterruptedException {
        Log log = context.log();
        DeployRequest request;
        try {
            request = given.withTarget(HostsFile.expand(given.target(), context));
        } catch (IllegalArgumentException e) {
            throw new DeployException(Kind.BAD_INPUT, "Parameters of 'deploy': " + e.getMessage(), e);
        }
        SshTarget target = request.target();
        Rollout rollout = request.rollout();
        List<DeployHost> hosts = target.hosts();
        SshjConnector.Credentials credentials = credentials(context.secrets());
        LocalArtifact artifact = LocalArtifact.prepare(input(request.artifact(), "artifact", context), context.workDir());
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("artifact-prepared");
        if (!rollout.dryRun()) {
            SshjConnector.warmUpCipher(artifact.size() * hosts.size());
        }
        try (RemoteHost.Connector connector = connector(SshSettings.of(target), credentials, context)) {
            HostDeployer.Plan plan = new HostDeployer.Plan(request.releaseId(), request.commit(), who(request.deployedBy()),
                    target.baseDir(), artifact, request.beforeSwitch(), request.afterSwitch(), request.keepReleases(),
                    new HealthChecker(request.healthCheck()), rollout.lock().breakStaleLockAfterMinutes(),
                    Duration.ofSeconds(target.commandTimeoutSeconds()), upload);
            int workers = rollout.workers();
            List<List<DeployHost>> batches = batches(hosts, rollout.dryRun() ? hosts.size() : rollout.batchSize(hosts.size()));
            log.info(String.format(java.util.Locale.ROOT, "%s release %s (%s, %.1f MB) to %d host(s) in %d batch(es), %d at once; %s",
                    rollout.dryRun() ? "DRY RUN: would deploy" : "deploying", request.releaseId(), artifact.fileName(),
                    artifact.size() / 1e6, hosts.size(), batches.size(), Math.min(workers, hosts.size()), budget(request)));
            Map<String, HostReport> reports = skipped(hosts, "not reached");
            boolean exceeded = false;
            try (Traffic traffic = Traffic.open(rollout.traffic(), hosts, target.user(), connector, context, batches)) {
                rotation = traffic == null ? null : traffic.rotation;
                rotationBatch = rollout.batchSize(hosts.size());
                for (int i = 0; i < batches.size() && !exceeded; i++) {
                    List<DeployHost> batch = batches.get(i);
                    log.info("batch " + (i + 1) + "/" + batches.size() + ": " + batch.stream().map(DeployHost::name).toList());
                    if (traffic != null && !rollout.dryRun()) {
                        String refused = traffic.tooFewInService(batch, i == 0);
                        if (refused != null) {
                            exceeded = true;
                            log.error(refused + ": stopping");
                            markSkipped(reports, "not touched: " + refused);
                            break;
                        }
                    }
                    List<HostReport> done;
                    try {
                        done = parallel(batch, workers, h -> {
                            HostDeployer d = new HostDeployer(h, plan, connector, hostLog(log, h));
                            if (rollout.dryRun() || rotation == null) {
                                return rollout.dryRun() ? d.check() : d.deploy();
                            }
                            return rotation.around(h, hostLog(log, h), d::deploy,
                                    () -> new HostDeployer(h, plan, connector, hostLog(log, h)).healthBeforeRejoin(),
                                    r -> new HostDeployer(h, plan, connector, hostLog(log, h)).revert(r, r.message()));
                        });
                    } catch (Aborted aborted) {
                        aborted.reports.forEach(r -> reports.put(r.name(), r));
                        revertDeployed(aborted.reports, workers, plan, connector, log, reports, "aborted");
                        markSkipped(reports, "not touched: the deploy was aborted");
                        log.error("deploy ABORTED; every host is on the release shown:\n" + DeployResult.table(List.copyOf(reports.values())));
                        throw new InterruptedException("deploy aborted");
                    }
                    done.forEach(r -> reports.put(r.name(), r));
                    if (!rollout.dryRun() && budgetExceeded(request, reports.values())) {
                        exceeded = true;
                        long failed = reports.values().stream().filter(r -> r.outcome().failed()).count();
                        String why = "failure budget exceeded (" + failed + " of " + hosts.size() + " hosts failed; " + budget(request) + ")";
                        log.error(why + ": stopping and rolling back batch " + (i + 1)
                                + (request.rollbackAllOnFailure() ? " and every earlier batch" : ""));
                        List<HostReport> toRevert = request.rollbackAllOnFailure() ? List.copyOf(reports.values()) : done;
                        try {
                            revertDeployed(toRevert, workers, plan, connector, log, reports, why);
                        } catch (Aborted aborted) {
                            aborted.reports.forEach(r -> reports.put(r.name(), r));
                            throw new InterruptedException("deploy aborted while rolling back");
                        }
                        markSkipped(reports, "not touched: " + why);
                    }
                }
            }
            return DeployReport.write(result("deploy", request.releaseId(), rollout.dryRun(), exceeded,
                    List.copyOf(reports.values()), log), rollout.report(), context);
        } finally {
            artifact.cleanUp();
        }
    }

    /** Switches every host to {@code request.to()}, batch by batch; stops after a batch with a failure. */
    public DeployResult rollback(DeployRollbackRequest given, TaskContext context) throws DeployException, InterruptedException {
        Log log = context.log();
        DeployRollbackRequest request;
        try {
            request = given.withTarget(HostsFile.expand(given.target(), context));
        } catch (IllegalArgumentException e) {
            throw new DeployException(Kind.BAD_INPUT, "Parameters of 'deploy-rollback': " + e.getMessage(), e);
        }
        SshTarget target = request.target();
        Rollout rollout = request.rollout();
        List<DeployHost> hosts = target.hosts();
        SshjConnector.Credentials credentials = credentials(context.secrets());
        try (RemoteHost.Connector connector = connector(SshSettings.of(target), credentials, context)) {
            HostDeployer.Plan plan = new HostDeployer.Plan(request.to(), null, who(request.deployedBy()), target.baseDir(),
                    LocalArtifact.none(), List.of(), request.afterSwitch(), 1000, new HealthChecker(null),
                    rollout.lock().breakStaleLockAfterMinutes(), Duration.ofSeconds(target.commandTimeoutSeconds()), upload);
            List<List<DeployHost>> batches = batches(hosts, rollout.batchSize(hosts.size()));
            log.info((rollout.dryRun() ? "DRY RUN: would switch " : "switching ") + hosts.size() + " host(s) to release "
                    + request.to() + " in " + batches.size() + " batch(es)");
            Map<String, HostReport> reports = skipped(hosts, "not reached");
            boolean failed = false;
            try (Traffic traffic = Traffic.open(rollout.traffic(), hosts, target.user(), connector, context, batches)) {
                for (int i = 0; i < batches.size() && !failed; i++) {
                    if (traffic != null && !rollout.dryRun()) {
                        String refused = traffic.tooFewInService(batches.get(i), i == 0);
                        if (refused != null) {
                            failed = true;
                            log.error(refused + ": stopping");
                            markSkipped(reports, "not touched: " + refused);
                            break;
                        }
                    }
                    List<HostReport> done;
                    try {
                        done = parallel(batches.get(i), rollout.workers(), h -> {
                            HostDeployer d = new HostDeployer(h, plan, connector, hostLog(log, h));
                            if (rollout.dryRun() || traffic == null) {
                                return rollout.dryRun() ? d.check() : d.switchToRelease(request.to());
                            }
                            return traffic.rotation.around(h, hostLog(log, h), () -> d.switchToRelease(request.to()),
                                    () -> new HostDeployer(h, plan, connector, hostLog(log, h)).healthBeforeRejoin(), r -> r);
                        });
                    } catch (Aborted aborted) {
                        aborted.reports.forEach(r -> reports.put(r.name(), r));
                        markSkipped(reports, "not touched: the rollback was aborted");
                        log.error("rollback ABORTED:\n" + DeployResult.table(List.copyOf(reports.values())));
                        throw new InterruptedException("rollback aborted");
                    }
                    done.forEach(r -> reports.put(r.name(), r));
                    failed = done.stream().anyMatch(r -> r.outcome().failed());
                    if (failed) {
                        markSkipped(reports, "not touched: a host of batch " + (i + 1) + " failed");
                    }
                }
            }
            return DeployReport.write(result("rollback", request.to(), rollout.dryRun(), failed,
                    List.copyOf(reports.values()), log), rollout.report(), context);
        }
    }

    // ---------------------------------------------------------------- internals

    private static DeployResult result(String operation, String releaseId, boolean dryRun, boolean exceeded,
            List<HostReport> hosts, Log log) {
        long failed = hosts.stream().filter(r -> r.outcome().failed()).count();
        long ok = hosts.stream().filter(r -> !r.outcome().failed() && r.outcome() != HostOutcome.SKIPPED).count();
        Outcome outcome = exceeded ? Outcome.FAILED : failed > 0 ? Outcome.UNSTABLE : Outcome.PASSED;
        if (dryRun && failed > 0) {
            outcome = Outcome.FAILED;
        }
        String verb = dryRun ? "checked" : operation.equals("deploy") ? "deployed" : "switched";
        String summary = releaseId + ": " + ok + "/" + hosts.size() + " host(s) " + verb
                + (failed > 0 ? ", " + failed + " failed" : "") + (exceeded ? " (stopped: " + (operation.equals("deploy") ? "failure budget exceeded" : "a host failed") + ")" : "");
        String table = DeployResult.table(hosts);
        log.info(table.stripTrailing());
        return new DeployResult(operation, releaseId, dryRun, outcome, summary, exceeded, hosts, table);
    }

    static boolean budgetExceeded(DeployRequest request, java.util.Collection<HostReport> reports) {
        long failed = reports.stream().filter(r -> r.outcome().failed()).count();
        int total = request.target().hosts().size();
        if (request.minHealthyPercent() != null) {
            return (total - failed) * 100 < (long) request.minHealthyPercent() * total;
        }
        return failed > (request.maxFailedHosts() == null ? 0 : request.maxFailedHosts());
    }

    private static String budget(DeployRequest request) {
        return request.minHealthyPercent() != null ? "at least " + request.minHealthyPercent() + "% of hosts must succeed"
                : "at most " + (request.maxFailedHosts() == null ? 0 : request.maxFailedHosts()) + " host(s) may fail";
    }

    private void revertDeployed(List<HostReport> candidates, int workers, HostDeployer.Plan plan, RemoteHost.Connector connector, Log log,
            Map<String, HostReport> reports, String why) throws Aborted {
        List<HostReport> deployed = candidates.stream().filter(r -> r.outcome() == HostOutcome.DEPLOYED).toList();
        if (deployed.isEmpty()) {
            return;
        }
        Map<String, HostReport> byName = new LinkedHashMap<>();
        deployed.forEach(r -> byName.put(r.name(), r));
        List<DeployHost> hosts = new ArrayList<>();
        for (HostReport r : deployed) {
            hosts.add(hostsByName.get(r.name()));
        }
        boolean wasInterrupted = Thread.interrupted();
        try {
            TrafficRotation around = rotation;
            // behind a load balancer, never more hosts out of rotation at once than a batch
            List<HostReport> reverted = parallel(hosts, around == null ? workers : Math.min(workers, rotationBatch), h -> around == null
                    ? new HostDeployer(h, plan, connector, hostLog(log, h)).revert(byName.get(h.name()), why)
                    : around.around(h, hostLog(log, h), () -> new HostDeployer(h, plan, connector, hostLog(log, h)).revert(byName.get(h.name()), why),
                            () -> new HostDeployer(h, plan, connector, hostLog(log, h)).healthBeforeRejoin(), r -> r));
            reverted.forEach(r -> reports.put(r.name(), r));
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final Map<String, DeployHost> hostsByName = new java.util.concurrent.ConcurrentHashMap<>();

    /** The load balancer's side of the deploy in flight (null: no traffic control), and its batch size. */
    private volatile TrafficRotation rotation;
    private volatile int rotationBatch = 1;


    private Map<String, HostReport> skipped(List<DeployHost> hosts, String why) {
        Map<String, HostReport> reports = new LinkedHashMap<>();
        for (DeployHost h : hosts) {
            hostsByName.put(h.name(), h);
            reports.put(h.name(), new HostReport(h.name(), h.address(), null, null, null, HostOutcome.SKIPPED, why, Map.of(), 0));
        }
        return reports;
    }

    private static void markSkipped(Map<String, HostReport> reports, String why) {
        reports.replaceAll((name, r) -> r.outcome() == HostOutcome.SKIPPED ? r.with(HostOutcome.SKIPPED, null, why) : r);
    }

    /** Thrown by {@link #parallel} when the calling thread was interrupted; carries what the hosts reported. */
    private static final class Aborted extends InterruptedException {
        private static final long serialVersionUID = 1L;
        private final transient List<HostReport> reports;

        Aborted(List<HostReport> reports) {
            super("aborted");
            this.reports = reports;
        }
    }

    /**
     * Works on the hosts with at most {@code workers} threads and waits for all; a host waits for a free worker, so
     * threads, connections and buffers are bounded by {@code workers}, not by the fleet. When the caller is
     * interrupted, the running workers are interrupted (remote commands stop, hosts clean up), hosts not started
     * yet are not touched, and every report is still collected.
     */
    static List<HostReport> parallel(List<DeployHost> hosts, int workers, Function<DeployHost, HostReport> work) throws Aborted {
        HostReport[] results = new HostReport[hosts.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        int count = Math.max(1, Math.min(workers, hosts.size()));
        for (int w = 0; w < count; w++) {
            Thread t = new Thread(null, () -> {
                for (int index = next.getAndIncrement(); index < hosts.size() && !stop.get(); index = next.getAndIncrement()) {
                    DeployHost host = hosts.get(index);
                    Thread.currentThread().setName("deploy " + host.name());
                    try {
                        results[index] = work.apply(host);
                    } catch (RuntimeException | Error e) {
                        java.io.StringWriter trace = new java.io.StringWriter();
                        e.printStackTrace(new java.io.PrintWriter(trace));
                        results[index] = new HostReport(host.name(), host.address(), null, null, null, HostOutcome.FAILED,
                                "internal error: " + e + " (please report it with this trace: " + trace.toString().lines().limit(8).toList() + ")",
                                Map.of(), 0);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                }
            }, "deploy worker " + w, WORKER_STACK);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        boolean aborted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    if (!aborted) {
                        aborted = true;
                        stop.set(true);
                        threads.forEach(Thread::interrupt);
                    }
                }
            }
        }
        List<HostReport> reports = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            DeployHost h = hosts.get(i);
            reports.add(results[i] != null ? results[i] : aborted
                    ? new HostReport(h.name(), h.address(), null, null, null, HostOutcome.SKIPPED, "not touched: the run was aborted", Map.of(), 0)
                    : new HostReport(h.name(), h.address(), null, null, null, HostOutcome.FAILED, "the worker ended without a report", Map.of(), 0));
        }
        if (aborted) {
            throw new Aborted(reports);
        }
        return reports;
    }

    /** A worker's stack: deploy work is shallow (sshj, a few frames of ours); 512 KiB is plenty. */
    private static final long WORKER_STACK = 512 * 1024;

    static List<List<DeployHost>> batches(List<DeployHost> hosts, int size) {
        List<List<DeployHost>> batches = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i += size) {
            batches.add(List.copyOf(hosts.subList(i, Math.min(hosts.size(), i + size))));
        }
        return batches;
    }

    private static Log hostLog(Log log, DeployHost host) {
        return log.withPrefix("[" + host.name() + "] ");
    }

    private RemoteHost.Connector connector(SshSettings ssh, SshjConnector.Credentials credentials, TaskContext context)
            throws DeployException {
        if (ssh.insecure()) {
            context.log().warn("insecure is on: host keys are NOT verified. Anyone on the network path can impersonate a host"
                    + " and receive the artifact and the login. Pin hostKeyFingerprints or give knownHosts instead.");
        }
        Path knownHostsFile = knownHostsFile(ssh.knownHostsFile(), context);
        return new SshjConnector(ssh, new HostKeyTrust(ssh, knownHostsFile, context.log()), credentials, resolver);
    }

    /**
     * The user's known_hosts file: {@code ~/…} expanded, never a file in the workspace — a commit could pin its own
     * key for the production hosts there.
     */
    static Path knownHostsFile(String given, TaskContext context) throws DeployException {
        if (given == null || given.isBlank()) {
            return null;
        }
        Path file = context.resolve(io.jenkins.plugins.slipway.engine.core.TrustStore.expandHome(given.trim()));
        if (context.insideWorkspace(file)) {
            throw new DeployException(Kind.BAD_INPUT, "knownHostsFile: '" + given + "' is in the workspace, which "
                    + "the commit being built controls: a commit could pin its own key for your hosts there. Name a "
                    + "file outside the workspace (e.g. ~/.ssh/known_hosts, or leave knownHostsFile out: acceptNew then "
                    + "remembers keys in ~/.slipway/known_hosts), or, to trust that file on purpose, pass its text: "
                    + "knownHosts: readFile('" + given + "').");
        }
        return file;
    }

    static Path input(String path, String parameter, TaskContext context) throws DeployException {
        try {
            return context.input(path, parameter);
        } catch (io.jenkins.plugins.slipway.engine.core.SlipwayException e) {
            throw new DeployException(Kind.BAD_INPUT, e.getMessage(), e);
        }
    }

    static SshjConnector.Credentials credentials(Secrets secrets) throws DeployException {
        String key = secrets.get(PRIVATE_KEY).filter(s -> !s.isBlank()).orElse(null);
        String passphrase = secrets.get(PASSPHRASE).filter(s -> !s.isEmpty()).orElse(null);
        String password = secrets.get(PASSWORD).filter(s -> !s.isEmpty()).orElse(null);
        if (key == null && password == null) {
            throw new DeployException(Kind.BAD_INPUT, "No SSH credentials: provide the secret '" + PRIVATE_KEY + "' (a private key,"
                    + " with '" + PASSPHRASE + "' if it is encrypted) or '" + PASSWORD + "'. In Jenkins pick an SSH credential;"
                    + " on the command line use --key-file or SLIPWAY_SSH_PRIVATE_KEY / SLIPWAY_SSH_PASSWORD.");
        }
        if (key != null) {
            SshjConnector.useJdkCrypto();
            try {
                readKey(key, passphrase);
            } catch (IOException | RuntimeException e) {
                throw new DeployException(Kind.BAD_INPUT, "Cannot read the private key in '" + PRIVATE_KEY + "': "
                        + e.getMessage() + (passphrase == null ? ". If the key is encrypted, provide '" + PASSPHRASE + "'."
                        : ". Check '" + PASSPHRASE + "'."), e);
            }
        }
        return new SshjConnector.Credentials(key, passphrase, password);
    }

    private static void readKey(String key, String passphrase) throws IOException {
        try {
            readKeyOnce(key, passphrase);
        } catch (IOException | RuntimeException e) {
            if (!SshjConnector.addBouncyCastle()) {
                throw e;
            }
            readKeyOnce(key, passphrase); // a format only BouncyCastle reads: it stays registered for the connections
        }
    }

    /**
     * A cold engine JVM's deploy set up ahead ({@code EngineTask.WarmUp}), on its own thread while the request is
     * being bound: sshj's configuration and classes, the private key's format (an unencrypted key only: decrypting
     * one costs a key derivation on purpose) and the key exchange's and signatures' JDK crypto, each run once on
     * throw-away keys. The connection then runs code that is loaded, initialised and partly compiled. Nothing of it
     * is kept or shown; a failure here is the task's to meet again, with its own message.
     */
    public static void warmUp(TaskContext context) {
        String key = context.secrets().get(PRIVATE_KEY).filter(s -> !s.isBlank()).orElse(null);
        if (key != null && context.secrets().get(PASSPHRASE).filter(s -> !s.isEmpty()).isEmpty()) {
            try {
                readKeyOnce(key, null);
            } catch (IOException | RuntimeException e) {
                // the task reads it again and says what is wrong
            }
        }
        SshjConnector.warmUpHandshake();
    }

    private static void readKeyOnce(String key, String passphrase) throws IOException {
        try (SSHClient probe = new SSHClient(SshjConnector.config())) {
            probe.loadKeys(key, null, passphrase == null ? null : PasswordUtils.createOneOff(passphrase.toCharArray())).getPrivate();
        }
    }

    static String who(String deployedBy) {
        if (deployedBy != null && !deployedBy.isBlank()) {
            return deployedBy.replaceAll("[\\s']", "_");
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return (System.getProperty("user.name", "unknown") + "@" + host).replaceAll("[\\s']", "_");
    }
}
