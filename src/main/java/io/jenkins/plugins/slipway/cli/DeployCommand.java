package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.TaskRunner;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.deploy.DeployService;
import io.jenkins.plugins.slipway.request.Capability;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
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
        description = {"Deploy a release over SSH: upload, verify, unpack into releases/<id>, switch current atomically, "
                + "health-check, roll back on failure; rolling batches with a failure budget.",
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

    @Option(names = "--artifact", paramLabel = "PATH", description = StepHelp.SshDeploy.ARTIFACT)
    String artifact;

    @Was("--release")
    @Option(names = "--release-id", paramLabel = "ID", description = StepHelp.SshDeploy.RELEASE_ID + " E.g. 42-1a2b3c4 (build number and short commit).")
    String releaseId;

    @Option(names = "--commit", paramLabel = "COMMIT", description = StepHelp.SshDeploy.COMMIT)
    String commit;

    @Option(names = "--before-switch", paramLabel = "CMD", description = StepHelp.SshDeploy.BEFORE_SWITCH + " Repeatable.")
    List<String> beforeSwitch;

    @Was("--keep")
    @Option(names = "--keep-releases", paramLabel = "N", description = StepHelp.SshDeploy.KEEP_RELEASES + " Default 5.")
    Integer keepReleases;

    @Was("--max-failed")
    @Option(names = "--max-failed-hosts", paramLabel = "N", description = StepHelp.SshDeploy.MAX_FAILED_HOSTS)
    Integer maxFailedHosts;

    @Was("--min-healthy")
    @Option(names = "--min-healthy-percent", paramLabel = "PERCENT", description = StepHelp.SshDeploy.MIN_HEALTHY_PERCENT)
    Integer minHealthyPercent;

    @Was("--rollback-all")
    @Option(names = "--rollback-all-on-failure", description = StepHelp.SshDeploy.ROLLBACK_ALL_ON_FAILURE)
    Boolean rollbackAllOnFailure;

    @Mixin
    HealthCheck healthCheck;

    /** The load balancer around each host's switch: the request's {@code rollout.traffic} object. */
    @RequestOptions
    static final class Traffic {
        @Mixin
        Haproxy haproxy;

        @Mixin
        Hooks hooks;

        @Mixin
        Elbv2 elbv2;

        @Was("--traffic-server")
        @Option(names = "--traffic-servers", paramLabel = "HOST=SERVER", description = StepHelp.SshDeploy.TRAFFIC_SERVERS + " Repeatable.")
        java.util.Map<String, String> servers;

        @Was("--drain-timeout")
        @Option(names = "--drain-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.DRAIN_TIMEOUT_SECONDS)
        Integer drainTimeoutSeconds;

        @Was("--healthy-timeout")
        @Option(names = "--healthy-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.HEALTHY_TIMEOUT_SECONDS)
        Integer healthyTimeoutSeconds;

        @Was("--traffic-min-healthy")
        @Option(names = "--traffic-min-healthy-percent", paramLabel = "PERCENT", description = StepHelp.SshDeploy.TRAFFIC_MIN_HEALTHY_PERCENT)
        Integer minHealthyPercent;
    }

    /** HAProxy's runtime API: {@code traffic.haproxy}. */
    @RequestOptions
    static final class Haproxy {
        @Option(names = "--haproxy-address", paramLabel = "HOST:PORT", description = StepHelp.SshDeploy.HAPROXY_ADDRESS)
        String address;

        @Option(names = "--haproxy-socket", paramLabel = "PATH", description = StepHelp.SshDeploy.HAPROXY_SOCKET)
        String socket;

        @Option(names = "--haproxy-ssh-host", paramLabel = "HOST", description = StepHelp.SshDeploy.HAPROXY_SSH_HOST)
        String sshHost;

        @Option(names = "--haproxy-backend", paramLabel = "NAME", description = StepHelp.SshDeploy.HAPROXY_BACKEND)
        String backend;
    }

    /** AWS target groups: {@code traffic.elbv2}; AWS keys from the environment, as for {@code slipway ec2}. */
    @RequestOptions
    static final class Elbv2 {
        @Was("--target-group")
        @Option(names = "--target-groups", paramLabel = "ARN|NAME", description = StepHelp.SshDeploy.TARGET_GROUPS
                + " Repeatable.")
        java.util.List<String> targetGroups;

        @Option(names = "--target-port", paramLabel = "PORT", description = StepHelp.SshDeploy.TARGET_PORT)
        Integer port;

        @Option(names = "--aws-region", paramLabel = "REGION", description = StepHelp.SshDeploy.AWS_REGION)
        String region;

        @Option(names = "--aws-endpoint", paramLabel = "URL", description = StepHelp.SshDeploy.AWS_ENDPOINT)
        String endpoint;

        @Option(names = "--aws-credentials", paramLabel = "MODE",
                description = "AUTO (keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else the default chain), KEYS"
                        + " or DEFAULT_CHAIN.")
        String credentials;

        @Option(names = "--aws-role-arn", paramLabel = "ARN", description = StepHelp.SshDeploy.AWS_ROLE_ARN)
        String roleArn;

        @Option(names = "--aws-external-id", paramLabel = "ID", description = StepHelp.SshDeploy.AWS_EXTERNAL_ID)
        String externalId;
    }

    /** Any other balancer by commands: {@code traffic.hooks}. */
    @RequestOptions
    static final class Hooks {
        @Option(names = "--drain-command", paramLabel = "CMD", description = StepHelp.SshDeploy.DRAIN_COMMAND)
        String drainCommand;

        @Option(names = "--ready-command", paramLabel = "CMD", description = StepHelp.SshDeploy.READY_COMMAND)
        String readyCommand;

        @Option(names = "--traffic-commands-on", paramLabel = "host|agent", description = StepHelp.SshDeploy.TRAFFIC_COMMANDS_ON)
        String on;

        @Was("--drain-wait")
        @Option(names = "--drain-wait-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.DRAIN_WAIT_SECONDS)
        Integer drainWaitSeconds;

        @Was("--ready-wait")
        @Option(names = "--ready-wait-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.READY_WAIT_SECONDS)
        Integer readyWaitSeconds;
    }

    /** The health check after the switch: the request's {@code healthCheck} object. */
    @RequestOptions
    static final class HealthCheck {
        @Option(names = "--health-url", paramLabel = "URL", description = StepHelp.SshDeploy.HEALTH_URL)
        String url;

        @Option(names = "--health-command", paramLabel = "CMD", description = StepHelp.SshDeploy.HEALTH_COMMAND)
        String command;

        @Was("--health-status")
        @Option(names = "--health-expect-status", paramLabel = "STATUS", description = StepHelp.SshDeploy.HEALTH_EXPECT_STATUS + " Default 200.")
        Integer expectStatus;

        @Was("--health-body")
        @Option(names = "--health-expect-body", paramLabel = "TEXT", description = StepHelp.SshDeploy.HEALTH_EXPECT_BODY)
        String expectBody;

        @Option(names = "--health-retries", paramLabel = "N", description = StepHelp.SshDeploy.HEALTH_RETRIES + " Default 10.")
        Integer retries;

        @Was("--health-interval")
        @Option(names = "--health-interval-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.HEALTH_INTERVAL_SECONDS + " Default 3.")
        Double intervalSeconds;

        @Was("--health-timeout")
        @Option(names = "--health-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.HEALTH_TIMEOUT_SECONDS + " Default 5.")
        Double timeoutSeconds;
    }

    @Override
    public Integer call() throws Exception {
        return connection.run(Capability.DEPLOY.task(), this, DeployRequest.class, options);
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

        @Was("--to")
        @Option(names = "--rollback-to", paramLabel = "ID", required = true, description = StepHelp.SshDeploy.ROLLBACK_TO)
        String to;

        @Override
        public Integer call() throws Exception {
            return connection.run(Capability.DEPLOY_ROLLBACK.task(), this, DeployRollbackRequest.class, options);
        }
    }

    /**
     * What deploy and rollback share: the request file, the key, who deploys, the commands after the switch, and the
     * request's two groups, {@code target} ({@link TargetOptions}) and {@code rollout} ({@link RolloutOptions}).
     */
    @RequestOptions
    static final class Connection {
        @Option(names = "--request", paramLabel = "FILE.json", description = "Start from this request; options override its fields.")
        @JsonIgnore
        Path requestFile;

        @Option(names = "--key-file", paramLabel = "FILE", description = "Private key file (passphrase: SLIPWAY_SSH_PASSPHRASE).")
        @JsonIgnore
        Path keyFile;

        @Mixin
        TargetOptions target;

        @Mixin
        RolloutOptions rollout;

        @Option(names = "--deployed-by", paramLabel = "WHO", description = "Who deploys (metadata; default user@machine).")
        String deployedBy;

        @Option(names = "--after-switch", paramLabel = "CMD", description = StepHelp.SshDeploy.AFTER_SWITCH + " Repeatable.")
        List<String> afterSwitch;

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
            // for AWS target groups (--target-group), as 'slipway ec2' takes them
            values.put("awsAccessKeyId", System.getenv("AWS_ACCESS_KEY_ID"));
            values.put("awsSecretAccessKey", System.getenv("AWS_SECRET_ACCESS_KEY"));
            values.put("awsSessionToken", System.getenv("AWS_SESSION_TOKEN"));
            return CommonOptions.secrets(values);
        }

        /** Runs {@code task} with the request of {@code command} (a request of {@code type}). */
        int run(String task, Object command, Class<?> type, CommonOptions options) throws SlipwayException, InterruptedException {
            // the task's warm-up (SSH and crypto set-up on a second thread) starts before the options are bound into
            // the request, so that the two overlap
            Secrets secrets = secrets();
            TaskContext context = new TaskContext(options.log("", secrets), secrets, options.workDir());
            TaskRunner.warmUp(task, context);
            ObjectNode request = Requests.bind(command, requestFile, options.workDir(), type);
            io.jenkins.plugins.slipway.engine.core.Timeline.mark("arguments-bound");
            return TaskRunner.run(task, request, context, options.json());
        }
    }

    /** The hosts, their login and trust, and the application's directory on them: the request's {@code target}. */
    @RequestOptions
    static final class TargetOptions {
        @Was("--host")
        @Option(names = {"-H", "--host-list"}, paramLabel = "USER@HOST:PORT", description = StepHelp.SshDeploy.HOST_LIST + " Repeatable.")
        List<String> hosts;

        @Option(names = "--hosts-file", paramLabel = "FILE.json",
                description = StepHelp.SshDeploy.HOSTS_FILE + " E.g. the --json result of ec2 launch.")
        String hostsFile;

        @Option(names = "--user", paramLabel = "USER", description = StepHelp.SshDeploy.USER)
        String user;

        @Was("--jump")
        @Option(names = "--jump-host", paramLabel = "USER@HOST:PORT", description = StepHelp.SshDeploy.JUMP_HOST)
        String jumpHost;

        @Option(names = "--base-dir", paramLabel = "DIR", description = StepHelp.SshDeploy.BASE_DIR)
        String baseDir;

        @Was("--known-hosts")
        @Option(names = "--known-hosts-file", paramLabel = "FILE", description = StepHelp.SshDeploy.KNOWN_HOSTS_FILE)
        String knownHostsFile;

        @Option(names = "--accept-new", description = StepHelp.SshDeploy.ACCEPT_NEW)
        Boolean acceptNew;

        @Option(names = "--insecure", description = StepHelp.SshDeploy.INSECURE)
        Boolean insecure;

        @Was("--connect-timeout")
        @Option(names = "--connect-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.CONNECT_TIMEOUT_SECONDS + " Default 15.")
        Integer connectTimeoutSeconds;

        @Was("--command-timeout")
        @Option(names = "--command-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.SshDeploy.COMMAND_TIMEOUT_SECONDS + " Default 600.")
        Integer commandTimeoutSeconds;
    }

    /** Batches, parallelism, the lock, the load balancer and the dry run: the request's {@code rollout}. */
    @RequestOptions
    static final class RolloutOptions {
        @Option(names = "--batch", paramLabel = "N|P%", description = StepHelp.SshDeploy.BATCH + " Default 1.")
        String batch;

        @Was("--parallel")
        @Option(names = "--parallelism", paramLabel = "N", description = StepHelp.SshDeploy.PARALLELISM)
        Integer parallelism;

        @Mixin
        Lock lock;

        @Mixin
        Traffic traffic;

        @Option(names = "--dry-run", description = StepHelp.SshDeploy.DRY_RUN)
        Boolean dryRun;
    }

    /** The deploy lock on the hosts: the request's {@code rollout.lock} object. */
    @RequestOptions
    static final class Lock {
        @Was("--break-stale-lock")
        @Option(names = "--break-stale-lock-after-minutes", paramLabel = "MINUTES", description = StepHelp.SshDeploy.BREAK_STALE_LOCK_AFTER_MINUTES)
        Integer breakStaleLockAfterMinutes;
    }
}
