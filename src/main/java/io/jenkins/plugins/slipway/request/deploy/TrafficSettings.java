package io.jenkins.plugins.slipway.request.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a deploy keeps its hosts' traffic: exactly one balancer ({@code haproxy}, {@code hooks} or {@code elbv2}),
 * how hosts map to the balancer's servers, and the waits. Validated on construction; every message names the
 * parameter ({@code traffic.<field>}). A group of the deploy's and the rollback's {@link Rollout}; JDK only: the
 * {@code sshDeploy} step builds it, the engine's traffic controls read it.
 *
 * @param haproxy HAProxy through its runtime API
 * @param hooks any other balancer: commands that take a host out and put it back
 * @param elbv2 AWS Elastic Load Balancing v2 target groups
 * @param servers deploy host name to the balancer's name for it (HAProxy server name; instance id or IP of a target);
 *     hosts not named here are mapped by address
 * @param drainTimeoutSeconds longest wait for in-flight requests to finish (default 30); when it passes the deploy
 *     goes on (as a balancer's deregistration delay does) and says how many were still open
 * @param healthyTimeoutSeconds longest wait for the balancer to report a host healthy again (default 120)
 * @param minHealthyPercent the deploy refuses to start (and waits before a batch) when taking a batch out would
 *     leave fewer than this share of the balancer's healthy targets in service (default 50)
 */
public record TrafficSettings(Haproxy haproxy, Hooks hooks, Elbv2 elbv2, Map<String, String> servers,
        Integer drainTimeoutSeconds, Integer healthyTimeoutSeconds, Integer minHealthyPercent) {

    /** Which balancer. */
    public enum Kind { HAPROXY, HOOKS, ELBV2 }

    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.:-]{1,100}$");

    public TrafficSettings {
        int given = (haproxy == null ? 0 : 1) + (hooks == null ? 0 : 1) + (elbv2 == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("traffic needs exactly one balancer: 'haproxy' (its runtime API), 'hooks'"
                    + " (drainCommand/readyCommand for nginx or any other balancer) or 'elbv2' (AWS target groups); "
                    + (given == 0 ? "none was given" : given + " were given"));
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (servers != null) {
            servers.forEach((host, server) -> {
                if (host == null || server == null || !NAME.matcher(server).matches()) {
                    throw new IllegalArgumentException("traffic.servers maps a deploy host name to the balancer's name for it"
                            + " (letters, digits, '_', '.', ':', '-'), e.g. {web1: 'web1'}; '" + host + "' -> '" + server + "' is not valid");
                }
                copy.put(host, server);
            });
        }
        servers = java.util.Collections.unmodifiableMap(copy);
        drainTimeoutSeconds = range(drainTimeoutSeconds, 30, 0, 3600, "traffic.drainTimeoutSeconds");
        healthyTimeoutSeconds = range(healthyTimeoutSeconds, 120, 1, 3600, "traffic.healthyTimeoutSeconds");
        minHealthyPercent = range(minHealthyPercent, 50, 0, 100, "traffic.minHealthyPercent");
    }

    /** The balancer given. */
    public Kind kind() {
        return haproxy != null ? Kind.HAPROXY : hooks != null ? Kind.HOOKS : Kind.ELBV2;
    }

    /**
     * HAProxy's runtime API, at a TCP address the engine reaches ({@code stats socket ipv4@127.0.0.1:9999 level admin})
     * or at a UNIX socket on a host reached over SSH with the deploy's credentials ({@code stats socket
     * /run/haproxy/admin.sock mode 660 level admin}; the login user must be allowed to open it, e.g. be in group
     * {@code haproxy}; Debian's essential {@code perl-base} talks to it, nothing else is needed on the host).
     *
     * @param address {@code host:port} of the runtime API over TCP
     * @param socket path of the admin socket on {@code sshHost}
     * @param sshHost where the socket is: a deploy host's name or {@code user@host:port}
     * @param backend the backend whose servers are the deploy's hosts
     */
    public record Haproxy(String address, String socket, String sshHost, String backend) {
        public Haproxy {
            address = blankToNull(address);
            socket = blankToNull(socket);
            sshHost = blankToNull(sshHost);
            if ((address == null) == (socket == null)) {
                throw new IllegalArgumentException("traffic.haproxy needs exactly one of 'address' (the runtime API over TCP,"
                        + " e.g. '10.0.0.5:9999' for 'stats socket ipv4@10.0.0.5:9999 level admin') or 'socket' (the admin"
                        + " socket's path on 'sshHost', e.g. '/run/haproxy/admin.sock')");
            }
            if (address != null && !address.matches("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):\\d{1,5}$")) {
                throw new IllegalArgumentException("traffic.haproxy.address must be host:port, e.g. '127.0.0.1:9999', was '" + address + "'");
            }
            if (socket != null && (!socket.startsWith("/") || !socket.matches("^[A-Za-z0-9_./-]+$"))) {
                throw new IllegalArgumentException("traffic.haproxy.socket must be an absolute path of letters, digits, '_', '.',"
                        + " '/' and '-', e.g. '/run/haproxy/admin.sock', was '" + socket + "'");
            }
            if (socket != null && sshHost == null) {
                throw new IllegalArgumentException("traffic.haproxy.sshHost is required with 'socket': the host HAProxy runs on,"
                        + " a deploy host's name or 'user@host:port' (reached with the deploy's SSH credentials)");
            }
            if (address != null && sshHost != null) {
                throw new IllegalArgumentException("traffic.haproxy.sshHost goes with 'socket' only; with 'address' the engine"
                        + " connects to the runtime API itself");
            }
            if (backend == null || !NAME.matcher(backend).matches()) {
                throw new IllegalArgumentException("traffic.haproxy.backend is required: the HAProxy backend whose servers are"
                        + " the deploy's hosts (letters, digits, '_', '.', ':', '-'), was '" + backend + "'");
            }
        }
    }

    /**
     * Any other balancer: a command takes the host out ({@code drainCommand}), a fixed wait lets in-flight requests
     * finish, a command puts it back ({@code readyCommand}), a fixed wait lets the balancer see it. In the commands
     * {@code {host}}, {@code {name}} and {@code {port}} are replaced (also given as SLIPWAY_TRAFFIC_HOST/NAME).
     *
     * @param drainCommand takes the host out of rotation
     * @param readyCommand puts it back
     * @param on where the commands run: {@code host} (on the deployed host, over SSH; default) or {@code agent}
     *     (where the engine runs, e.g. to call a balancer's API)
     * @param drainWaitSeconds fixed wait after drainCommand (default 10)
     * @param readyWaitSeconds fixed wait after readyCommand (default 0)
     */
    public record Hooks(String drainCommand, String readyCommand, String on, Integer drainWaitSeconds, Integer readyWaitSeconds) {
        public Hooks {
            drainCommand = blankToNull(drainCommand);
            readyCommand = blankToNull(readyCommand);
            if (drainCommand == null || readyCommand == null) {
                throw new IllegalArgumentException("traffic.hooks needs both 'drainCommand' (takes a host out of rotation, e.g."
                        + " 'sudo touch /etc/nginx/drain/{name}; sudo nginx -s reload') and 'readyCommand' (puts it back)");
            }
            on = on == null || on.isBlank() ? "host" : on.trim().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("host", "agent").contains(on)) {
                throw new IllegalArgumentException("traffic.hooks.on must be 'host' (run on the deployed host over SSH) or"
                        + " 'agent' (run where the engine runs), was '" + on + "'");
            }
            drainWaitSeconds = range(drainWaitSeconds, 10, 0, 3600, "traffic.hooks.drainWaitSeconds");
            readyWaitSeconds = range(readyWaitSeconds, 0, 0, 3600, "traffic.hooks.readyWaitSeconds");
        }
    }

    /**
     * AWS Elastic Load Balancing v2 (ALB, NLB) target groups, reached as {@code ec2Launch} reaches EC2: the same
     * credentials (the AWS secrets, else the SDK's default chain), region, endpoint override, role and retries.
     * A host's target is its instance id (target type {@code instance}) or its IP address (target type {@code ip}):
     * given in {@code traffic.servers}, else the host's address when it is an IP address.
     *
     * @param targetGroups target group ARNs or names; a host leaves and rejoins all of them
     * @param region the AWS region (default: as {@code ec2Launch} finds it)
     * @param endpoint another endpoint URL (tests, VPC endpoints)
     * @param credentials where the credentials come from: AUTO (default), KEYS or DEFAULT_CHAIN
     * @param roleArn a role to assume for the calls
     * @param externalId the external id the role's trust policy asks for
     * @param port the port registered for each target (default: the port it is registered with now, else the
     *     target group's)
     */
    public record Elbv2(List<String> targetGroups, String region, String endpoint,
            io.jenkins.plugins.slipway.request.aws.CredentialsMode credentials, String roleArn, String externalId,
            Integer port) {
        public Elbv2 {
            targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
            if (targetGroups.isEmpty()) {
                throw new IllegalArgumentException("traffic.elbv2.targetGroups must name at least one target group (ARN or name)");
            }
            targetGroups = io.jenkins.plugins.slipway.request.Checks.targetGroups("traffic.elbv2.targetGroups",
                    targetGroups);
            region = blankToNull(region);
            endpoint = blankToNull(endpoint);
            roleArn = blankToNull(roleArn);
            externalId = blankToNull(externalId);
            try {
                credentials = connection(region, endpoint, credentials, roleArn, externalId).credentials();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("traffic.elbv2." + e.getMessage(), e);
            }
            if (port != null && (port < 1 || port > 65_535)) {
                throw new IllegalArgumentException("traffic.elbv2.port must be 1..65535, was " + port);
            }
        }

        /** Target groups reached through {@code aws} (its region, endpoint, credentials mode and role). */
        public static Elbv2 of(List<String> targetGroups, io.jenkins.plugins.slipway.request.aws.AwsConnection aws,
                Integer port) {
            return new Elbv2(targetGroups, aws.region(), aws.endpoint(), aws.credentials(), aws.roleArn(),
                    aws.externalId(), port);
        }

        /** Where and as whom the calls go. */
        public io.jenkins.plugins.slipway.request.aws.AwsConnection connection() {
            return connection(region, endpoint, credentials, roleArn, externalId);
        }

        private static io.jenkins.plugins.slipway.request.aws.AwsConnection connection(String region, String endpoint,
                io.jenkins.plugins.slipway.request.aws.CredentialsMode credentials, String roleArn, String externalId) {
            return new io.jenkins.plugins.slipway.request.aws.AwsConnection(region, endpoint, credentials, roleArn,
                    externalId);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static int range(Integer value, int def, int min, int max, String what) {
        int v = value == null ? def : value;
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", was " + v);
        }
        return v;
    }
}
