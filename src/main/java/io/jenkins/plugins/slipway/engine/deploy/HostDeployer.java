package io.jenkins.plugins.slipway.engine.deploy;

import static io.jenkins.plugins.slipway.engine.deploy.ReleaseScripts.MARK;
import static io.jenkins.plugins.slipway.engine.deploy.ReleaseScripts.releaseOf;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostReport;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The release model on one host, under {@code baseDir}:
 * <pre>
 * releases/&lt;id&gt;/            one directory per release (+ .slipway-release.json metadata)
 * current -&gt; releases/&lt;id&gt;    switched atomically (temporary link + rename)
 * .slipway/lock/owner         the deploy lock (mkdir is atomic)
 * .slipway/tmp/               uploads in flight
 * .slipway/history            every release current was switched to, oldest first (pruning ranks by it)
 * .slipway/revisions.log      who deployed or rolled back what, when
 * </pre>
 * A release directory appears only complete (unpacked under a hidden name, then renamed), so {@code current}
 * always points to a complete release. A host's work is a few remote scripts over one connection, one round trip
 * per phase: <b>upload</b> (lock, leftovers of dead deploys, current release, free space, then the artifact
 * streamed to the host, which hashes it while it arrives), <b>install</b> (unpack, beforeSwitch hooks, switch,
 * afterSwitch hooks), the health check, and <b>finish</b> (history, prune, revision log, unlock; part of the
 * install when there is no health check). Each
 * script stops at the first failing command and says where with {@code slipway:} marker lines and its exit code.
 * A release that failed is removed again, so it never takes the place of a real rollback target.
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

    /** How the artifact travels. */
    enum Upload {
        /** Streamed into {@code tee | sha256sum} over an exec channel: one round trip, hashed while it arrives. */
        STREAM,
        /** SFTP with pipelined writes, then {@code sha256sum} of the file. */
        SFTP
    }

    /** Everything a host deploy needs besides the host. */
    record Plan(String releaseId, String commit, String who, String baseDir, LocalArtifact artifact,
            List<String> beforeSwitch, List<String> afterSwitch, int keepReleases, HealthChecker health,
            Integer breakStaleLockAfterMinutes, Duration commandTimeout, Upload upload) {
    }

    private interface Step {
        void run() throws Exception;
    }

    static final String UNREACHABLE = "unknown (not connected)";

    private final DeployHost host;
    private final Plan plan;
    private final Log log;
    private final String token = UUID.randomUUID().toString().substring(0, 8);
    private final ReleaseScripts scripts;
    private final HostSession session;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private volatile String previous;
    private volatile boolean locked;
    private boolean switched;
    private boolean unpacking;
    private volatile String phase = "connect";
    private String absoluteBase;

    HostDeployer(DeployHost host, Plan plan, RemoteHost.Connector connector, Log log) {
        this.host = host;
        this.plan = plan;
        this.log = log;
        this.scripts = new ReleaseScripts(host, plan, token);
        this.session = new HostSession(host, connector, scripts, log);
    }

    // ---------------------------------------------------------------- deploy

    /** Deploys the release; never throws. Interrupted: cleans up (rolls back if switched) and reports. */
    HostReport deploy() {
        try {
            step("connect", session::connect);
            String tmp = ".slipway/tmp/" + plan.releaseId() + "." + token + ".upload";
            boolean[] needed = {true};
            step("upload", () -> needed[0] = prepareAndUpload(tmp));
            if (!needed[0]) {
                log.info("already on release " + previous + "; nothing to do");
                return report(HostOutcome.UNCHANGED, previous, "already on " + previous);
            }
            log.info("deploying " + plan.releaseId() + " (was on " + (previous == null ? "no release" : previous) + ")");
            if (plan.health().enabled()) {
                step("install", () -> install(tmp, false));
                step("health", this::health);
                step("finish", this::finish);
            } else {
                step("install", () -> install(tmp, true)); // nothing to wait for: it finishes in the same round trip
            }
            return report(HostOutcome.DEPLOYED, plan.releaseId(), null);
        } catch (HostFailure e) {
            log.error(e.getMessage());
            return recover(e.getMessage());
        } catch (InterruptedException e) {
            log.warn("aborted during " + phase + "; cleaning up");
            HostReport report = recover("aborted during " + phase);
            Thread.currentThread().interrupt();
            return report;
        } finally {
            release();
        }
    }

    /**
     * A failure: in one script remove partial work and the failed release, and switch back when {@code current}
     * moved to the new release (read back from the host, so a switch whose answer was lost is undone too).
     */
    private HostReport recover(String why) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            if (!session.ensureConnected(locked)) {
                return unreachable(why);
            }
            if (!locked) {
                // not known to hold the lock: only what carries this run's token is removed (the lock, when the answer
                // that it was taken was lost; the upload); another deploy may be working here
                String now;
                try {
                    now = releaseOf(run("rm -f \"$B/.slipway/tmp/\"*." + token + ".upload\n" + scripts.unlock()
                            + "echo \"" + MARK + "current=$(readlink \"$B/current\" 2>/dev/null)\"", plan.commandTimeout(), log::debug)
                            .marker("current"));
                } catch (IOException e) {
                    now = UNREACHABLE;
                }
                return report(HostOutcome.FAILED, now, why + (UNREACHABLE.equals(now) ? "" : "; still on " + (now == null ? "no release" : now)));
            }
            String id = plan.releaseId();
            StringBuilder s = new StringBuilder();
            s.append("rm -rf \"$B/releases/.").append(id).append(".partial\" \"$B/.slipway/tmp/\"*.").append(token).append(".upload \"$B/.current.")
                    .append(token).append("\"\n");
            s.append("cur=$(readlink \"$B/current\" 2>/dev/null)\n");
            if (!id.equals(previous)) {
                s.append("if [ \"$cur\" = 'releases/").append(id).append("' ]; then\n");
                s.append("echo " + MARK + "switchedBack=yes\n");
                s.append(scripts.switchBack(id, "rolled back " + id + " to " + (previous == null ? "none" : previous) + ": " + oneLine(why), previous));
                s.append("fi\n");
                if (unpacking || switched) {
                    // the failed release goes, so it never counts as one of the releases to keep
                    s.append("[ \"$(readlink \"$B/current\" 2>/dev/null)\" = 'releases/").append(id).append("' ] || rm -rf \"$B/releases/")
                            .append(id).append("\" || exit 22\n");
                }
            }
            s.append("echo \"" + MARK + "current=$(readlink \"$B/current\" 2>/dev/null)\"\n");
            ScriptRun out = null;
            for (int attempt = 1; out == null; attempt++) {
                try {
                    out = run(s.toString(), plan.commandTimeout().multipliedBy(1 + plan.afterSwitch().size()), log::info);
                } catch (IOException e) {
                    // the old connection may look alive a moment after it broke: one fresh connection more
                    if (attempt == 2 || !session.reconnect()) {
                        return unreachable(why + "; cleaning up failed: " + describe(e));
                    }
                }
            }
            String now = releaseOf(out.marker("current"));
            boolean wasSwitched = out.marker("switchedBack") != null;
            if (!out.ok()) {
                String what = out.exitCode() == 22 ? "removing the failed release " + id + " failed" : failedStep(out, "switching back");
                log.error("rolling back failed: " + what);
                return report(wasSwitched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, now == null ? previous : now,
                        why + "; " + (wasSwitched ? "rolling back" : "cleaning up") + " failed: " + what);
            }
            if (wasSwitched) {
                switched = true;
                log.info(previous == null ? "removed current (there was no earlier release)" : "switched back to " + previous);
                return report(HostOutcome.ROLLED_BACK, now, why + "; rolled back to " + (previous == null ? "no release" : previous));
            }
            return report(HostOutcome.FAILED, now, why + "; still on " + (now == null ? "no release" : now));
        } catch (InterruptedException e) {
            wasInterrupted = true;
            return report(switched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, "unknown (cleaning up was interrupted)",
                    why + "; cleaning up was interrupted");
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The host cannot be reached: say so, and how to recover once it is back. */
    private HostReport unreachable(String why) {
        String lock = plan.baseDir() + "/.slipway/lock";
        String recovery = locked
                ? " The host still holds the deploy lock " + lock + " of this run" + (unpacking ? " and maybe a half-installed release" : "")
                + ". When it is reachable again, check where " + plan.baseDir() + "/current points, then remove the lock (rm -rf " + lock
                + " on " + host.address() + ") or deploy again with lock.breakStaleLockAfterMinutes; the next deploy removes the"
                + " leftover upload."
                : "";
        boolean mayBeSwitched = switched || unpacking;
        String before = !locked ? "" : " (it was on " + (previous == null ? "no release" : previous) + " before)";
        return report(mayBeSwitched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, UNREACHABLE,
                why + "; the host is unreachable, so what it runs is unknown" + before + "." + recovery);
    }

    // ---------------------------------------------------------------- revert / switch (rollback operations)

    /** Switches a host this run deployed back to its previous release (the failure budget was exceeded, or abort). */
    HostReport revert(HostReport done, String why) {
        previous = done.previousRelease();
        try {
            step("connect", session::connect);
            step("prepare", () -> prepare(false));
            previous = done.previousRelease();
            String id = done.newRelease();
            String s = "cur=$(readlink \"$B/current\" 2>/dev/null)\n"
                    + "if [ \"$cur\" != 'releases/" + id + "' ]; then echo \"" + MARK + "current=$cur\"; exit 30; fi\n"
                    + scripts.switchBack(id, "rolled back " + id + " to " + (previous == null ? "none" : previous) + ": " + oneLine(why), previous)
                    + "echo \"" + MARK + "current=$(readlink \"$B/current\" 2>/dev/null)\"\n";
            switched = true;
            ScriptRun out = run(s, plan.commandTimeout().multipliedBy(1 + plan.afterSwitch().size()), log::info);
            String now = releaseOf(out.marker("current"));
            if (out.exitCode() == 30) {
                return done.with(HostOutcome.ROLLBACK_FAILED, now, why + "; not switched back: current is " + now + ", not " + id
                        + " (someone else changed it)");
            }
            if (!out.ok()) {
                String what = failedStep(out, "switching back");
                log.error("rolling back failed: " + what);
                return done.with(HostOutcome.ROLLBACK_FAILED, now, why + "; rolling back failed: " + what);
            }
            return done.with(HostOutcome.ROLLED_BACK, now, why + "; rolled back to " + (previous == null ? "no release" : previous));
        } catch (HostFailure | IOException e) {
            log.error("rolling back failed: " + describe(e));
            return done.with(HostOutcome.ROLLBACK_FAILED, readCurrentQuietly(), why + "; rolling back failed: " + describe(e));
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
            step("connect", session::connect);
            step("prepare", () -> prepare(false));
            if (to.equals(previous)) {
                return report(HostOutcome.UNCHANGED, previous, "already on " + to);
            }
            String s = "if [ ! -d \"$B/releases/" + to + "\" ]; then echo \"" + MARK + "missing=$(ls -1 \"$B/releases\" | tr '\\n' ' ')\"; exit 31; fi\n"
                    + "echo " + RemoteHost.STEP_MARKER + "switch\n"
                    + scripts.switchTo(to)
                    + "echo " + MARK + "switched=yes\n"
                    + scripts.hooks(plan.afterSwitch(), "afterSwitch", to, previous)
                    + scripts.revision("switched to " + to + " (previous " + (previous == null ? "none" : previous) + ")");
            ScriptRun out = run(s, plan.commandTimeout().multipliedBy(1 + plan.afterSwitch().size()), log::info);
            switched = out.marker("switched") != null;
            if (out.exitCode() == 31) {
                return report(HostOutcome.FAILED, previous, "release " + to + " is not on the host; releases there: " + out.marker("missing"));
            }
            if (!out.ok()) {
                String what = failedStep(out, "switching to " + to);
                log.error(what);
                return report(switched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, readCurrentQuietly(), what);
            }
            log.info("current -> releases/" + to);
            return report(HostOutcome.SWITCHED, to, null);
        } catch (HostFailure | IOException e) {
            log.error(describe(e));
            return report(switched ? HostOutcome.ROLLBACK_FAILED : HostOutcome.FAILED, readCurrentQuietly(), describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report(HostOutcome.FAILED, readCurrentQuietly(), "aborted during " + phase);
        } finally {
            release();
        }
    }

    /** Dry run: connects (trust checked), checks permissions, tools and the lock; changes nothing. */
    HostReport check() {
        try {
            step("connect", session::connect);
            ScriptRun out = run("echo \"" + MARK + "current=$(readlink \"$B/current\" 2>/dev/null)\"\n"
                    + "d=\"$B\"; while [ ! -d \"$d\" ]; do d=$(dirname \"$d\"); done\n"
                    + "[ -w \"$d\" ] && echo " + MARK + "writable=yes || echo \"" + MARK + "writable=$d\"\n"
                    + "m=''; for t in tar tee ln mv readlink mkdir" + (plan.artifact().kind() == LocalArtifact.Kind.ZIP ? " unzip" : "")
                    + "; do command -v $t >/dev/null 2>&1 || m=\"$m $t\"; done\n"
                    + "command -v openssl >/dev/null 2>&1 || command -v sha256sum >/dev/null 2>&1 || command -v shasum >/dev/null 2>&1"
                    + " || m=\"$m sha256sum\"\n"
                    + "[ -z \"$m\" ] || echo \"" + MARK + "missing=$m\"\n"
                    + "[ -d \"$B/.slipway/lock\" ] && echo \"" + MARK + "lock=$(cat \"$B/.slipway/lock/owner\" 2>/dev/null)\"; true",
                    plan.commandTimeout(), line -> { });
            previous = releaseOf(out.marker("current"));
            List<String> problems = new ArrayList<>();
            String writable = out.marker("writable");
            if (writable != null && !writable.equals("yes")) {
                problems.add("cannot write " + writable + " as " + host.user());
            }
            if (out.marker("missing") != null) {
                problems.add("not installed:" + out.marker("missing"));
            }
            if (out.marker("lock") != null) {
                problems.add("locked by " + out.marker("lock"));
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
            return report(HostOutcome.FAILED, null, describe(e));
        } finally {
            release();
        }
    }

    // ---------------------------------------------------------------- load balancer (traffic control)

    /**
     * Before a host goes back to its load balancer: runs the health check against the release it runs now (after a
     * switch back, the previous one). Returns null when it passes (or there is no health check: the balancer's own
     * check decides), else why not. Never throws; keeps an interrupt flag set.
     */
    String healthBeforeRejoin() {
        if (!plan.health().enabled()) {
            return null;
        }
        try {
            step("connect", session::connect);
            step("health", this::health);
            return null;
        } catch (HostFailure e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the health check was interrupted";
        } finally {
            session.close();
        }
    }

    // ---------------------------------------------------------------- phases

    /**
     * One script: create the directories, take the lock (or break a stale one), remove what a dead deploy left,
     * read {@code current} and the free space.
     */
    private void prepare(boolean needSpace) throws HostFailure, IOException, InterruptedException {
        prepared(run(scripts.prepare(needSpace), plan.commandTimeout(), log::debug));
    }

    /** What the prepare part of a script said: the lock, the current release, the free space. */
    private void prepared(ScriptRun out) throws HostFailure {
        String holder = out.marker("holder") == null || out.marker("holder").isEmpty() ? "unknown" : out.marker("holder");
        long age = ScriptRun.parseLong(out.marker("age"), -1);
        if (out.exitCode() == 40) {
            throw new HostFailure("the deploy lock " + plan.baseDir() + "/.slipway/lock is held (" + holder + ", " + age
                    + " s old): another deploy is running, or one died. Wait for it, or if no deploy runs, set"
                    + " lock.breakStaleLockAfterMinutes or remove " + plan.baseDir() + "/.slipway/lock on " + host.address());
        }
        if (out.marker("broken") != null) {
            log.warn("breaking the stale deploy lock (" + holder + ", " + age / 60 + " min old, older than "
                    + plan.breakStaleLockAfterMinutes() + " min as lock.breakStaleLockAfterMinutes allows)");
        }
        if (out.exitCode() == 3 || out.exitCode() == 4 || !locked && !out.ok()) {
            throw new HostFailure("cannot " + (out.exitCode() == 4 ? "remove leftovers of interrupted deploys" : "create " + plan.baseDir()
                    + " and take the deploy lock") + " in " + plan.baseDir() + ": the command " + ScriptRun.exit(out.exitCode()) + out.lastLines());
        }
        previous = releaseOf(out.marker("before"));
        absoluteBase = out.marker("base");
        if (out.exitCode() == 41) {
            long freeKb = ScriptRun.parseLong(out.marker("free"), -1);
            long needKb = (plan.artifact().size() * (plan.artifact().kind() == LocalArtifact.Kind.FILE ? 1 : 2)) / 1024 + 1024;
            throw new HostFailure(String.format(Locale.ROOT, "only %.1f MB are free in %s; the upload and its unpacked release need"
                    + " about %.1f MB. Free space on %s (old releases: lower keepReleases) and deploy again.", freeKb / 1024.0,
                    plan.baseDir(), needKb / 1024.0, host.address()));
        }
    }

    /**
     * Takes the lock and streams the artifact in one round trip: the host runs the prepare part, then hashes the
     * artifact while it arrives (the engine starts sending at once; when the host stops early, because the lock
     * is held or the release is already current, the rest is not sent). With SFTP: prepare, upload, hash.
     * Returns false when the host is already on the release.
     */
    private boolean prepareAndUpload(String tmp) throws HostFailure, IOException, InterruptedException {
        LocalArtifact a = plan.artifact();
        long total = Math.max(1, a.size());
        long t0 = System.nanoTime();
        int[] lastTenth = {-1};
        long[] lastTime = {t0};
        java.util.function.LongConsumer progress = sent -> {
            int tenth = (int) (sent * 10 / total);
            long now = System.nanoTime();
            if (tenth != lastTenth[0] && (tenth == 10 || now - lastTime[0] > 1_000_000_000L || tenth % 5 == 0)) {
                lastTenth[0] = tenth;
                lastTime[0] = now;
                double secs = Math.max(1e-3, (now - t0) / 1e9);
                log.progress(String.format(Locale.ROOT, "upload %3d%% %.1f/%.1f MB %.1f MB/s", sent * 100 / total,
                        sent / 1e6, total / 1e6, sent / 1e6 / secs));
            }
        };
        ScriptRun out;
        if (plan.upload() == Upload.SFTP) {
            prepare(true);
            if (plan.releaseId().equals(previous)) {
                return false;
            }
            session.upload(a.file(), sftpPath(tmp), progress);
            out = run(scripts.hashUpload(tmp), plan.commandTimeout(), log::debug);
        } else {
            out = run(scripts.streamUpload(tmp), a.file(), plan.commandTimeout(), log::debug, progress);
            prepared(out);
            if (out.marker("unchanged") != null) {
                return false;
            }
        }
        if (!out.ok()) {
            throw new HostFailure("cannot store the upload in " + plan.baseDir() + "/.slipway/tmp: the command " + ScriptRun.exit(out.exitCode())
                    + out.lastLines() + (out.exitCode() == 5 ? " (is the disk full?)" : ""));
        }
        String remoteSum = out.marker("sha256") == null ? "" : out.marker("sha256").trim();
        if (!remoteSum.equalsIgnoreCase(a.sha256())) {
            throw new HostFailure("checksum mismatch: the artifact's SHA-256 is " + a.sha256() + " but the host computed '"
                    + remoteSum + "' for the upload; the transfer was corrupted or the file changed. Deploy again.");
        }
        log.info("checksum verified (sha256 " + remoteSum.substring(0, 12) + "...)");
        return true;
    }

    /** One script: unpack into a hidden directory and rename it, beforeSwitch hooks, atomic switch, afterSwitch hooks. */
    private void install(String tmp, boolean finish) throws HostFailure, IOException, InterruptedException {
        String id = plan.releaseId();
        String s = scripts.install(tmp, finish, previous);
        unpacking = true;
        ScriptRun out = run(s, plan.commandTimeout(), log::info);
        switched = out.marker("switched") != null;
        if (!out.ok()) {
            throw new HostFailure(failedStep(out, "install into releases/" + id));
        }
        log.info("current -> releases/" + id);
        if (finish) {
            finished(out);
        }
    }

    private void health() throws HostFailure, InterruptedException {
        String failure = plan.health().check(host, (command, timeout) -> {
            RemoteHost.ExecResult out = session.exec("cd \"$B/current\" && eval " + Shell.quote(command), timeout, log::debug);
            return out.ok() ? null : "'" + command + "' " + ScriptRun.exit(out.exitCode()) + new ScriptRun(out.exitCode(), Map.of(), out.tail()).lastLines();
        }, log);
        if (failure != null) {
            throw new HostFailure(failure);
        }
    }

    /**
     * One script: prune the releases beyond {@code keepReleases}, ranked by the deploy history (the most recently
     * current first; releases the history does not know come last, by name), append the revision log, unlock.
     * The new release is live and healthy here, so a failure is only a warning.
     */
    private void finish() throws InterruptedException {
        try {
            ScriptRun out = run(scripts.finish(previous), plan.commandTimeout(), log::debug);
            finished(out);
        } catch (IOException e) {
            log.warn("cannot remove old releases or record the deploy in " + plan.baseDir() + ": " + describe(e));
        }
    }

    /** What the finish said: the releases it removed; the lock is released when it succeeded. */
    private void finished(ScriptRun out) {
        String code = out.marker("finish");
        if ("0".equals(code)) {
            locked = false;
        } else {
            log.warn("removing old releases in " + plan.baseDir() + "/releases failed (" + (code == null ? ScriptRun.exit(out.exitCode())
                    : "exit " + code) + out.lastLines() + "); the deploy itself succeeded");
        }
        String pruned = out.marker("pruned");
        if (pruned != null) {
            log.info("removed old releases " + "[" + String.join(", ", pruned.trim().split(" +")) + "]"
                    + " (keeping " + plan.keepReleases() + ")");
        }
    }

    // ---------------------------------------------------------------- script pieces

    /** What the failing step of a script was, with its exit code and last output. */
    private String failedStep(ScriptRun out, String what) {
        String failed = out.marker("failed");
        String step = out.marker(RemoteHost.STEP_MARKER.substring(MARK.length(), RemoteHost.STEP_MARKER.length() - 1));
        if (out.exitCode() == 11 && failed != null && step != null && step.contains("#")) {
            String hookWhat = step.substring(0, step.lastIndexOf('#'));
            int index = Integer.parseInt(step.substring(step.lastIndexOf('#') + 1));
            List<String> hooks = hookWhat.startsWith("beforeSwitch") ? plan.beforeSwitch() : plan.afterSwitch();
            String code = failed.substring(failed.lastIndexOf(' ') + 1);
            return hookWhat + " hook '" + hooks.get(index) + "' exited " + code + out.lastLines();
        }
        if (out.exitCode() == 10) {
            return "cannot unpack into releases/" + plan.releaseId() + " in " + plan.baseDir() + ": the command exited " + out.exitCode() + out.lastLines();
        }
        if (out.exitCode() == 13 && failed != null) {
            return failed.substring(failed.indexOf(';') + 2);
        }
        if (out.exitCode() == 12) {
            return "cannot switch current in " + plan.baseDir() + ": the command exited " + out.exitCode() + out.lastLines();
        }
        return "cannot " + what + " in " + plan.baseDir() + ": " + (step == null ? "" : "during " + step + ", ") + "the command "
                + ScriptRun.exit(out.exitCode()) + out.lastLines();
    }

    // ---------------------------------------------------------------- helpers

    private void release() {
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("host-release");
        boolean wasInterrupted = Thread.interrupted();
        try {
            if (session.opened() && locked) {
                try {
                    if (session.ensureConnected(locked)) {
                        session.exec(scripts.unlock(), Duration.ofSeconds(30), log::debug);
                        locked = false;
                    }
                } catch (IOException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        wasInterrupted = true;
                    }
                }
                if (locked) {
                    log.warn("could not release the deploy lock " + plan.baseDir() + "/.slipway/lock; remove it on the host");
                }
            }
            session.close();
            io.jenkins.plugins.slipway.engine.core.Timeline.mark("host-closed");
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs a script over the connection, collecting its markers and passing its other lines on. */
    private ScriptRun run(String body, Duration timeout, Consumer<String> lines) throws IOException, InterruptedException {
        return run(body, null, timeout, lines, sent -> { });
    }

    private ScriptRun run(String body, java.nio.file.Path input, Duration timeout, Consumer<String> lines,
            java.util.function.LongConsumer progress) throws IOException, InterruptedException {
        return session.run(body, input, timeout, lines, progress, (key, value) -> {
            if (key.equals("phase")) {
                phase = value.replaceFirst("#\\d+$", "");
            } else if (key.equals("locked")) {
                locked = true; // known at once: a connection lost later must still report the lock
            } else if (key.equals("before")) {
                previous = releaseOf(value);
            }
        });
    }

    private String readCurrentQuietly() {
        boolean interrupted = Thread.interrupted();
        try {
            if (!session.ensureConnected(locked)) {
                return UNREACHABLE;
            }
            return releaseOf(run("echo \"" + MARK + "current=$(readlink \"$B/current\" 2>/dev/null)\"", plan.commandTimeout(), l -> { })
                    .marker("current"));
        } catch (IOException e) {
            return UNREACHABLE;
        } catch (InterruptedException e) {
            interrupted = true;
            return "unknown";
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The path for SFTP: the base directory as the shell resolved it (SFTP knows neither $HOME nor the shell's directory). */
    private String sftpPath(String relative) {
        if (absoluteBase != null && absoluteBase.startsWith("/")) {
            return absoluteBase + "/" + relative;
        }
        String base = plan.baseDir();
        return base.equals("~") ? relative : (base.startsWith("~/") ? base.substring(2) : base) + "/" + relative;
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private void step(String name, Step step) throws HostFailure, InterruptedException {
        phase = name;
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("host-" + name);
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

    static String describe(Throwable e) {
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
                outcome == HostOutcome.UNCHANGED || outcome == HostOutcome.PLANNED || (outcome == HostOutcome.FAILED && !switched && !unpacking)
                        ? null : plan.releaseId(),
                current, outcome, message, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases)), (System.nanoTime() - start) / 1_000_000);
    }

    static Consumer<String> ignore() {
        return line -> { };
    }
}
