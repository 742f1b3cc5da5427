package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.deploy.DeployService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway deploy} and {@code slipway deploy rollback --to <releaseId>}. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a release over SSH: upload, verify, unpack into releases/<id>, switch current atomically,",
            "health-check, roll back on failure; rolling batches with a failure budget.",
            "Credentials: --key-file (+ SLIPWAY_SSH_PASSPHRASE) or SLIPWAY_SSH_PRIVATE_KEY / SLIPWAY_SSH_PASSWORD in the environment."},
        subcommands = DeployCommand.Rollback.class)
@RequestOptions
final class DeployCommand implements Callable<Integer> {

    @Mixin
    @JsonIgnore
    CommonOptions options;

    @Mixin
    @JsonUnwrapped
    Connection connection;

    @Option(names = "--artifact", paramLabel = "PATH", description = "File (tar.gz, tgz, tar, zip, any) or directory to deploy.")
    String artifact;

    @Option(names = "--release", paramLabel = "ID", description = "Release id, e.g. 42-1a2b3c4 (build + short commit).")
    String releaseId;

    @Option(names = "--commit", description = "Commit of the release (metadata).")
    String commit;

    @Option(names = "--before-switch", paramLabel = "CMD", description = "Command run in the new release before the switch (repeatable).")
    List<String> beforeSwitch;

    @Option(names = "--after-switch", paramLabel = "CMD", description = "Command run after the switch, e.g. a service restart (repeatable).")
    List<String> afterSwitch;

    @Option(names = "--keep", paramLabel = "N", description = "Releases to keep per host (default 5).")
    Integer keepReleases;

    @Option(names = "--max-failed", paramLabel = "N", description = "Failure budget: hosts that may fail (default 0).")
    Integer maxFailedHosts;

    @Option(names = "--min-healthy", paramLabel = "PERCENT", description = "Failure budget: share of hosts that must succeed.")
    Integer minHealthyPercent;

    @Option(names = "--rollback-all", description = "When the budget is exceeded, roll back every host of this run.")
    Boolean rollbackAllOnFailure;

    @Mixin
    HealthCheck healthCheck;

    /** The health check after the switch: the request's {@code healthCheck} object. */
    @RequestOptions
    static final class HealthCheck {
        @Option(names = "--health-url", paramLabel = "URL", description = "HTTP health check after the switch; {host} and {name} are replaced.")
        String url;

        @Option(names = "--health-command", paramLabel = "CMD", description = "Health check command run on the host in the new release.")
        String command;

        @Option(names = "--health-status", description = "Expected HTTP status (default 200).")
        Integer expectStatus;

        @Option(names = "--health-body", paramLabel = "TEXT", description = "Text the health answer must contain.")
        String expectBody;

        @Option(names = "--health-retries", paramLabel = "N", description = "Health check attempts (default 10).")
        Integer retries;

        @Option(names = "--health-interval", paramLabel = "SECONDS", description = "Seconds between attempts (default 3).")
        Double intervalSeconds;

        @Option(names = "--health-timeout", paramLabel = "SECONDS", description = "Timeout of one attempt (default 5).")
        Double timeoutSeconds;
    }

    @Override
    public Integer call() throws Exception {
        return connection.run("deploy", Requests.bind(this, connection.requestFile, options.workDir()), options);
    }

    /** {@code slipway deploy rollback --to <releaseId>}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Switch every host to a release that is still on it, then run the --after-switch commands.")
    @RequestOptions
    static final class Rollback implements Callable<Integer> {
        @Mixin
        @JsonIgnore
        CommonOptions options;

        @Mixin
        @JsonUnwrapped
        Connection connection;

        @Option(names = "--to", paramLabel = "ID", required = true, description = "The release to switch to.")
        String to;

        @Option(names = "--after-switch", paramLabel = "CMD", description = "Command run after the switch (repeatable).")
        List<String> afterSwitch;

        @Override
        public Integer call() throws Exception {
            return connection.run("deploy-rollback", Requests.bind(this, connection.requestFile, options.workDir()),
                    options);
        }
    }

    /** Hosts, trust, credentials and rollout options shared by deploy and rollback. */
    @RequestOptions
    static final class Connection {
        @Option(names = "--request", paramLabel = "FILE.json", description = "Start from this request; options override its fields.")
        @JsonIgnore
        Path requestFile;

        @Option(names = {"-H", "--host"}, paramLabel = "USER@HOST:PORT", description = "Target host (repeatable).")
        List<String> hosts;

        @Option(names = "--hosts-file", paramLabel = "FILE.json",
                description = "Hosts as JSON: a list of host objects, or an object with 'hosts' (the ec2-launch result).")
        String hostsFile;

        @Option(names = "--user", description = "Login user for hosts that name none.")
        String user;

        @Option(names = "--jump", paramLabel = "USER@HOST:PORT", description = "Jump host (bastion).")
        String jumpHost;

        @Option(names = "--base-dir", paramLabel = "DIR", description = "Application directory on the hosts, e.g. /srv/app.")
        String baseDir;

        @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file to trust (and, with --accept-new, to extend).")
        String knownHostsFile;

        @Option(names = "--accept-new", description = "Trust hosts seen for the first time and remember them in --known-hosts.")
        Boolean acceptNew;

        @Option(names = "--insecure", description = "Do NOT verify host keys (warns on every run).")
        Boolean insecure;

        @Option(names = "--key-file", paramLabel = "FILE", description = "Private key file (passphrase: SLIPWAY_SSH_PASSPHRASE).")
        @JsonIgnore
        Path keyFile;

        @Option(names = "--batch", paramLabel = "N|P%", description = "Hosts per batch: a count or a percentage (default 1).")
        String batch;

        @Mixin
        Lock lock;

        @Option(names = "--deployed-by", paramLabel = "WHO", description = "Who deploys (metadata; default user@machine).")
        String deployedBy;

        @Option(names = "--dry-run", description = "Connect, check trust, permissions, tools and locks, print the plan; change nothing.")
        Boolean dryRun;

        @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "SSH connect timeout (default 15).")
        Integer connectTimeoutSeconds;

        @Option(names = "--command-timeout", paramLabel = "SECONDS", description = "Timeout of every remote command (default 600).")
        Integer commandTimeoutSeconds;

        @Option(names = "--parallel", paramLabel = "N", description = "Hosts of a batch worked on at once (default: 8 per core, 8..32).")
        Integer parallelism;

        /** Secrets from --key-file or the environment; never from a command-line value. */
        Secrets secrets() throws SlipwayException {
            Map<String, String> values = new LinkedHashMap<>();
            String key = System.getenv("SLIPWAY_SSH_PRIVATE_KEY");
            if (keyFile != null) {
                try {
                    key = Files.readString(keyFile);
                } catch (IOException e) {
                    throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "Cannot read --key-file " + keyFile + ": " + e.getMessage(), e);
                }
            }
            values.put(DeployService.PRIVATE_KEY, key);
            values.put(DeployService.PASSPHRASE, System.getenv("SLIPWAY_SSH_PASSPHRASE"));
            values.put(DeployService.PASSWORD, System.getenv("SLIPWAY_SSH_PASSWORD"));
            return CommonOptions.secrets(values);
        }

        int run(String task, ObjectNode request, CommonOptions options) throws SlipwayException, InterruptedException {
            Secrets secrets = secrets();
            TaskContext context = new TaskContext(options.log("", secrets), secrets, options.workDir());
            return TaskRunner.run(task, request, context, options.json());
        }
    }

    /** The deploy lock on the hosts: the request's {@code lock} object. */
    @RequestOptions
    static final class Lock {
        @Option(names = "--break-stale-lock", paramLabel = "MINUTES", description = "Break a deploy lock older than this.")
        Integer breakStaleLockAfterMinutes;
    }
}
