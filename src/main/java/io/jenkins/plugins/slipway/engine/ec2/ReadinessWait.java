package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import io.jenkins.plugins.slipway.request.ec2.HostKeyMode;

import static io.jenkins.plugins.slipway.engine.ec2.Instances.GONE;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.address;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.az;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.checkTimeout;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.describe;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.hosts;
import static io.jenkins.plugins.slipway.engine.ec2.Instances.millisSince;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;

/**
 * The waits of {@link Ec2Service#launch}, in phases with one batched call per poll: running, EC2's status checks,
 * the SSH port, and the SSH host key fingerprints from the console output.
 */
final class ReadinessWait {
    private final Waits waits;

    ReadinessWait(Waits waits) {
        this.waits = waits;
    }

    List<Ec2Host> waitUntilReady(Ec2Client ec2, Ec2LaunchRequest request, List<String> ids,
            Set<String> launched, Deadline deadline, Map<String, Long> phases, Log log)
            throws Ec2Exception, InterruptedException {
        long t = System.nanoTime();
        Map<String, Instance> instances = waitRunning(ec2, ids, deadline, log);
        phases.put("running", millisSince(t));
        if (request.waitStatusOk()) {
            t = System.nanoTime();
            waitStatusOk(ec2, ids, instances, deadline, log);
            phases.put("status-ok", millisSince(t));
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        for (Instance i : instances.values()) {
            addresses.put(i.instanceId(), address(i, request.addressType()));
        }
        if (request.waitSsh()) {
            t = System.nanoTime();
            waitSshPort(addresses, request.sshPort(), instances, deadline, log);
            phases.put("ssh-port", millisSince(t));
        }
        Map<String, List<String>> keys = Map.of();
        if (request.hostKeys() != HostKeyMode.SKIP) {
            t = System.nanoTime();
            keys = hostKeys(ec2, ids, instances, request.hostKeys() == HostKeyMode.REQUIRE, deadline, log);
            phases.put("host-keys", millisSince(t));
        }
        List<Instance> ordered = ids.stream().map(instances::get).toList();
        return hosts(ordered, keys, launched, request);
    }

    Map<String, Instance> waitRunning(Ec2Client ec2, List<String> ids, Deadline deadline, Log log)
            throws Ec2Exception, InterruptedException {
        log.progress("waiting for " + ids.size() + " instance(s) to be running");
        Map<String, Instance> latest = new LinkedHashMap<>();
        long lastRunning = -1;
        for (int round = 0; ; round++) {
            List<Instance> found;
            try {
                found = describe(ec2, DescribeInstancesRequest.builder().instanceIds(ids).build(),
                        "instances " + ids);
            } catch (Ec2Exception e) {
                if (!"InvalidInstanceID.NotFound".equals(e.awsErrorCode())) {
                    throw e;
                }
                found = List.of(); // new instances can take a moment to become visible
            }
            found.forEach(i -> latest.put(i.instanceId(), i));
            for (Instance i : found) {
                if (GONE.contains(i.state().nameAsString())) {
                    String reason = i.stateReason() == null ? "no reason given"
                            : i.stateReason().code() + ": " + i.stateReason().message();
                    throw new Ec2Exception(Kind.ENVIRONMENT, "Instance " + i.instanceId() + " in " + i.subnetId()
                            + " (" + az(i) + ", " + i.imageId() + ") became " + i.state().nameAsString()
                            + " instead of running (" + reason + "). Check its system log in the EC2 console,"
                            + " the AMI and the account's quotas.", i.stateReason() == null ? null
                            : i.stateReason().code(), null);
                }
            }
            long running = latest.values().stream().filter(i -> "running".equals(i.state().nameAsString())).count();
            if (running != lastRunning) {
                log.progress("running: " + running + "/" + ids.size() + " after " + deadline.elapsedSeconds() + " s");
                lastRunning = running;
            }
            if (running == ids.size() && latest.keySet().containsAll(ids)) {
                return latest;
            }
            checkTimeout(deadline, "the instances to be running", ids.stream()
                    .filter(id -> latest.get(id) == null || !"running".equals(latest.get(id).state().nameAsString()))
                    .map(id -> id + " (" + (latest.get(id) == null ? "not visible yet"
                            : latest.get(id).state().nameAsString()) + ")").toList());
            deadline.sleep(waits, round);
        }
    }

    void waitStatusOk(Ec2Client ec2, List<String> ids, Map<String, Instance> instances, Deadline deadline,
            Log log) throws Ec2Exception, InterruptedException {
        log.progress("waiting for the EC2 status checks of " + ids.size() + " instance(s)");
        Set<String> ok = new LinkedHashSet<>();
        for (int round = 0; ; round++) {
            List<InstanceStatus> statuses = AwsCalls.call("DescribeInstanceStatus " + ids,
                    () -> ec2.describeInstanceStatusPaginator(r -> r.instanceIds(ids)).instanceStatuses()
                            .stream().toList());
            int before = ok.size();
            for (InstanceStatus s : statuses) {
                SummaryStatus system = s.systemStatus() == null ? null : s.systemStatus().status();
                SummaryStatus instance = s.instanceStatus() == null ? null : s.instanceStatus().status();
                if (system == SummaryStatus.IMPAIRED || instance == SummaryStatus.IMPAIRED) {
                    Instance i = instances.get(s.instanceId());
                    throw new Ec2Exception(Kind.ENVIRONMENT, "Instance " + s.instanceId() + " in "
                            + (i == null ? "?" : i.subnetId()) + " failed its status checks (system " + system
                            + ", instance " + instance + "). Check its system log in the EC2 console.");
                }
                if (system == SummaryStatus.OK && instance == SummaryStatus.OK) {
                    ok.add(s.instanceId());
                }
            }
            if (ok.size() != before) {
                log.progress("status checks ok: " + ok.size() + "/" + ids.size() + " after "
                        + deadline.elapsedSeconds() + " s");
            }
            if (ok.containsAll(ids)) {
                return;
            }
            checkTimeout(deadline, "the EC2 status checks", ids.stream().filter(id -> !ok.contains(id)).toList());
            deadline.sleep(waits, round);
        }
    }

    void waitSshPort(Map<String, String> addresses, int port, Map<String, Instance> instances,
            Deadline deadline, Log log) throws Ec2Exception, InterruptedException {
        log.progress("waiting for SSH port " + port + " on " + addresses.size() + " instance(s)");
        Set<String> open = new LinkedHashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, addresses.size()), r -> {
            Thread thread = new Thread(r, "slipway-ssh-port");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int round = 0; ; round++) {
                Map<String, Future<Boolean>> probes = new LinkedHashMap<>();
                int timeout = (int) Math.max(1, Math.min(waits.connectTimeout().toMillis(), deadline.remainingMillis()));
                for (Map.Entry<String, String> e : addresses.entrySet()) {
                    if (!open.contains(e.getKey())) {
                        probes.put(e.getKey(), pool.submit(() -> portOpen(e.getValue(), port, timeout)));
                    }
                }
                int before = open.size();
                for (Map.Entry<String, Future<Boolean>> probe : probes.entrySet()) {
                    try {
                        if (probe.getValue().get()) {
                            open.add(probe.getKey());
                        }
                    } catch (ExecutionException e) {
                        // counted as closed; the next round tries again
                    }
                }
                if (open.size() != before) {
                    log.progress("SSH port open: " + open.size() + "/" + addresses.size() + " after "
                            + deadline.elapsedSeconds() + " s");
                }
                if (open.size() == addresses.size()) {
                    return;
                }
                checkTimeout(deadline, "SSH port " + port, addresses.keySet().stream().filter(id -> !open.contains(id))
                        .map(id -> id + " (" + addresses.get(id) + ", " + instances.get(id).subnetId() + ")").toList());
                deadline.sleep(waits, round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean portOpen(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Map<String, List<String>> hostKeys(Ec2Client ec2, List<String> ids, Map<String, Instance> instances,
            boolean require, Deadline deadline, Log log) throws Ec2Exception, InterruptedException {
        log.progress("reading SSH host key fingerprints from the console output of " + ids.size() + " instance(s)");
        Map<String, List<String>> keys = new LinkedHashMap<>();
        long bestEffortEnd = System.nanoTime() + waits.bestEffortHostKeys().toNanos();
        boolean latest = true;
        for (int round = 0; ; round++) {
            for (String id : ids) {
                if (keys.containsKey(id)) {
                    continue;
                }
                String output;
                try {
                    output = consoleOutput(ec2, id, latest);
                } catch (Ec2Exception e) {
                    if (!latest || e.awsErrorCode() == null || !(e.awsErrorCode().startsWith("Unsupported")
                            || e.awsErrorCode().startsWith("InvalidParameter"))) {
                        throw e;
                    }
                    // only Nitro instances serve the live console; the others serve EC2's periodic snapshot
                    log.debug("live console output unavailable for " + id + " (" + e.awsErrorCode() + ")");
                    latest = false;
                    output = consoleOutput(ec2, id, false);
                }
                String text = output == null ? "" : new String(decode(output), StandardCharsets.UTF_8);
                List<String> found = ConsoleHostKeys.fingerprints(text);
                if (!found.isEmpty()) {
                    keys.put(id, found);
                }
            }
            if (keys.size() == ids.size()) {
                log.progress("host keys: " + keys.size() + "/" + ids.size() + " after " + deadline.elapsedSeconds()
                        + " s");
                return keys;
            }
            List<String> without = ids.stream().filter(id -> !keys.containsKey(id)).toList();
            if (!require && (deadline.passed() || System.nanoTime() - bestEffortEnd >= 0)) {
                log.warn("no SSH host key fingerprints in the console output of " + without + " after "
                        + deadline.elapsedSeconds() + " s; the deploy stage must verify these hosts another way");
                return keys;
            }
            if (deadline.passed()) {
                throw new Ec2Exception(Kind.ENVIRONMENT, "Timed out after " + deadline.seconds() + " s waiting for"
                        + " the SSH host key fingerprints in the console output of " + without + ". Check that the"
                        + " AMI runs cloud-init (it prints them), raise timeoutSeconds, or set hostKeys to"
                        + " BEST_EFFORT and give the deploy stage known host keys.");
            }
            deadline.sleep(waits, round);
        }
    }

    static String consoleOutput(Ec2Client ec2, String id, boolean latest)
            throws Ec2Exception, InterruptedException {
        return AwsCalls.call("GetConsoleOutput " + id,
                () -> ec2.getConsoleOutput(r -> r.instanceId(id).latest(latest ? Boolean.TRUE : null)).output());
    }

    static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(StandardCharsets.UTF_8);
        }
    }
}
