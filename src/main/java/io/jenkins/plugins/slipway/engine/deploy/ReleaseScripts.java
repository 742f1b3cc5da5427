package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell scripts of one host's deploy, as text: each starts with {@code B=<baseDir>}, stops at the first failing
 * command and says where with {@code slipway:} marker lines and its exit code (see {@link HostDeployer} for the
 * release model they maintain). {@code previous} is the release {@code current} pointed to before this run.
 */
final class ReleaseScripts {
    /** The prefix of the marker lines a script prints ({@code slipway:key=value}). */
    static final String MARK = "slipway:";

    /** OpenSSL's SHA-256 uses the processor's SHA instructions (4x coreutils' speed); then sha256sum, then shasum. */
    private static final String SUM = "if command -v openssl >/dev/null 2>&1; then S='openssl dgst -sha256 -r'; elif command -v sha256sum >/dev/null 2>&1;"
            + " then S=sha256sum; else S='shasum -a 256'; fi\n";
    /** An openssl without -r (or another surprise) gives no 64-digit sum: then the file is hashed once more. */
    private static final String SUM_CHECK = "case \"$h\" in *[!0-9a-f]*|'') h='' ;; esac\n"
            + "if [ ${#h} -ne 64 ]; then h=$( (sha256sum \"$T\" 2>/dev/null || shasum -a 256 \"$T\") | cut -c1-64 ); fi\n";

    private final DeployHost host;
    private final HostDeployer.Plan plan;
    private final String token;
    /** The line that ends a hook's output: markers are taken only outside hooks, and a hook cannot guess this. */
    final String hookEnd = MARK + "hookEnd=" + java.util.HexFormat.of().formatHex(newNonce());

    ReleaseScripts(DeployHost host, HostDeployer.Plan plan, String token) {
        this.host = host;
        this.plan = plan;
        this.token = token;
    }

    /**
     * Create the directories, take the lock (or break a stale one), remove what a dead deploy left, read
     * {@code current} and, when {@code needSpace}, stop if the release is already current or the disk is too full.
     */
    String prepare(boolean needSpace) {
        String owner = "who=" + plan.who() + " release=" + plan.releaseId() + " token=" + token + " since=" + Instant.now();
        Integer stale = plan.breakStaleLockAfterMinutes();
        long needKb = (plan.artifact().size() * (plan.artifact().kind() == LocalArtifact.Kind.FILE ? 1 : 2)) / 1024 + 1024;
        return "mkdir -p \"$B/releases\" \"$B/.slipway/tmp\" || exit 3\n"
                + "L=\"$B/.slipway/lock\"\n"
                + "if mkdir \"$L\" 2>/dev/null; then\n"
                + "  printf '%s\\n' " + Shell.quote(owner) + " > \"$L/owner\" || exit 3\n"
                + "else\n"
                + "  age=$(( $(date +%s) - $(stat -c %Y \"$L\" 2>/dev/null || stat -f %m \"$L\") ))\n"
                + "  echo \"" + MARK + "age=$age\"; echo \"" + MARK + "holder=$(head -n 1 \"$L/owner\" 2>/dev/null)\"\n"
                + (stale == null ? "  exit 40\n"
                : "  [ \"$age\" -ge " + stale * 60L + " ] || exit 40\n"
                + "  rm -rf \"$L\" && mkdir \"$L\" && printf '%s\\n' " + Shell.quote(owner) + " > \"$L/owner\" || exit 3\n"
                + "  echo " + MARK + "broken=yes\n")
                + "fi\n"
                + "echo " + MARK + "locked=yes\n"
                + "rm -rf \"$B\"/.slipway/tmp/* \"$B\"/releases/.*.partial \"$B\"/.current.* || exit 4\n"
                + "cur=$(readlink \"$B/current\" 2>/dev/null)\n"
                + "echo \"" + MARK + "before=$cur\"\n"
                + (plan.upload() == HostDeployer.Upload.SFTP ? "echo \"" + MARK + "base=$(cd \"$B\" && pwd -P)\"\n" : "")
                + (needSpace ? "[ \"$cur\" != 'releases/" + plan.releaseId() + "' ] || { echo " + MARK + "unchanged=yes; exit 0; }\n"
                + "f=$(df -Pk \"$B/.slipway/tmp\" 2>/dev/null | awk 'NR==2 {print $4}')\n"
                + "if [ -n \"$f\" ] && [ \"$f\" -lt " + needKb + " ] 2>/dev/null; then echo \"" + MARK + "free=$f\"; exit 41; fi\n" : "");
    }

    /** Unpack into a hidden directory and rename it, beforeSwitch hooks, atomic switch, afterSwitch hooks. */
    String install(String tmp, boolean finish, String previous) throws IOException {
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
        return "T=\"$B/" + tmp + "\"; P=\"$B/releases/." + id + ".partial\"; R=\"$B/releases/" + id + "\"\n"
                + "echo " + RemoteHost.STEP_MARKER + "unpack\n"
                + "{ rm -rf \"$P\" && mkdir -p \"$P\" && " + extract + " && printf '%s\\n' " + Shell.quote(Json.write(meta))
                + " > \"$P/.slipway-release.json\" && " + (plan.artifact().kind() == LocalArtifact.Kind.FILE ? "" : "rm -f \"$T\" && ")
                + "rm -rf \"$R\" && mv \"$P\" \"$R\"; } </dev/null"
                + " || { echo " + MARK + "failed=unpack; exit 10; }\n"
                + hooks(plan.beforeSwitch(), "beforeSwitch", id, previous)
                + "echo " + RemoteHost.STEP_MARKER + "switch\n"
                + switchTo(id)
                + "echo " + MARK + "switched=yes\n"
                + hooks(plan.afterSwitch(), "afterSwitch", id, previous)
                + "echo " + MARK + "installed=yes\n"
                + (finish ? "echo " + RemoteHost.STEP_MARKER + "finish\n" + finish(previous) : "");
    }

    /**
     * The prepare part, then the artifact from standard input into {@code tmp}, hashed while it is written; a failed
     * write leaves a mark, and the hashing end drains its input so that the writer never stops early.
     */
    String streamUpload(String tmp) {
        return prepare(true) + SUM + "T=\"$B/" + tmp + "\"\n"
                + "h=$( { tee \"$T\" || : > \"$T.failed\"; } | { $S; cat > /dev/null; } | cut -c1-64 )\n"
                + "if [ -e \"$T.failed\" ]; then rm -f \"$T.failed\"; exit 5; fi\n"
                + SUM_CHECK + "echo \"" + MARK + "sha256=$h\"";
    }

    /** The SHA-256 of an upload already in {@code tmp} (SFTP). */
    String hashUpload(String tmp) {
        return SUM + "T=\"$B/" + tmp + "\"; h=$($S < \"$T\" | cut -c1-64)\n" + SUM_CHECK + "echo \"" + MARK + "sha256=$h\"";
    }


    /**
     * The finish as a subshell whose failure is only reported ({@code slipway:finish=<exit code>}), so it can also
     * end the install script when there is no health check to wait for.
     */
    String finish(String previous) {
        String id = plan.releaseId();
        StringBuilder s = new StringBuilder("(\n");
        int fixed = previous == null || previous.equals(id) ? 1 : 2;
        s.append("H=\"$B/.slipway/history\"\n");
        s.append("list=$( { awk '{l[NR]=$0} END {for (i = NR; i > 0; i--) print l[i]}' \"$H\" 2>/dev/null; ls -1A \"$B/releases\"; }"
                + " | awk 'NF && !s[$0]++' ) || exit 20\n");
        s.append("n=0; pruned=''\n");
        s.append("for r in $list; do\n");
        s.append("  case \"$r\" in .*|*[!A-Za-z0-9._-]*) continue ;; esac\n");
        s.append("  [ -d \"$B/releases/$r\" ] || continue\n");
        s.append("  if [ \"$r\" = ").append(Shell.quote(id)).append(" ]").append(previous == null ? "" : " || [ \"$r\" = " + Shell.quote(previous) + " ]")
                .append("; then continue; fi\n");
        s.append("  n=$((n + 1))\n");
        s.append("  if [ \"$n\" -gt ").append(Math.max(0, plan.keepReleases() - fixed)).append(" ]; then rm -rf -- \"$B/releases/$r\" || exit 21;"
                + " pruned=\"$pruned $r\"; fi\n");
        s.append("done\n");
        s.append("[ -z \"$pruned\" ] || echo \"").append(MARK).append("pruned=$pruned\"\n");
        s.append("if [ -f \"$H\" ] && [ \"$(wc -l < \"$H\")\" -gt 2000 ]; then tail -n 1000 \"$H\" > \"$H.tmp\" && mv \"$H.tmp\" \"$H\"; fi\n");
        s.append(revision("deployed " + id + " (previous " + (previous == null ? "none" : previous) + ")"));
        s.append(unlock());
        s.append(") </dev/null\n");
        s.append("echo \"").append(MARK).append("finish=$?\"\n");
        return s.toString();
    }

    /** Switch {@code current} atomically (temporary link + rename), check it, record the switch in the history. */
    String switchTo(String release) {
        String tmpLink = "$B/.current." + token;
        String target = Shell.quote("releases/" + checkRelease(release));
        return "ln -sfn " + target + " \"" + tmpLink + "\" && mv -T \"" + tmpLink + "\" \"$B/current\""
                + " || { echo " + MARK + "failed=switch; exit 12; }\n"
                + "[ \"$(readlink \"$B/current\")\" = " + target + " ] || { echo \"" + MARK
                + "failed=switch; after switching, current points to $(readlink \"$B/current\") instead of " + release + "\"; exit 13; }\n"
                + "printf '%s\\n' " + Shell.quote(release) + " >> \"$B/.slipway/history\" || true\n";
    }

    /** {@code release} when it is a release name ({@link io.jenkins.plugins.slipway.request.deploy.DeployRequest#RELEASE_ID}); never anything read unchecked. */
    static String checkRelease(String release) {
        if (release == null || !io.jenkins.plugins.slipway.request.deploy.DeployRequest.RELEASE_ID.matcher(release).matches()) {
            throw new IllegalArgumentException("not a release name: '" + release + "'");
        }
        return release;
    }

    /** Switch back from {@code failed} to {@code previous} (or remove current), run afterSwitch for it, log it. */
    String switchBack(String failed, String revision, String previous) {
        if (UNKNOWN.equals(previous)) {
            return "echo " + RemoteHost.STEP_MARKER + "switchBack\necho \"" + MARK + "failed=switch; current pointed to "
                    + "something that is not a release before this deploy: not switched back to it\"; exit 12\n";
        }
        String back = previous == null
                ? "rm -f \"$B/current\" || { echo " + MARK + "failed=switch; exit 12; }\n"
                : switchTo(previous) + hooks(plan.afterSwitch(), "afterSwitch (rollback)", previous, previous);
        return "echo " + RemoteHost.STEP_MARKER + "switchBack\n" + back + revision(revision);
    }

    /**
     * Each hook in a subshell in the release directory with the SLIPWAY_* variables; the first failing hook ends
     * the script with exit code 11 after naming itself and its exit code.
     */
    String hooks(List<String> commands, String what, String release, String previous) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < commands.size(); i++) {
            String hook = commands.get(i);
            s.append("echo ").append(Shell.quote(what + ": " + hook)).append('\n');
            s.append("echo ").append(RemoteHost.STEP_MARKER).append(Shell.quote(what + "#" + i)).append('\n');
            s.append("( export SLIPWAY_RELEASE_ID=").append(Shell.quote(release))
                    .append(" SLIPWAY_PREVIOUS_RELEASE=").append(Shell.quote(previous == null || previous.equals(release) ? "" : previous))
                    .append(" SLIPWAY_HOST=").append(Shell.quote(host.name()))
                    .append(" SLIPWAY_BASE_DIR=\"$(cd \"$B\" && pwd -P)\"")
                    .append(" && cd \"$B/releases/\"").append(Shell.quote(checkRelease(release))).append(" && export SLIPWAY_RELEASE_DIR=\"$(pwd -P)\" && eval ")
                    .append(Shell.quote(hook)).append(" ) </dev/null; c=$?; echo ").append(hookEnd) // markers count again
                    .append("\n[ \"$c\" = 0 ] || { echo \"").append(MARK).append("failed=hook ").append(i)
                    .append(" exit $c\"; exit 11; }\n");
        }
        return s.toString();
    }

    private static byte[] newNonce() {
        byte[] nonce = new byte[16];
        new java.security.SecureRandom().nextBytes(nonce);
        return nonce;
    }

    /** Appends a line to the revision log: when, which host, what, by whom, which commit. */
    String revision(String what) {
        String line = " " + host.name() + " " + what + " by " + plan.who() + (plan.commit() == null ? "" : " commit " + plan.commit());
        String stamp = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return "printf '%s\\n' " + Shell.quote(stamp + line) + " >> \"$B/.slipway/revisions.log\" || true\n";
    }

    /** Removes the deploy lock when this run holds it (its token is in the owner file). */
    String unlock() {
        // read is a shell builtin: no process for the common case
        return "o=''; [ -f \"$B/.slipway/lock/owner\" ] && IFS= read -r o < \"$B/.slipway/lock/owner\"\n"
                + "case \"$o\" in *'token=" + token + " '*) rm -rf \"$B/.slipway/lock\" || exit 23 ;; esac\n";
    }

    /** A script that starts with {@code B=<baseDir>}; {@code ~} and {@code ~/} mean the login directory. */
    String script(String body) {
        String base = plan.baseDir();
        String assign = base.equals("~") ? "B=\"$HOME\"" : base.startsWith("~/") ? "B=\"$HOME\"/" + Shell.quote(base.substring(2))
                : "B=" + Shell.quote(base);
        return assign + "\n" + body;
    }

    /** What {@link #releaseOf} gives for a link that names no release: shown as is, never switched to. */
    static final String UNKNOWN = "(unknown)";

    /**
     * The release a {@code current} link target names ({@code releases/<id>}), or null for none; anything that is not
     * a release name ({@link io.jenkins.plugins.slipway.request.deploy.DeployRequest#RELEASE_ID}) is {@link #UNKNOWN}, so a value read from a host never
     * reaches a script.
     */
    static String releaseOf(String target) {
        if (target == null || target.isBlank()) {
            return null;
        }
        String t = target.trim();
        String id = t.startsWith("releases/") ? t.substring("releases/".length()) : t.contains("/") ? null : t;
        return id != null && io.jenkins.plugins.slipway.request.deploy.DeployRequest.RELEASE_ID.matcher(id).matches() ? id : UNKNOWN;
    }
}
