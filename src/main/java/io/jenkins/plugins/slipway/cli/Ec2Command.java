package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.TaskRunner;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.Capability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slipway ec2 launch|terminate|list}. Options override the fields of {@code --request FILE.json}. AWS keys
 * come from the environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN})
 * or the SDK's default chain — never from an option.
 */
@Command(name = "ec2", mixinStandardHelpOptions = true,
        description = "Ensure, list and terminate EC2 fleets (instances tagged slipway:fleet=<name>).",
        subcommands = {Ec2Command.Launch.class, Ec2Command.Terminate.class, Ec2Command.ListFleet.class})
final class Ec2Command implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // no subcommand: as git does, the usage on standard error and exit code 2
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /**
     * Where and as whom: the request's AWS access ({@code aws}, the record {@code AwsConnection}), shared by the three
     * subcommands.
     */
    @RequestOptions
    static final class AwsOptions {
        @Option(names = "--region", paramLabel = "REGION", description = StepHelp.Ec2.REGION + " Default: AWS_REGION or the SDK's region chain.")
        String region;

        @Option(names = "--endpoint", paramLabel = "URL", description = StepHelp.Ec2.ENDPOINT)
        String endpoint;

        @Option(names = "--credentials", paramLabel = "MODE",
                description = "AUTO (keys from the environment, else the default chain), KEYS or DEFAULT_CHAIN.")
        String credentials;

        @Option(names = "--role-arn", paramLabel = "ARN", description = StepHelp.Ec2.ROLE_ARN)
        String roleArn;

        @Option(names = "--external-id", paramLabel = "ID", description = StepHelp.Ec2.EXTERNAL_ID)
        String externalId;
    }

    /** The AWS keys from the environment, as the secrets the engine expects. */
    static Secrets awsSecrets(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("awsAccessKeyId", env.get("AWS_ACCESS_KEY_ID"));
        values.put("awsSecretAccessKey", env.get("AWS_SECRET_ACCESS_KEY"));
        values.put("awsSessionToken", env.get("AWS_SESSION_TOKEN"));
        return CommonOptions.secrets(values);
    }

    static int run(String task, ObjectNode request, CommonOptions options) throws InterruptedException {
        Secrets secrets = awsSecrets(System.getenv());
        TaskContext context = new TaskContext(options.log("", secrets), secrets, options.workDir());
        return TaskRunner.run(task, request, context, options.json());
    }

    /** {@code slipway ec2 launch}. */
    @Command(name = "launch", mixinStandardHelpOptions = true,
            description = "Ensure FLEET has COUNT running instances: reuse, launch the missing in one idempotent"
                    + " call, wait until SSH is reachable, print the hosts with their host key fingerprints.")
    @RequestOptions
    static final class Launch implements Callable<Integer> {
        @CommandLine.Mixin
        @JsonIgnore
        CommonOptions options;

        @CommandLine.Mixin
        @JsonIgnore
        RequestFile request;

        @CommandLine.Mixin
        AwsOptions aws;

        @Option(names = "--fleet", paramLabel = "FLEET", description = StepHelp.Ec2Launch.FLEET)
        String fleet;

        @Option(names = "--count", paramLabel = "COUNT", description = StepHelp.Ec2Launch.COUNT)
        Integer count;

        @Was("--tag")
        @Option(names = "--tags", paramLabel = "KEY=VALUE", description = StepHelp.Ec2Launch.TAGS + " Repeatable.")
        Map<String, String> tags;

        @Option(names = "--ami", paramLabel = "AMI", description = StepHelp.Ec2Launch.AMI)
        String ami;

        @Option(names = "--ami-name", paramLabel = "PATTERN", description = StepHelp.Ec2Launch.AMI_NAME)
        String amiName;

        @Was("--ami-owner")
        @Option(names = "--ami-owners", paramLabel = "OWNER", description = StepHelp.Ec2Launch.AMI_OWNERS + " Repeatable.")
        List<String> amiOwners;

        @Option(names = "--instance-type", paramLabel = "TYPE", description = StepHelp.Ec2Launch.INSTANCE_TYPE)
        String instanceType;

        @Was("--subnet")
        @Option(names = "--subnets", paramLabel = "SUBNET", description = StepHelp.Ec2Launch.SUBNETS + " Repeatable.")
        List<String> subnets;

        @Was("--security-group")
        @Option(names = "--security-groups", paramLabel = "SG", description = StepHelp.Ec2Launch.SECURITY_GROUPS + " Repeatable.")
        List<String> securityGroups;

        @Option(names = "--key-name", paramLabel = "NAME", description = StepHelp.Ec2Launch.KEY_NAME)
        String keyName;

        @Option(names = "--instance-profile", paramLabel = "PROFILE", description = StepHelp.Ec2Launch.INSTANCE_PROFILE)
        String instanceProfile;

        @Option(names = "--user-data-file", paramLabel = "FILE", description = StepHelp.Ec2Launch.USER_DATA_FILE)
        String userDataFile;

        @Option(names = "--root-volume-gb", paramLabel = "GB", description = StepHelp.Ec2Launch.ROOT_VOLUME_GB + " Always gp3, encrypted.")
        Integer rootVolumeGb;

        @Was("--imdsv2")
        @Option(names = "--imds-v2", negatable = true, description = StepHelp.Ec2Launch.IMDS_V2 + " --no-imds-v2 turns it off.")
        Boolean imdsV2;

        @Option(names = "--spot", description = StepHelp.Ec2Launch.SPOT)
        Boolean spot;

        @Option(names = "--spot-fallback", negatable = true, description = StepHelp.Ec2Launch.SPOT_FALLBACK + " --no-spot-fallback turns it off.")
        Boolean spotFallback;

        @Option(names = "--ttl-minutes", paramLabel = "MINUTES", description = StepHelp.Ec2Launch.TTL_MINUTES + " Swept by 'ec2 terminate --expired'.")
        Integer ttlMinutes;

        @Option(names = "--terminate-extras", description = StepHelp.Ec2Launch.TERMINATE_EXTRAS)
        Boolean terminateExtras;

        @Option(names = "--wait-status-ok", description = StepHelp.Ec2Launch.WAIT_STATUS_OK)
        Boolean waitStatusOk;

        @Option(names = "--wait-ssh", negatable = true, description = StepHelp.Ec2Launch.WAIT_SSH + " --no-wait-ssh turns it off.")
        Boolean waitSsh;

        @Option(names = "--host-keys", paramLabel = "MODE", description = StepHelp.Ec2Launch.HOST_KEYS + " Or BEST_EFFORT or SKIP.")
        String hostKeys;

        @Option(names = "--ssh-port", paramLabel = "PORT", description = StepHelp.Ec2Launch.SSH_PORT)
        Integer sshPort;

        @Option(names = "--ssh-user", paramLabel = "USER", description = StepHelp.Ec2Launch.SSH_USER
                + " Default: the user of the AMI's publisher, known by its owner and name (ec2-user on Amazon Linux"
                + " and RHEL, admin on Debian, ubuntu on Ubuntu, rocky on Rocky Linux); required for any other AMI.")
        String sshUser;

        @Option(names = "--address-type", paramLabel = "TYPE", description = StepHelp.Ec2Launch.ADDRESS_TYPE + " Or PUBLIC or PRIVATE.")
        String addressType;

        @Was("--timeout")
        @Option(names = "--timeout-seconds", paramLabel = "SECONDS", description = StepHelp.Ec2Launch.TIMEOUT_SECONDS)
        Integer timeoutSeconds;

        @Option(names = "--keep-on-failure", description = StepHelp.Ec2Launch.KEEP_ON_FAILURE)
        Boolean keepOnFailure;

        @Option(names = "--dry-run", description = StepHelp.Ec2Launch.DRY_RUN)
        Boolean dryRun;

        @Was("--target-group")
        @Option(names = "--target-groups", paramLabel = "ARN|NAME", description = StepHelp.Ec2Launch.TARGET_GROUPS
                + " Repeatable.")
        List<String> targetGroups;

        @Option(names = "--target-port", paramLabel = "PORT", description = StepHelp.Ec2Launch.TARGET_PORT)
        Integer targetPort;

        @Option(names = "--wait-healthy", description = StepHelp.Ec2Launch.WAIT_HEALTHY)
        Boolean waitHealthy;

        @Option(names = "--replaces", paramLabel = "FLEET", description = StepHelp.Ec2Launch.REPLACES)
        String replaces;

        @Option(names = "--build-id", paramLabel = "ID", description = "Build identity for the idempotency token (default: BUILD_TAG).")
        String buildId;

        /** What the command line means where the engine has no default: the build's identity from Jenkins. */
        @RequestOptions
        static final class Defaults {
            final String buildId = System.getenv("BUILD_TAG");
        }

        @Override
        public Integer call() throws Exception {
            return Ec2Command.run(Capability.EC2_LAUNCH.task(), Requests.bind(new Defaults(), this, request.file(),
                    options.workDir()), options);
        }
    }

    /** {@code slipway ec2 terminate}. */
    @Command(name = "terminate", mixinStandardHelpOptions = true,
            description = "Terminate a fleet, given instances (they must carry a slipway:fleet tag), or every"
                    + " Slipway instance whose TTL has passed (--expired).")
    @RequestOptions
    static final class Terminate implements Callable<Integer> {
        @CommandLine.Mixin
        @JsonIgnore
        CommonOptions options;

        @CommandLine.Mixin
        @JsonIgnore
        RequestFile request;

        @CommandLine.Mixin
        AwsOptions aws;

        @Option(names = "--fleet", paramLabel = "FLEET", description = StepHelp.Ec2Terminate.FLEET)
        String fleet;

        @Was("--instance-id")
        @Option(names = "--instance-ids", paramLabel = "ID", description = StepHelp.Ec2Terminate.INSTANCE_IDS + " Repeatable.")
        List<String> instanceIds;

        @Option(names = "--expired", description = StepHelp.Ec2Terminate.EXPIRED)
        Boolean expired;

        @Was("--wait")
        @Option(names = "--wait-terminated", description = StepHelp.Ec2Terminate.WAIT_TERMINATED)
        Boolean waitTerminated;

        @Was("--timeout")
        @Option(names = "--timeout-seconds", paramLabel = "SECONDS", description = StepHelp.Ec2Terminate.TIMEOUT_SECONDS)
        Integer timeoutSeconds;

        @Option(names = "--dry-run", description = StepHelp.Ec2Terminate.DRY_RUN)
        Boolean dryRun;

        @Was("--target-group")
        @Option(names = "--target-groups", paramLabel = "ARN|NAME", description = StepHelp.Ec2Terminate.TARGET_GROUPS
                + " Repeatable.")
        List<String> targetGroups;

        @Override
        public Integer call() throws Exception {
            return Ec2Command.run(Capability.EC2_TERMINATE.task(), Requests.bind(this, request.file(), options.workDir()), options);
        }
    }

    /** {@code slipway ec2 list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the pending and running instances of a fleet, or of every Slipway fleet.")
    @RequestOptions
    static final class ListFleet implements Callable<Integer> {
        @CommandLine.Mixin
        @JsonIgnore
        CommonOptions options;

        @CommandLine.Mixin
        @JsonIgnore
        RequestFile request;

        @CommandLine.Mixin
        AwsOptions aws;

        @Option(names = "--fleet", paramLabel = "FLEET", description = StepHelp.Ec2Launch.FLEET + " Default: every Slipway fleet.")
        String fleet;

        @Option(names = "--ssh-user", paramLabel = "USER", description = StepHelp.Ec2Launch.SSH_USER
                + " Default: ec2-user.")
        String sshUser;

        @Option(names = "--ssh-port", paramLabel = "PORT", description = StepHelp.Ec2Launch.SSH_PORT)
        Integer sshPort;

        @Option(names = "--address-type", paramLabel = "TYPE", description = StepHelp.Ec2Launch.ADDRESS_TYPE + " Or PUBLIC or PRIVATE.")
        String addressType;

        @Override
        public Integer call() throws Exception {
            return Ec2Command.run(Capability.EC2_LIST.task(), Requests.bind(this, request.file(), options.workDir()), options);
        }
    }
}
