package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The release model on one host, under {@code baseDir}:
 * <pre>
 * releases/&lt;id&gt;/            one directory per release (+ .slipway-release.json metadata)
 * current -&gt; releases/&lt;id&gt;    switched atomically (temporary link + rename)
 * .slipway/lock/owner         the deploy lock (mkdir is atomic)
 * .slipway/tmp/               uploads in flight
 * .slipway/revisions.log      who deployed or rolled back what, when
 * </pre>
 * A release directory appears only complete (unpacked under a hidden name, then renamed), so {@code current}
 * always points to a complete release. Every remote exit code is checked.
 */
final class HostDeployer {

    /** A step failed on this host; the message is for the user. */
    static final class HostFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HostFailure(String message) {
            super(message);
        }

        HostFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Everything a host deploy needs besides the host. */
    record Plan(String releaseId, String commit, String who, String baseDir, LocalArtifact artifact,
            List<String> beforeSwitch, List<String> afterSwitch, int keepReleases, HealthChecker health,
            Integer breakStaleLockAfterMinutes, Duration commandTimeout) {
    }

    private interface Step {
        void run() throws Exception;
    }

    private final DeployHost host;
    private final Plan plan;
    private final RemoteHost.Connector connector;
    private final Log log;
    private final String token = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private RemoteHost remote;
    private String previous;
    private boolean locked;
    private boolean switched;
    private String phase = "connect";

    HostDeployer(DeployHost host, Plan plan, RemoteHost.Connector connector, Log log) {
        this.host = host;
        this.plan = plan;
        this.connector = connector;
        this.log = log;
    }

    // ---------------------------------------------------------------- deploy

    /** Deploys the release; never throws. Interrupted: cleans up (rolls back if switched) and reports. */
    HostReport deploy() {
        try {
            step("connect", () -> remote = connector.connect(host));
            step("lock", this::lock);
            previous = readCurrent();
            if (plan.releaseId().equals(previous)) {
                log.info("already on release " + previous + "; nothing to do");
                return report(HostOutcome.UNCHANGED, previous, "already on " + previous);
            }
            log.info("deploying " + plan.releaseId() + " (now on " + (previous == null ? "no release" : previous) + ")");
            String tmp = ".slipway/tmp/" + plan.releaseId() + "." + token + ".upload";
            step("upload", () -> upload(tmp));
            step("verify", () -> verify(tmp));
            step("unpack", () -> unpack(tmp));
            step("beforeSwitch", () -> hooks(plan.beforeSwitch(), "beforeSwitch", plan.releaseId()));
            step("switch", () -> switchTo(plan.releaseId()));
            switched = true;
            step("afterSwitch", () -> hooks(plan.afterSwitch(), "afterSwitch", plan.releaseId()));
            if (plan.health().enabled()) {
                step("health", this::health);
            }
            step("prune", this::prune);
            revision("deployed " + plan.releaseId() + " (previous " + (previous == null ? "none" : previous) + ")");
            return report(HostOutcome.DEPLOYED, plan.releaseId(), null);
        } catch (HostFailure e) {
            log.error(e.getMessage());
            return recover(e.getMessage());
        } catch (IOException e) {
            log.error(phase + " failed: " + describe(e));
            return recover(phase + " failed on " + host.address() + ": " + describe(e));
        } catch (InterruptedException e) {
            log.warn("aborted during " + phase + "; cleaning up");
            HostReport report = recover("aborted during " + phase);
            Thread.currentThread().interrupt();
            return report;
        } finally {
            release();
        }
    }

    /** A failure: switch back if {@code current} moved, remove partial work. */
    private HostReport recover(String why) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            if (!ensureConnected()) {
                String now = switched ? "unknown (connection lost after the switch)" : previous;
                return report(switched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, now, why
                        + (switched ? "; could not reconnect to switch back" : ""));
            }
            run("rm -rf \"$B/releases/." + plan.releaseId() + ".partial\" \"$B/.slipway/tmp/\"*." + token + ".upload", "clean up");
            if (!switched) {
                return report(HostOutcome.FAILED, readCurrentQuietly(previous), why + "; still on "
                        + (previous == null ? "no release" : previous));
            }
            try {
                switchBack();
                revision("rolled back " + plan.releaseId() + " to " + (previous == null ? "none" : previous) + ": " + why);
                return report(HostOutcome.ROLLED_BACK, readCurrentQuietly(previous), why + "; rolled back to "
                        + (previous == null ? "no release" : previous));
            } catch (HostFailure | IOException e) {
                log.error("rolling back failed: " + e.getMessage());
                return report(HostOutcome.ROLLBACK_FAILED, readCurrentQuietly("unknown"), why + "; rolling back failed: " + e.getMessage());
            }
        } catch (HostFailure | IOException e) {
            return report(switched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, switched ? "unknown" : previous,
                    why + "; cleaning up failed: " + e.getMessage());
        } catch (InterruptedException e) {
            wasInterrupted = true;
            return report(switched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, switched ? "unknown" : previous,
                    why + "; cleaning up was interrupted");
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void switchBack() throws HostFailure, IOException, InterruptedException {
        if (previous == null) {
            run("rm -f \"$B/current\"", "remove current");
            log.info("removed current (there was no earlier release)");
        } else {
            switchTo(previous);
            log.info("switched back to " + previous);
            hooks(plan.afterSwitch(), "afterSwitch (rollback)", previous);
        }
    }

    // ---------------------------------------------------------------- revert / switch (rollback operations)

    /** Switches a host this run deployed back to its previous release (the failure budget was exceeded, or abort). */
    HostReport revert(HostReport done, String why) {
        previous = done.previousRelease();
        try {
            step("connect", () -> remote = connector.connect(host));
            step("lock", this::lock);
            String now = readCurrent();
            if (!done.newRelease().equals(now)) {
                return done.with(HostOutcome.ROLLBACK_FAILED, now, why + "; not switched back: current is " + now
                        + ", not " + done.newRelease() + " (someone else changed it)");
            }
            switched = true;
            switchBack();
            revision("rolled back " + done.newRelease() + " to " + (previous == null ? "none" : previous) + ": " + why);
            return done.with(HostOutcome.ROLLED_BACK, readCurrentQuietly(previous), why + "; rolled back to "
                    + (previous == null ? "no release" : previous));
        } catch (HostFailure | IOException e) {
            log.error("rolling back failed: " + e.getMessage());
            return done.with(HostOutcome.ROLLBACK_FAILED, readCurrentQuietly("unknown"), why + "; rolling back failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done.with(HostOutcome.ROLLBACK_FAILED, "unknown", why + "; rolling back was interrupted");
        } finally {
            release();
        }
    }

    /** {@code deploy rollback --to}: switches {@code current} to a release that is on the host. */
    HostReport switchToRelease(String to) {
        try {
            step("connect", () -> remote = connector.connect(host));
            step("lock", this::lock);
            previous = readCurrent();
            if (to.equals(previous)) {
                return report(HostOutcome.UNCHANGED, previous, "already on " + to);
            }
            RemoteHost.ExecResult exists = remote.exec(script("test -d \"$B/releases/" + to + "\" && echo yes || ls -1t \"$B/releases\""),
                    plan.commandTimeout(), line -> { });
            if (!exists.tail().contains("yes")) {
                throw new HostFailure("release " + to + " is not on the host; releases there: " + exists.tail());
            }
            step("switch", () -> switchTo(to));
            switched = true;
            step("afterSwitch", () -> hooks(plan.afterSwitch(), "afterSwitch", to));
            revision("switched to " + to + " (previous " + (previous == null ? "none" : previous) + ")");
            return report(HostOutcome.SWITCHED, to, null);
        } catch (HostFailure e) {
            log.error(e.getMessage());
            return report(switched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, readCurrentQuietly(previous), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(HostOutcome.FAILED, readCurrentQuietly(previous), "aborted during " + phase);
        } catch (IOException e) {
            return report(HostOutcome.FAILED, previous, "connection failed: " + e.getMessage());
        } finally {
            release();
        }
    }

    /** Dry run: connects (trust checked), checks permissions, tools and the lock; changes nothing. */
    HostReport check() {
        try {
            step("connect", () -> remote = connector.connect(host));
            RemoteHost.ExecResult out = remote.exec(script(
                    "echo \"current:$(readlink \"$B/current\" 2>/dev/null)\"\n"
                    + "d=\"$B\"; while [ ! -d \"$d\" ]; do d=$(dirname \"$d\"); done\n"
                    + "[ -w \"$d\" ] && echo writable:yes || echo \"writable:no $d\"\n"
                    + "for t in tar sha256sum ln mv readlink mkdir" + (plan.artifact().kind() == LocalArtifact.Kind.ZIP ? " unzip" : "")
                    + "; do command -v $t >/dev/null 2>&1 || echo missing:$t; done\n"
                    + "[ -d \"$B/.slipway/lock\" ] && echo \"lock:$(cat \"$B/.slipway/lock/owner\" 2>/dev/null)\"; true"),
                    plan.commandTimeout(), line -> { });
            List<String> problems = new ArrayList<>();
            for (String line : out.tail()) {
                if (line.startsWith("current:")) {
                    String target = line.substring(8).trim();
                    previous = target.isEmpty() ? null : target.substring(target.lastIndexOf('/') + 1);
                } else if (line.startsWith("writable:no")) {
                    problems.add("cannot write " + line.substring(12) + " as " + host.user());
                } else if (line.startsWith("missing:")) {
                    problems.add("'" + line.substring(8) + "' is not installed");
                } else if (line.startsWith("lock:")) {
                    problems.add("locked by " + line.substring(5));
                }
            }
            if (!out.ok() || !problems.isEmpty()) {
                return report(HostOutcome.FAILED, previous, String.join("; ", problems) + (out.ok() ? "" : " (check exited " + out.exitCode() + ")"));
            }
            String plan1 = "would deploy " + plan.releaseId() + " over " + (previous == null ? "no release" : previous);
            log.info(plan1);
            return report(HostOutcome.PLANNED, previous, plan1);
        } catch (HostFailure e) {
            return report(HostOutcome.FAILED, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(HostOutcome.FAILED, null, "aborted");
        } catch (IOException e) {
            return report(HostOutcome.FAILED, null, e.getMessage());
        } finally {
            release();
        }
    }

    // ---------------------------------------------------------------- steps

    private void lock() throws HostFailure, IOException, InterruptedException {
        String owner = "who=" + plan.who() + " release=" + plan.releaseId() + " token=" + token + " since=" + Instant.now();
        String acquire = "mkdir -p \"$B/releases\" \"$B/.slipway/tmp\" || exit 3\n"
                + "if mkdir \"$B/.slipway/lock\" 2>/dev/null; then printf '%s\\n' " + Shell.quote(owner)
                + " > \"$B/.slipway/lock/owner\" && echo slipway-lock:acquired; else echo slipway-lock:held;"
                + " echo \"age:$(( $(date +%s) - $(stat -c %Y \"$B/.slipway/lock\") ))\"; cat \"$B/.slipway/lock/owner\" 2>/dev/null; fi";
        RemoteHost.ExecResult out = check(remote.exec(script(acquire), plan.commandTimeout(), log::debug),
                "create " + plan.baseDir() + " and take the deploy lock");
        if (out.tail().contains("slipway-lock:acquired")) {
            locked = true;
            return;
        }
        long age = -1;
        String holder = "unknown";
        for (String line : out.tail()) {
            if (line.startsWith("age:")) {
                age = Long.parseLong(line.substring(4).trim());
            } else if (line.startsWith("who=")) {
                holder = line;
            }
        }
        Integer stale = plan.breakStaleLockAfterMinutes();
        if (stale != null && age >= stale * 60L) {
            log.warn("breaking the stale deploy lock (" + holder + ", " + age / 60 + " min old, older than "
                    + stale + " min as lock.breakStaleLockAfterMinutes allows)");
            check(remote.exec(script("rm -rf \"$B/.slipway/lock\" && mkdir \"$B/.slipway/lock\" && printf '%s\\n' "
                    + Shell.quote(owner) + " > \"$B/.slipway/lock/owner\""), plan.commandTimeout(), log::debug), "break the stale lock");
            locked = true;
            return;
        }
        throw new HostFailure("the deploy lock " + plan.baseDir() + "/.slipway/lock is held (" + holder + ", " + age
                + " s old): another deploy is running, or one died. Wait for it, or if no deploy runs, set"
                + " lock.breakStaleLockAfterMinutes or remove " + plan.baseDir() + "/.slipway/lock on " + host.address());
    }

    private void release() {
        boolean wasInterrupted = Thread.interrupted();
        try {
            releaseLock();
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void releaseLock() {
        if (remote != null && locked) {
            try {
                if (ensureConnected()) {
                    remote.exec(script("grep -q 'token=" + token + " ' \"$B/.slipway/lock/owner\" 2>/dev/null && rm -rf \"$B/.slipway/lock\"; true"),
                            Duration.ofSeconds(30), log::debug);
                    locked = false;
                }
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            if (locked) {
                log.warn("could not release the deploy lock " + plan.baseDir() + "/.slipway/lock; remove it on the host");
            }
        }
        if (remote != null) {
            remote.close();
        }
    }

    private void upload(String tmp) throws IOException, InterruptedException {
        LocalArtifact a = plan.artifact();
        long total = Math.max(1, a.size());
        long t0 = System.nanoTime();
        int[] lastTenth = {-1};
        long[] lastTime = {t0};
        remote.upload(a.file(), sftpPath(tmp), sent -> {
            int tenth = (int) (sent * 10 / total);
            long now = System.nanoTime();
            if (tenth != lastTenth[0] && (tenth == 10 || now - lastTime[0] > 1_000_000_000L || tenth % 5 == 0)) {
                lastTenth[0] = tenth;
                lastTime[0] = now;
                double secs = Math.max(1e-3, (now - t0) / 1e9);
                log.progress(String.format(Locale.ROOT, "upload %3d%% %.1f/%.1f MB %.1f MB/s", sent * 100 / total,
                        sent / 1e6, total / 1e6, sent / 1e6 / secs));
            }
        });
    }

    private void verify(String tmp) throws HostFailure, IOException, InterruptedException {
        RemoteHost.ExecResult out = check(remote.exec(script("f=\"$B/" + tmp + "\"; (sha256sum \"$f\" 2>/dev/null || shasum -a 256 \"$f\") | cut -c1-64"),
                plan.commandTimeout(), log::debug), "compute the SHA-256 of the upload");
        String remoteSum = out.tail().isEmpty() ? "" : out.tail().get(out.tail().size() - 1).trim();
        if (!remoteSum.equalsIgnoreCase(plan.artifact().sha256())) {
            throw new HostFailure("checksum mismatch: the artifact's SHA-256 is " + plan.artifact().sha256() + " but the host computed '"
                    + remoteSum + "' for the upload; the transfer was corrupted or the file changed. Deploy again.");
        }
        log.info("checksum verified (sha256 " + remoteSum.substring(0, 12) + "...)");
    }

    private void unpack(String tmp) throws HostFailure, IOException, InterruptedException {
        String id = plan.releaseId();
        String extract = switch (plan.artifact().kind()) {
            case TAR_GZ -> "tar -xzf \"$T\" -C \"$P\"";
            case TAR -> "tar -xf \"$T\" -C \"$P\"";
            case ZIP -> "unzip -q \"$T\" -d \"$P\"";
            case FILE -> "mv \"$T\" \"$P\"/" + Shell.quote(plan.artifact().fileName());
        };
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("releaseId", id);
        meta.put("commit", plan.commit());
        meta.put("deployedAt", Instant.now().toString());
        meta.put("deployedBy", plan.who());
        meta.put("artifact", plan.artifact().fileName());
        meta.put("sha256", plan.artifact().sha256());
        check(remote.exec(script("T=\"$B/" + tmp + "\"; P=\"$B/releases/." + id + ".partial\"; R=\"$B/releases/" + id + "\"\n"
                + "rm -rf \"$P\" && mkdir -p \"$P\" && " + extract + " && printf '%s\\n' " + Shell.quote(Json.write(meta))
                + " > \"$P/.slipway-release.json\" && rm -f \"$T\" && rm -rf \"$R\" && mv \"$P\" \"$R\""),
                plan.commandTimeout(), line -> log.info(line)), "unpack into releases/" + id);
    }

    private void hooks(List<String> commands, String what, String release) throws HostFailure, IOException, InterruptedException {
        for (String hook : commands) {
            log.info(what + ": " + hook);
            String env = "export SLIPWAY_RELEASE_ID=" + Shell.quote(release)
                    + " SLIPWAY_PREVIOUS_RELEASE=" + Shell.quote(previous == null ? "" : previous)
                    + " SLIPWAY_HOST=" + Shell.quote(host.name()) + " SLIPWAY_BASE_DIR=\"$(cd \"$B\" && pwd -P)\"";
            RemoteHost.ExecResult out = remote.exec(script(env + "\ncd \"$B/releases/" + release + "\" && export SLIPWAY_RELEASE_DIR=\"$(pwd -P)\" && eval "
                    + Shell.quote(hook)), plan.commandTimeout(), log::info);
            if (!out.ok()) {
                throw new HostFailure(what + " hook '" + hook + "' " + exit(out) + lastLines(out));
            }
        }
    }

    private void switchTo(String release) throws HostFailure, IOException, InterruptedException {
        String tmpLink = "$B/.current." + token;
        check(remote.exec(script("ln -sfn 'releases/" + release + "' \"" + tmpLink + "\" && mv -T \"" + tmpLink + "\" \"$B/current\""),
                plan.commandTimeout(), log::debug), "switch current to releases/" + release);
        String now = readCurrent();
        if (!release.equals(now)) {
            throw new HostFailure("after switching, current points to " + now + " instead of " + release);
        }
        log.info("current -> releases/" + release);
    }

    private void health() throws HostFailure, InterruptedException {
        String failure = plan.health().check(host, (command, timeout) -> {
            RemoteHost.ExecResult out = remote.exec(script("cd \"$B/current\" && eval " + Shell.quote(command)), timeout, log::debug);
            return out.ok() ? null : "'" + command + "' " + exit(out) + lastLines(out);
        }, log);
        if (failure != null) {
            throw new HostFailure(failure);
        }
    }

    private void prune() throws HostFailure, IOException, InterruptedException {
        RemoteHost.ExecResult out = check(remote.exec(script("ls -1t \"$B/releases\""), plan.commandTimeout(), line -> { }), "list releases");
        Set<String> keep = new LinkedHashSet<>();
        keep.add(plan.releaseId());
        if (previous != null) {
            keep.add(previous);
        }
        List<String> remove = new ArrayList<>();
        int kept = 0;
        for (String name : out.tail()) {
            if (keep.contains(name)) {
                continue;
            }
            if (kept + keep.size() < plan.keepReleases()) {
                kept++;
            } else if (DeployRequest.RELEASE_ID.matcher(name).matches()) {
                remove.add(name);
            }
        }
        if (!remove.isEmpty()) {
            StringBuilder rm = new StringBuilder("cd \"$B/releases\" && rm -rf --");
            remove.forEach(r -> rm.append(' ').append(Shell.quote(r)));
            check(remote.exec(script(rm.toString()), plan.commandTimeout(), log::debug), "remove old releases");
            log.info("removed old releases " + remove + " (keeping " + plan.keepReleases() + ")");
        }
    }

    private void revision(String what) {
        try {
            String line = Instant.now() + " " + host.name() + " " + what + " by " + plan.who()
                    + (plan.commit() == null ? "" : " commit " + plan.commit());
            remote.exec(script("printf '%s\\n' " + Shell.quote(line) + " >> \"$B/.slipway/revisions.log\""), plan.commandTimeout(), log::debug);
        } catch (IOException e) {
            log.warn("cannot append to " + plan.baseDir() + "/.slipway/revisions.log: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- helpers

    private String readCurrent() throws HostFailure, IOException, InterruptedException {
        RemoteHost.ExecResult out = remote.exec(script("readlink \"$B/current\" || true"), plan.commandTimeout(), line -> { });
        if (!out.ok()) {
            throw new HostFailure("cannot read " + plan.baseDir() + "/current: " + exit(out) + lastLines(out));
        }
        String target = out.tail().isEmpty() ? "" : out.tail().get(out.tail().size() - 1).trim();
        return target.isEmpty() ? null : target.substring(target.lastIndexOf('/') + 1);
    }

    private String readCurrentQuietly(String fallback) {
        boolean interrupted = Thread.interrupted();
        try {
            return ensureConnected() ? readCurrent() : fallback;
        } catch (HostFailure | IOException e) {
            return fallback;
        } catch (InterruptedException e) {
            interrupted = true;
            return fallback;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean ensureConnected() {
        if (remote != null && remote.isConnected()) {
            return true;
        }
        if (remote == null && !locked) {
            return false;
        }
        try {
            if (remote != null) {
                remote.close();
            }
            log.info("reconnecting to clean up");
            remote = connector.connect(host);
            return true;
        } catch (IOException | DeployException e) {
            log.warn("cannot reconnect: " + e.getMessage());
            return false;
        }
    }

    /** A script that starts with {@code B=<baseDir>}; {@code ~/} means the login directory. */
    private String script(String body) {
        String base = plan.baseDir();
        String assign = base.startsWith("~/") ? "B=\"$HOME\"/" + Shell.quote(base.substring(2)) : "B=" + Shell.quote(base);
        return assign + "\n" + body;
    }

    /** The path for SFTP, which starts relative paths at the login directory. */
    private String sftpPath(String relative) {
        String base = plan.baseDir().startsWith("~/") ? plan.baseDir().substring(2) : plan.baseDir();
        return base + "/" + relative;
    }

    private void run(String body, String what) throws HostFailure, IOException, InterruptedException {
        check(remote.exec(script(body), plan.commandTimeout(), log::debug), what);
    }

    private RemoteHost.ExecResult check(RemoteHost.ExecResult out, String what) throws HostFailure {
        if (!out.ok()) {
            throw new HostFailure("cannot " + what + " in " + plan.baseDir() + ": the command " + exit(out) + lastLines(out));
        }
        return out;
    }

    private static String exit(RemoteHost.ExecResult out) {
        return out.exitCode() == -2 ? "timed out (commandTimeoutSeconds)" : out.exitCode() == -1 ? "was killed" : "exited " + out.exitCode();
    }

    private static String lastLines(RemoteHost.ExecResult out) {
        List<String> tail = out.tail();
        List<String> last = tail.subList(Math.max(0, tail.size() - 5), tail.size());
        return last.isEmpty() ? "" : "; last output: " + String.join(" | ", last);
    }

    private void step(String name, Step step) throws HostFailure, InterruptedException {
        phase = name;
        long t0 = System.nanoTime();
        try {
            step.run();
        } catch (HostFailure | InterruptedException e) {
            throw e;
        } catch (DeployException e) {
            throw new HostFailure(e.getMessage(), e);
        } catch (IOException e) {
            if (interrupted(e)) {
                throw new InterruptedException(name + " interrupted");
            }
            throw new HostFailure(name + " failed on " + host.address() + ": " + describe(e), e);
        } catch (Exception e) {
            throw new HostFailure(name + " failed on " + host.address() + ": " + describe(e), e);
        } finally {
            phases.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
        }
    }

    /** Whether an I/O failure is really an interrupt (sshj wraps InterruptedException). */
    static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    && !(t instanceof java.net.SocketTimeoutException)) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !text.toString().contains(m)) {
                text.append(text.length() == 0 ? "" : ": ").append(m);
            } else if (m == null && text.length() == 0) {
                text.append(t.getClass().getSimpleName());
            }
        }
        return text.toString();
    }

    private HostReport report(HostOutcome outcome, String current, String message) {
        return new HostReport(host.name(), host.address(), previous,
                outcome == HostOutcome.UNCHANGED || outcome == HostOutcome.PLANNED || (outcome == HostOutcome.FAILED && !switched && phases.get("unpack") == null)
                        ? null : plan.releaseId(),
                current, outcome, message, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases)), (System.nanoTime() - start) / 1_000_000);
    }

    static Consumer<String> ignore() {
        return line -> { };
    }
}
