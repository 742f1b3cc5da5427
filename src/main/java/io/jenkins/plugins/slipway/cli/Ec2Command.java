package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.nio.file.Path;
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
final class Ec2Command implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where and as whom: shared by the three subcommands. */
    @RequestOptions
    static final class Connection {
        @Option(names = "--region", description = "AWS region (default: AWS_REGION or the SDK's region chain).")
        String region;

        @Option(names = "--endpoint", paramLabel = "URL", description = "EC2 and STS endpoint override (emulators).")
        String endpoint;

        @Option(names = "--credentials", paramLabel = "MODE",
                description = "AUTO (keys from the environment, else the default chain), KEYS or DEFAULT_CHAIN.")
        String credentials;

        @Option(names = "--role-arn", description = "IAM role to assume.")
        String roleArn;

        @Option(names = "--external-id", description = "External id for --role-arn.")
        String externalId;

        @Option(names = "--request", paramLabel = "FILE.json", description = "Read the request from FILE; options override its fields.")
        @JsonIgnore
        Path requestFile;
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
        @JsonUnwrapped
        Connection connection;

        @Option(names = "--fleet", description = "Fleet name (the slipway:fleet tag).")
        String fleet;

        @Option(names = "--count", description = "Wanted number of instances (default 1).")
        Integer count;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Owner tag (repeatable).")
        Map<String, String> tags;

        @Option(names = "--ami", description = "AMI id.")
        String ami;

        @Option(names = "--ami-name", paramLabel = "PATTERN", description = "AMI name filter (* wildcards); the newest wins.")
        String amiName;

        @Option(names = "--ami-owner", paramLabel = "OWNER", description = "AMI owner for --ami-name (repeatable; default self).")
        List<String> amiOwners;

        @Option(names = "--instance-type", description = "Instance type (default t3.micro).")
        String instanceType;

        @Option(names = "--subnet", paramLabel = "SUBNET", description = "Subnet id, tried in order (repeatable).")
        List<String> subnets;

        @Option(names = "--security-group", paramLabel = "SG", description = "Security group id (repeatable).")
        List<String> securityGroups;

        @Option(names = "--key-name", description = "EC2 key pair name.")
        String keyName;

        @Option(names = "--instance-profile", description = "IAM instance profile name or ARN.")
        String instanceProfile;

        @Option(names = "--user-data-file", paramLabel = "FILE", description = "cloud-init user data file.")
        String userDataFile;

        @Option(names = "--root-volume-gb", description = "Root volume size in GiB (always gp3, encrypted).")
        Integer rootVolumeGb;

        @Option(names = "--imdsv2", negatable = true, description = "Require IMDSv2 (default true).")
        Boolean imdsV2;

        @Option(names = "--spot", description = "Launch spot instances.")
        Boolean spot;

        @Option(names = "--spot-fallback", negatable = true, description = "Fall back to on-demand (default true).")
        Boolean spotFallback;

        @Option(names = "--ttl-minutes", description = "Put a slipway:expires-at tag (for 'ec2 terminate --expired').")
        Integer ttlMinutes;

        @Option(names = "--terminate-extras", description = "Terminate instances beyond COUNT, oldest first.")
        Boolean terminateExtras;

        @Option(names = "--wait-status-ok", description = "Also wait for the EC2 status checks.")
        Boolean waitStatusOk;

        @Option(names = "--wait-ssh", negatable = true, description = "Wait for the SSH port (default true).")
        Boolean waitSsh;

        @Option(names = "--host-keys", paramLabel = "MODE", description = "REQUIRE (default), BEST_EFFORT or SKIP.")
        String hostKeys;

        @Option(names = "--ssh-port", description = "SSH port (default 22).")
        Integer sshPort;

        @Option(names = "--ssh-user", description = "User in the host records (default ec2-user).")
        String sshUser;

        @Option(names = "--address-type", paramLabel = "TYPE", description = "AUTO (default), PUBLIC or PRIVATE.")
        String addressType;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Overall timeout (default 300).")
        Integer timeoutSeconds;

        @Option(names = "--keep-on-failure", description = "Keep what this call launched when it fails.")
        Boolean keepOnFailure;

        @Option(names = "--dry-run", description = "Print the plan and run EC2's DryRun permission checks only.")
        Boolean dryRun;

        @Option(names = "--build-id", description = "Build identity for the idempotency token (default: BUILD_TAG).")
        String buildId;

        /** What the command line means where the engine has no default: the build's identity from Jenkins. */
        @RequestOptions
        static final class Defaults {
            final String buildId = System.getenv("BUILD_TAG");
        }

        @Override
        public Integer call() throws Exception {
            return Ec2Command.run("ec2-launch", Requests.bind(new Defaults(), this, connection.requestFile,
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
        @JsonUnwrapped
        Connection connection;

        @Option(names = "--fleet", description = "Fleet to terminate.")
        String fleet;

        @Option(names = "--instance-id", paramLabel = "ID", description = "Instance to terminate (repeatable).")
        List<String> instanceIds;

        @Option(names = "--expired", description = "Terminate every Slipway instance whose slipway:expires-at passed.")
        Boolean expired;

        @Option(names = "--wait", description = "Wait until the instances are terminated.")
        Boolean waitTerminated;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait (default 300).")
        Integer timeoutSeconds;

        @Option(names = "--dry-run", description = "Print what would be terminated and run EC2's DryRun check only.")
        Boolean dryRun;

        @Override
        public Integer call() throws Exception {
            return Ec2Command.run("ec2-terminate", Requests.bind(this, connection.requestFile, options.workDir()), options);
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
        @JsonUnwrapped
        Connection connection;

        @Option(names = "--fleet", description = "Fleet to list (default: all Slipway fleets).")
        String fleet;

        @Option(names = "--ssh-user", description = "User in the host records (default ec2-user).")
        String sshUser;

        @Option(names = "--ssh-port", description = "Port in the host records (default 22).")
        Integer sshPort;

        @Option(names = "--address-type", paramLabel = "TYPE", description = "AUTO (default), PUBLIC or PRIVATE.")
        String addressType;

        @Override
        public Integer call() throws Exception {
            return Ec2Command.run("ec2-list", Requests.bind(this, connection.requestFile, options.workDir()), options);
        }
    }
}
