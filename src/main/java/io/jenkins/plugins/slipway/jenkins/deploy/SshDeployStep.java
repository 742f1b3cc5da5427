package io.jenkins.plugins.slipway.jenkins.deploy;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.jenkins.AwsCredentials;
import io.jenkins.plugins.slipway.jenkins.CredentialItems;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.jenkins.SlipwayGlobalConfiguration;
import io.jenkins.plugins.slipway.jenkins.GatedStep;
import io.jenkins.plugins.slipway.bridge.PlainData;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import io.jenkins.plugins.slipway.request.deploy.DeployReply;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import io.jenkins.plugins.slipway.request.deploy.LockSettings;
import io.jenkins.plugins.slipway.request.deploy.Rollout;
import io.jenkins.plugins.slipway.request.deploy.SshTarget;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jenkins.plugins.slipway.request.Checks;
import io.jenkins.plugins.slipway.request.HealthCheck;
import io.jenkins.plugins.slipway.request.Capability;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def deploy = sshDeploy credentialsId: 'deploy-key', baseDir: '/srv/app', hosts: fleet.hosts, artifact: 'app.tar.gz'}:
 * a release over SSH to every host, in rolling batches with health checks and automatic rollback. {@code hosts}
 * takes the host maps {@code ec2Launch} returns or {@code 'user@host:port'} strings (a {@code List<Object>}
 * parameter keeps both as they are); {@code hostList} takes the same strings one per line (the form's field).
 * With {@code rollbackTo} every host switches to that release instead. Returns a plain map (status, summary,
 * hosts with previous/current release and outcome).
 */
public final class SshDeployStep extends GatedStep {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = 6409040562591694528L;
    static final String STEP = Capability.DEPLOY.step();
    /** The first call's report (the engine's default); the n-th call's is {@code slipway/deploy-<n>/index.html}. */
    static final String REPORT = Rollout.DEFAULT_REPORT;

    @DataBoundConstructor
    public SshDeployStep(String credentialsId, String baseDir) {
        this.credentialsId = credentialsId;
        this.baseDir = baseDir;
    }

    private String credentialsId;
    private String baseDir;
    private List<Object> hosts;
    private String hostList;
    private String hostsFile;
    private String user;
    private String jumpHost;
    private String knownHosts;
    private String knownHostsFile;
    private boolean acceptNew;
    private boolean insecure;
    private String artifact;
    private String releaseId;
    private String commit;
    private String beforeSwitch;
    private String afterSwitch;
    private int keepReleases = DeployRequest.DEFAULT_KEEP_RELEASES;
    private String healthUrl;
    private String healthCommand;
    private int healthExpectStatus = HealthCheck.DEFAULT_EXPECT_STATUS;
    private String healthExpectBody;
    private int healthRetries = HealthCheck.DEFAULT_RETRIES;
    private double healthIntervalSeconds = HealthCheck.DEFAULT_INTERVAL_SECONDS;
    private double healthTimeoutSeconds = HealthCheck.DEFAULT_TIMEOUT_SECONDS;
    private String batch = Checks.DEFAULT_BATCH;
    private Integer maxFailedHosts;
    private Integer parallelism;
    private Integer minHealthyPercent;
    private boolean rollbackAllOnFailure;
    private Integer breakStaleLockAfterMinutes;
    private boolean dryRun;
    private String rollbackTo;
    private int connectTimeoutSeconds = SshTarget.DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int commandTimeoutSeconds = SshTarget.DEFAULT_COMMAND_TIMEOUT_SECONDS;
    // traffic control (docs/zero-downtime.md): one balancer, the host-to-server map, the waits
    private String haproxyAddress;
    private String haproxySocket;
    private String haproxySshHost;
    private String haproxyBackend;
    private String drainCommand;
    private String readyCommand;
    private String trafficCommandsOn;
    private Integer drainWaitSeconds;
    private Integer readyWaitSeconds;
    private String trafficServers;
    private Integer drainTimeoutSeconds;
    private Integer healthyTimeoutSeconds;
    private Integer trafficMinHealthyPercent;
    // AWS target groups as the balancer (traffic.elbv2)
    private String targetGroups;
    private Integer targetPort;
    private String awsRegion;
    private String awsCredentialsId;
    private String awsRoleArn;
    private String awsExternalId;
    private String awsEndpoint;

    /** A deploy that fails stops the build unless {@code stopOnFailure: false}. */
    @Override
    protected boolean stopsOnFailureByDefault() {
        return true;
    }

    /** A saved configuration without some elements (hand-written, Job DSL, older versions) gets the defaults. */
    private Object readResolve() {
        keepReleases = keepReleases <= 0 ? DeployRequest.DEFAULT_KEEP_RELEASES : keepReleases;
        healthExpectStatus = healthExpectStatus <= 0 ? HealthCheck.DEFAULT_EXPECT_STATUS : healthExpectStatus;
        healthRetries = healthRetries <= 0 ? HealthCheck.DEFAULT_RETRIES : healthRetries;
        healthTimeoutSeconds = healthTimeoutSeconds <= 0 ? HealthCheck.DEFAULT_TIMEOUT_SECONDS : healthTimeoutSeconds;
        connectTimeoutSeconds = connectTimeoutSeconds <= 0 ? SshTarget.DEFAULT_CONNECT_TIMEOUT_SECONDS : connectTimeoutSeconds;
        commandTimeoutSeconds = commandTimeoutSeconds <= 0 ? SshTarget.DEFAULT_COMMAND_TIMEOUT_SECONDS : commandTimeoutSeconds;
        batch = batch == null ? Checks.DEFAULT_BATCH : batch;
        return this;
    }

    @Override
    protected EngineWork prepare(EngineCall call) throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        String credentialUser = secrets(call, secrets);
        boolean rollback = Params.text(rollbackTo) != null;
        Record request = request(call.buildId(), call.env(), call.ownFile(REPORT), credentialUser, rollback);
        TrafficSettings traffic = (request instanceof DeployRequest deploy ? deploy.rollout()
                : ((DeployRollbackRequest) request).rollout()).traffic();
        if (traffic != null && traffic.elbv2() != null) {
            // AWS target groups: the step's AWS credential (else the system's) resolved here, its keys as secrets
            request = request(call.buildId(), call.env(), call.ownFile(REPORT), credentialUser, rollback,
                    aws(call, secrets));
        }
        return new EngineWork(STEP, (rollback ? Capability.DEPLOY_ROLLBACK : Capability.DEPLOY).task(), request, secrets);
    }

    @Override
    protected void record(EngineCall call, EngineWork work, EngineReply reply) throws Exception {
        SshDeployAction.addTo(call.run(), reply.result(DeployReply.class), call.index());
    }

    /** A deploy whose engine died: which host is on which release, and the lock it may have left (see DeployProgress). */
    @Override
    protected String afterEngineDied(EngineWork work, String engineLog) {
        return "deploy".equals(work.task()) ? DeployProgress.report(work.request(), engineLog, "[" + STEP + "] ") : null;
    }

    /**
     * The AWS access of target groups ({@code traffic.elbv2}): the step's region (else the system's default), endpoint
     * and role, and the AWS credential resolved on the controller into {@code secrets}, as {@code ec2Launch} does.
     */
    AwsConnection aws(EngineCall call, Map<String, String> secrets) throws AbortException {
        SlipwayGlobalConfiguration defaults = SlipwayGlobalConfiguration.getOrNull();
        String id = Params.text(awsCredentialsId) != null || defaults == null ? Params.text(awsCredentialsId)
                : defaults.getAwsCredentialsId();
        String region = Params.text(awsRegion) != null || defaults == null ? Params.text(awsRegion) : defaults.getAwsRegion();
        AwsCredentials.Resolved credential = AwsCredentials.resolve(id, call.run());
        secrets.putAll(AwsCredentials.secrets(credential));
        return Params.request(STEP, () -> AwsCredentials.connection(credential, region, awsEndpoint,
                Params.text(awsRoleArn), Params.text(awsExternalId)));
    }

    /** Puts the credential's secrets into {@code secrets}; returns its user name. */
    String secrets(EngineCall call, Map<String, String> secrets) throws AbortException {
        String id = Params.text(credentialsId);
        if (id == null) {
            throw new AbortException("sshDeploy: credentialsId is required: an 'SSH Username with private key' or a"
                    + " 'Username with password' credential");
        }
        StandardUsernameCredentials credential = CredentialsProvider.findCredentialById(id, StandardUsernameCredentials.class, call.run());
        if (credential == null) {
            throw new AbortException("sshDeploy: no SSH credential with id '" + id + "' is visible to this build. Check the id"
                    + " and the credential's domain and folder.");
        }
        if (credential instanceof SSHUserPrivateKey key) {
            List<String> keys = key.getPrivateKeys();
            if (keys == null || keys.isEmpty()) {
                throw new AbortException("sshDeploy: the credential '" + id + "' holds no private key");
            }
            secrets.put("sshPrivateKey", keys.get(0));
            Secret passphrase = key.getPassphrase();
            if (passphrase != null && !passphrase.getPlainText().isEmpty()) {
                secrets.put("sshPassphrase", passphrase.getPlainText());
            }
        } else if (credential instanceof StandardUsernamePasswordCredentials password) {
            secrets.put("sshPassword", password.getPassword().getPlainText());
        } else {
            throw new AbortException("sshDeploy: the credential '" + id + "' is neither an SSH private key nor a username with"
                    + " password (" + credential.getClass().getSimpleName() + ")");
        }
        CredentialsProvider.track(call.run(), credential);
        return credential.getUsername();
    }

    /** The system configuration's host-key policy: {@code acceptNew} trusts unknown hosts on first use. */
    private static boolean acceptNewByDefault() {
        SlipwayGlobalConfiguration global = SlipwayGlobalConfiguration.getOrNull();
        return global != null && SlipwayGlobalConfiguration.ACCEPT_NEW.equals(global.getHostKeyPolicy());
    }

    /** As below, with the step's own AWS region and endpoint (the record's defaults for the rest). */
    Record request(String buildId, Map<String, String> env, String report, String credentialUser, boolean rollback)
            throws AbortException {
        return request(buildId, env, report, credentialUser, rollback, ownAws());
    }

    /**
     * The engine request of this call: a {@link DeployRequest}, or a {@link DeployRollbackRequest} with
     * {@code rollbackTo}. An unset field is the record's default; the records check the values.
     *
     * @param buildId the build's id ({@code deployedBy})
     * @param env     the build's environment ({@code GIT_COMMIT} and {@code BUILD_NUMBER} name the release)
     * @param report  this call's report file
     * @param aws     where and as whom target groups are reached
     */
    Record request(String buildId, Map<String, String> env, String report, String credentialUser, boolean rollback,
            AwsConnection aws) throws AbortException {
        List<DeployHost> hostRecords = hostRecords();
        TrafficSettings traffic = traffic(aws);
        SshTarget target = Params.request(STEP, () -> new SshTarget(hostRecords, Params.text(hostsFile),
                Params.text(jumpHost) == null ? null : DeployHost.parse(jumpHost.trim()),
                Params.text(user) != null ? Params.text(user) : Params.text(credentialUser), Params.text(knownHosts),
                Params.text(knownHostsFile), acceptNew || acceptNewByDefault(), insecure, Params.text(baseDir),
                connectTimeoutSeconds, commandTimeoutSeconds));
        Rollout rollout = Params.request(STEP, () -> new Rollout(batch, parallelism,
                breakStaleLockAfterMinutes == null ? null : new LockSettings(breakStaleLockAfterMinutes), traffic, dryRun,
                report));
        if (rollback) {
            return Params.request(STEP, () -> new DeployRollbackRequest(target, rollout, rollbackTo.trim(), buildId,
                    Params.lines(afterSwitch)));
        }
        String gitCommit = env.get("GIT_COMMIT");
        String given = Params.text(releaseId);
        String id = given != null ? given : (env.get("BUILD_NUMBER") == null ? "0" : env.get("BUILD_NUMBER"))
                + (gitCommit != null && gitCommit.length() >= 7 ? "-" + gitCommit.substring(0, 7) : "");
        HealthCheck health = Params.text(healthUrl) == null && Params.text(healthCommand) == null ? null
                : Params.request(STEP, () -> new HealthCheck(Params.text(healthUrl), healthExpectStatus,
                        Params.text(healthExpectBody), Params.text(healthCommand), healthRetries, healthIntervalSeconds,
                        healthTimeoutSeconds));
        return Params.request(STEP, () -> new DeployRequest(target, rollout, Params.text(artifact), id,
                Params.text(commit) != null ? Params.text(commit) : gitCommit, buildId, Params.lines(beforeSwitch),
                Params.lines(afterSwitch), keepReleases, health, maxFailedHosts, minHealthyPercent, rollbackAllOnFailure));
    }

    /** As below, with the step's own AWS region and endpoint (the record's defaults for the rest). */
    TrafficSettings traffic() throws AbortException {
        return traffic(ownAws());
    }

    private AwsConnection ownAws() {
        return Params.request(STEP, () -> new AwsConnection(Params.text(awsRegion), Params.text(awsEndpoint), null, null, null));
    }

    /**
     * The rollout's load balancer, or null when none is given; a wait or a mapping without a balancer is refused,
     * naming the step's fields.
     *
     * @param aws where and as whom target groups are reached
     */
    TrafficSettings traffic(AwsConnection aws) throws AbortException {
        Map<String, String> servers;
        try {
            servers = Params.mapOrNull(STEP, "trafficServers", trafficServers);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage().replace("(e.g. 'JAVA_HOME=/opt/jdk, CI=true')", "(e.g. 'web1=app1, web2=app2')"));
        }
        TrafficSettings.Haproxy haproxy = given(haproxyAddress, haproxySocket, haproxySshHost, haproxyBackend)
                ? Params.request(STEP, () -> new TrafficSettings.Haproxy(Params.text(haproxyAddress),
                        Params.text(haproxySocket), Params.text(haproxySshHost), Params.text(haproxyBackend)))
                : null;
        // where and how long only matter with a command: a form's default ("host") alone sets up no balancer
        TrafficSettings.Hooks hooks = given(drainCommand, readyCommand)
                ? Params.request(STEP, () -> new TrafficSettings.Hooks(Params.text(drainCommand), Params.text(readyCommand),
                        Params.text(trafficCommandsOn), drainWaitSeconds, readyWaitSeconds))
                : null;
        List<String> groups = Params.listOrNull(targetGroups);
        if (groups == null && (targetPort != null || given(awsRegion, awsEndpoint, awsCredentialsId, awsRoleArn))) {
            throw new AbortException("sshDeploy: targetPort, awsRegion, awsEndpoint, awsCredentialsId and awsRoleArn"
                    + " belong to targetGroups: give the AWS target groups (ARNs or names) the hosts are targets of");
        }
        TrafficSettings.Elbv2 elbv2 = groups == null ? null
                : Params.request(STEP, () -> TrafficSettings.Elbv2.of(groups, aws, targetPort));
        if (haproxy == null && hooks == null && elbv2 == null) {
            List<String> without = new ArrayList<>();
            if (servers != null) {
                without.add("trafficServers");
            }
            if (drainTimeoutSeconds != null) {
                without.add("drainTimeoutSeconds");
            }
            if (healthyTimeoutSeconds != null) {
                without.add("healthyTimeoutSeconds");
            }
            if (trafficMinHealthyPercent != null) {
                without.add("trafficMinHealthyPercent");
            }
            if (without.isEmpty()) {
                return null;
            }
            throw new AbortException("sshDeploy: " + String.join(", ", without) + " need a load balancer: give haproxyAddress"
                    + " or haproxySocket with haproxyBackend (HAProxy), targetGroups (AWS target groups), or drainCommand and"
                    + " readyCommand (any other balancer)");
        }
        return Params.request(STEP, () -> new TrafficSettings(haproxy, hooks, elbv2, servers, drainTimeoutSeconds,
                healthyTimeoutSeconds, trafficMinHealthyPercent));
    }

    private static boolean given(String... values) {
        for (String v : values) {
            if (Params.text(v) != null) {
                return true;
            }
        }
        return false;
    }

    /** The hosts as the engine's records: host maps by the record's components (other keys unread), strings parsed. */
    List<DeployHost> hostRecords() throws AbortException {
        List<Object> values = hostValues();
        List<DeployHost> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            String what = STEP + ": hosts[" + i + "]";
            out.add(Params.request(STEP, () -> value instanceof String text ? DeployHost.parse(text)
                    : PlainData.toRecord((Map<?, ?>) value, DeployHost.class, what)));
        }
        return out;
    }

    /** Host maps (e.g. {@code ec2Launch(...).hosts}) and {@code user@host:port} strings, as plain JSON values. */
    List<Object> hostValues() throws AbortException {
        List<Object> out = new ArrayList<>();
        if (hosts != null) {
            for (Object h : hosts) {
                if (h instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
                    // a port written as text ('2222', env.SSH_PORT) is the number it spells, as it was before
                    if (copy.get("port") instanceof String port && port.trim().matches("\\d{1,5}")) {
                        copy.put("port", Integer.valueOf(port.trim()));
                    }
                    out.add(copy);
                } else if (h instanceof CharSequence text) {
                    out.add(text.toString());
                } else {
                    throw new AbortException("sshDeploy: hosts must hold host maps (from ec2Launch) or 'user@host:port' strings,"
                            + " not " + (h == null ? "null" : h.getClass().getSimpleName()));
                }
            }
        }
        out.addAll(Params.list(hostList));
        if (out.isEmpty() && Params.text(hostsFile) == null) {
            throw new AbortException("sshDeploy: no hosts: give hosts (e.g. hosts: fleet.hosts), hostList (one user@host:port per line) or hostsFile");
        }
        return out;
    }

    private static Object plain(Object value) {
        if (value instanceof CharSequence) {
            return value.toString(); // GStrings
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        return value;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getBaseDir() {
        return baseDir;
    }

    public List<Object> getHosts() {
        return hosts;
    }

    @DataBoundSetter
    public void setHosts(List<Object> hosts) {
        this.hosts = hosts;
    }

    public String getHostList() {
        return hostList;
    }

    @DataBoundSetter
    public void setHostList(String hostList) {
        this.hostList = hostList;
    }

    public String getHostsFile() {
        return hostsFile;
    }

    @DataBoundSetter
    public void setHostsFile(String hostsFile) {
        this.hostsFile = hostsFile;
    }

    public String getUser() {
        return user;
    }

    @DataBoundSetter
    public void setUser(String user) {
        this.user = user;
    }

    public String getJumpHost() {
        return jumpHost;
    }

    @DataBoundSetter
    public void setJumpHost(String jumpHost) {
        this.jumpHost = jumpHost;
    }

    public String getKnownHosts() {
        return knownHosts;
    }

    @DataBoundSetter
    public void setKnownHosts(String knownHosts) {
        this.knownHosts = knownHosts;
    }

    public String getKnownHostsFile() {
        return knownHostsFile;
    }

    @DataBoundSetter
    public void setKnownHostsFile(String knownHostsFile) {
        this.knownHostsFile = knownHostsFile;
    }

    public boolean isAcceptNew() {
        return acceptNew;
    }

    @DataBoundSetter
    public void setAcceptNew(boolean acceptNew) {
        this.acceptNew = acceptNew;
    }

    public boolean isInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public String getArtifact() {
        return artifact;
    }

    @DataBoundSetter
    public void setArtifact(String artifact) {
        this.artifact = artifact;
    }

    public String getReleaseId() {
        return releaseId;
    }

    @DataBoundSetter
    public void setReleaseId(String releaseId) {
        this.releaseId = releaseId;
    }

    public String getCommit() {
        return commit;
    }

    @DataBoundSetter
    public void setCommit(String commit) {
        this.commit = commit;
    }

    public String getBeforeSwitch() {
        return beforeSwitch;
    }

    @DataBoundSetter
    public void setBeforeSwitch(String beforeSwitch) {
        this.beforeSwitch = beforeSwitch;
    }

    public String getAfterSwitch() {
        return afterSwitch;
    }

    @DataBoundSetter
    public void setAfterSwitch(String afterSwitch) {
        this.afterSwitch = afterSwitch;
    }

    public int getKeepReleases() {
        return keepReleases;
    }

    @DataBoundSetter
    public void setKeepReleases(int keepReleases) {
        this.keepReleases = keepReleases;
    }

    public String getHealthUrl() {
        return healthUrl;
    }

    @DataBoundSetter
    public void setHealthUrl(String healthUrl) {
        this.healthUrl = healthUrl;
    }

    public String getHealthCommand() {
        return healthCommand;
    }

    @DataBoundSetter
    public void setHealthCommand(String healthCommand) {
        this.healthCommand = healthCommand;
    }

    public int getHealthExpectStatus() {
        return healthExpectStatus;
    }

    @DataBoundSetter
    public void setHealthExpectStatus(int healthExpectStatus) {
        this.healthExpectStatus = healthExpectStatus;
    }

    public String getHealthExpectBody() {
        return healthExpectBody;
    }

    @DataBoundSetter
    public void setHealthExpectBody(String healthExpectBody) {
        this.healthExpectBody = healthExpectBody;
    }

    public int getHealthRetries() {
        return healthRetries;
    }

    @DataBoundSetter
    public void setHealthRetries(int healthRetries) {
        this.healthRetries = healthRetries;
    }

    public double getHealthIntervalSeconds() {
        return healthIntervalSeconds;
    }

    @DataBoundSetter
    public void setHealthIntervalSeconds(double healthIntervalSeconds) {
        this.healthIntervalSeconds = healthIntervalSeconds;
    }

    public double getHealthTimeoutSeconds() {
        return healthTimeoutSeconds;
    }

    @DataBoundSetter
    public void setHealthTimeoutSeconds(double healthTimeoutSeconds) {
        this.healthTimeoutSeconds = healthTimeoutSeconds;
    }

    public String getBatch() {
        return batch;
    }

    @DataBoundSetter
    public void setBatch(String batch) {
        this.batch = batch;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    @DataBoundSetter
    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public Integer getMaxFailedHosts() {
        return maxFailedHosts;
    }

    @DataBoundSetter
    public void setMaxFailedHosts(Integer maxFailedHosts) {
        this.maxFailedHosts = maxFailedHosts;
    }

    public Integer getMinHealthyPercent() {
        return minHealthyPercent;
    }

    @DataBoundSetter
    public void setMinHealthyPercent(Integer minHealthyPercent) {
        this.minHealthyPercent = minHealthyPercent;
    }

    public boolean isRollbackAllOnFailure() {
        return rollbackAllOnFailure;
    }

    @DataBoundSetter
    public void setRollbackAllOnFailure(boolean rollbackAllOnFailure) {
        this.rollbackAllOnFailure = rollbackAllOnFailure;
    }

    public Integer getBreakStaleLockAfterMinutes() {
        return breakStaleLockAfterMinutes;
    }

    @DataBoundSetter
    public void setBreakStaleLockAfterMinutes(Integer breakStaleLockAfterMinutes) {
        this.breakStaleLockAfterMinutes = breakStaleLockAfterMinutes;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getRollbackTo() {
        return rollbackTo;
    }

    @DataBoundSetter
    public void setRollbackTo(String rollbackTo) {
        this.rollbackTo = rollbackTo;
    }


    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public int getCommandTimeoutSeconds() {
        return commandTimeoutSeconds;
    }

    @DataBoundSetter
    public void setCommandTimeoutSeconds(int commandTimeoutSeconds) {
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    public String getHaproxyAddress() {
        return haproxyAddress;
    }

    @DataBoundSetter
    public void setHaproxyAddress(String haproxyAddress) {
        this.haproxyAddress = haproxyAddress;
    }

    public String getHaproxySocket() {
        return haproxySocket;
    }

    @DataBoundSetter
    public void setHaproxySocket(String haproxySocket) {
        this.haproxySocket = haproxySocket;
    }

    public String getHaproxySshHost() {
        return haproxySshHost;
    }

    @DataBoundSetter
    public void setHaproxySshHost(String haproxySshHost) {
        this.haproxySshHost = haproxySshHost;
    }

    public String getHaproxyBackend() {
        return haproxyBackend;
    }

    @DataBoundSetter
    public void setHaproxyBackend(String haproxyBackend) {
        this.haproxyBackend = haproxyBackend;
    }

    public String getDrainCommand() {
        return drainCommand;
    }

    @DataBoundSetter
    public void setDrainCommand(String drainCommand) {
        this.drainCommand = drainCommand;
    }

    public String getReadyCommand() {
        return readyCommand;
    }

    @DataBoundSetter
    public void setReadyCommand(String readyCommand) {
        this.readyCommand = readyCommand;
    }

    public String getTrafficCommandsOn() {
        return trafficCommandsOn;
    }

    @DataBoundSetter
    public void setTrafficCommandsOn(String trafficCommandsOn) {
        this.trafficCommandsOn = trafficCommandsOn;
    }

    public Integer getDrainWaitSeconds() {
        return drainWaitSeconds;
    }

    @DataBoundSetter
    public void setDrainWaitSeconds(Integer drainWaitSeconds) {
        this.drainWaitSeconds = drainWaitSeconds;
    }

    public Integer getReadyWaitSeconds() {
        return readyWaitSeconds;
    }

    @DataBoundSetter
    public void setReadyWaitSeconds(Integer readyWaitSeconds) {
        this.readyWaitSeconds = readyWaitSeconds;
    }

    public String getTrafficServers() {
        return trafficServers;
    }

    @DataBoundSetter
    public void setTrafficServers(String trafficServers) {
        this.trafficServers = trafficServers;
    }

    public Integer getDrainTimeoutSeconds() {
        return drainTimeoutSeconds;
    }

    @DataBoundSetter
    public void setDrainTimeoutSeconds(Integer drainTimeoutSeconds) {
        this.drainTimeoutSeconds = drainTimeoutSeconds;
    }

    public Integer getHealthyTimeoutSeconds() {
        return healthyTimeoutSeconds;
    }

    @DataBoundSetter
    public void setHealthyTimeoutSeconds(Integer healthyTimeoutSeconds) {
        this.healthyTimeoutSeconds = healthyTimeoutSeconds;
    }

    public Integer getTrafficMinHealthyPercent() {
        return trafficMinHealthyPercent;
    }

    @DataBoundSetter
    public void setTrafficMinHealthyPercent(Integer trafficMinHealthyPercent) {
        this.trafficMinHealthyPercent = trafficMinHealthyPercent;
    }

    /** The form's check of {@code batch}: the engine's ({@link Checks#batch}). */
    static String batchProblem(String value) {
        return Checks.problem(() -> Checks.batch(value));
    }

    /** The form's check of {@code hostList}: each line as the engine parses a host ({@link Checks#host}). */
    static String hostListProblem(String value) {
        return Checks.problem(() -> Params.list(value).forEach(Checks::host));
    }

    public String getTargetGroups() {
        return targetGroups;
    }

    @DataBoundSetter
    public void setTargetGroups(String targetGroups) {
        this.targetGroups = Params.text(targetGroups);
    }

    public Integer getTargetPort() {
        return targetPort;
    }

    @DataBoundSetter
    public void setTargetPort(Integer targetPort) {
        this.targetPort = targetPort;
    }

    public String getAwsRegion() {
        return awsRegion;
    }

    @DataBoundSetter
    public void setAwsRegion(String awsRegion) {
        this.awsRegion = Params.text(awsRegion);
    }

    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = Params.text(awsCredentialsId);
    }

    public String getAwsRoleArn() {
        return awsRoleArn;
    }

    @DataBoundSetter
    public void setAwsRoleArn(String awsRoleArn) {
        this.awsRoleArn = Params.text(awsRoleArn);
    }

    public String getAwsExternalId() {
        return awsExternalId;
    }

    @DataBoundSetter
    public void setAwsExternalId(String awsExternalId) {
        this.awsExternalId = Params.text(awsExternalId);
    }

    public String getAwsEndpoint() {
        return awsEndpoint;
    }

    @DataBoundSetter
    public void setAwsEndpoint(String awsEndpoint) {
        this.awsEndpoint = Params.text(awsEndpoint);
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: deploy a release over SSH (rolling, health-checked, with rollback)");
        }

        @POST
        public FormValidation doCheckBatch(@QueryParameter String value) {
            return form(batchProblem(value));
        }

        @POST
        public FormValidation doCheckHostList(@QueryParameter String value) {
            return form(hostListProblem(value));
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.ssh(item, credentialsId);
        }

        public ListBoxModel doFillAwsCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String awsCredentialsId) {
            return CredentialItems.aws(item, awsCredentialsId);
        }

        /** TCP reachability and the SSH identification line of each host of the list, from the controller. */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item, @QueryParameter String hostList) {
            CredentialItems.checkConfigure(item);
            return SshHostProbe.probe(hostList, 5000);
        }
    }
}
