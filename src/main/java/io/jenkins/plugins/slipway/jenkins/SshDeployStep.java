package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
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
public final class SshDeployStep extends Step {
    private final SshDeployOptions options = new SshDeployOptions();

    @DataBoundConstructor
    public SshDeployStep(String credentialsId, String baseDir) {
        options.credentialsId = credentialsId;
        options.baseDir = baseDir;
    }

    public String getCredentialsId() {
        return options.credentialsId;
    }

    public String getBaseDir() {
        return options.baseDir;
    }

    public List<Object> getHosts() {
        return options.hosts;
    }

    @DataBoundSetter
    public void setHosts(List<Object> hosts) {
        options.hosts = hosts;
    }

    public String getHostList() {
        return options.hostList;
    }

    @DataBoundSetter
    public void setHostList(String hostList) {
        options.hostList = hostList;
    }

    public String getHostsFile() {
        return options.hostsFile;
    }

    @DataBoundSetter
    public void setHostsFile(String hostsFile) {
        options.hostsFile = hostsFile;
    }

    public String getUser() {
        return options.user;
    }

    @DataBoundSetter
    public void setUser(String user) {
        options.user = user;
    }

    public String getJumpHost() {
        return options.jumpHost;
    }

    @DataBoundSetter
    public void setJumpHost(String jumpHost) {
        options.jumpHost = jumpHost;
    }

    public String getKnownHosts() {
        return options.knownHosts;
    }

    @DataBoundSetter
    public void setKnownHosts(String knownHosts) {
        options.knownHosts = knownHosts;
    }

    public String getKnownHostsFile() {
        return options.knownHostsFile;
    }

    @DataBoundSetter
    public void setKnownHostsFile(String knownHostsFile) {
        options.knownHostsFile = knownHostsFile;
    }

    public boolean isAcceptNew() {
        return options.acceptNew;
    }

    @DataBoundSetter
    public void setAcceptNew(boolean acceptNew) {
        options.acceptNew = acceptNew;
    }

    public boolean isInsecure() {
        return options.insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        options.insecure = insecure;
    }

    public String getArtifact() {
        return options.artifact;
    }

    @DataBoundSetter
    public void setArtifact(String artifact) {
        options.artifact = artifact;
    }

    public String getReleaseId() {
        return options.releaseId;
    }

    @DataBoundSetter
    public void setReleaseId(String releaseId) {
        options.releaseId = releaseId;
    }

    public String getCommit() {
        return options.commit;
    }

    @DataBoundSetter
    public void setCommit(String commit) {
        options.commit = commit;
    }

    public String getBeforeSwitch() {
        return options.beforeSwitch;
    }

    @DataBoundSetter
    public void setBeforeSwitch(String beforeSwitch) {
        options.beforeSwitch = beforeSwitch;
    }

    public String getAfterSwitch() {
        return options.afterSwitch;
    }

    @DataBoundSetter
    public void setAfterSwitch(String afterSwitch) {
        options.afterSwitch = afterSwitch;
    }

    public int getKeepReleases() {
        return options.keepReleases;
    }

    @DataBoundSetter
    public void setKeepReleases(int keepReleases) {
        options.keepReleases = keepReleases;
    }

    public String getHealthUrl() {
        return options.healthUrl;
    }

    @DataBoundSetter
    public void setHealthUrl(String healthUrl) {
        options.healthUrl = healthUrl;
    }

    public String getHealthCommand() {
        return options.healthCommand;
    }

    @DataBoundSetter
    public void setHealthCommand(String healthCommand) {
        options.healthCommand = healthCommand;
    }

    public int getHealthExpectStatus() {
        return options.healthExpectStatus;
    }

    @DataBoundSetter
    public void setHealthExpectStatus(int healthExpectStatus) {
        options.healthExpectStatus = healthExpectStatus;
    }

    public String getHealthExpectBody() {
        return options.healthExpectBody;
    }

    @DataBoundSetter
    public void setHealthExpectBody(String healthExpectBody) {
        options.healthExpectBody = healthExpectBody;
    }

    public int getHealthRetries() {
        return options.healthRetries;
    }

    @DataBoundSetter
    public void setHealthRetries(int healthRetries) {
        options.healthRetries = healthRetries;
    }

    public double getHealthIntervalSeconds() {
        return options.healthIntervalSeconds;
    }

    @DataBoundSetter
    public void setHealthIntervalSeconds(double healthIntervalSeconds) {
        options.healthIntervalSeconds = healthIntervalSeconds;
    }

    public double getHealthTimeoutSeconds() {
        return options.healthTimeoutSeconds;
    }

    @DataBoundSetter
    public void setHealthTimeoutSeconds(double healthTimeoutSeconds) {
        options.healthTimeoutSeconds = healthTimeoutSeconds;
    }

    public String getBatch() {
        return options.batch;
    }

    @DataBoundSetter
    public void setBatch(String batch) {
        options.batch = batch;
    }

    public Integer getParallelism() {
        return options.parallelism;
    }

    @DataBoundSetter
    public void setParallelism(Integer parallelism) {
        options.parallelism = parallelism;
    }

    public Integer getMaxFailedHosts() {
        return options.maxFailedHosts;
    }

    @DataBoundSetter
    public void setMaxFailedHosts(Integer maxFailedHosts) {
        options.maxFailedHosts = maxFailedHosts;
    }

    public Integer getMinHealthyPercent() {
        return options.minHealthyPercent;
    }

    @DataBoundSetter
    public void setMinHealthyPercent(Integer minHealthyPercent) {
        options.minHealthyPercent = minHealthyPercent;
    }

    public boolean isRollbackAllOnFailure() {
        return options.rollbackAllOnFailure;
    }

    @DataBoundSetter
    public void setRollbackAllOnFailure(boolean rollbackAllOnFailure) {
        options.rollbackAllOnFailure = rollbackAllOnFailure;
    }

    public Integer getBreakStaleLockAfterMinutes() {
        return options.breakStaleLockAfterMinutes;
    }

    @DataBoundSetter
    public void setBreakStaleLockAfterMinutes(Integer breakStaleLockAfterMinutes) {
        options.breakStaleLockAfterMinutes = breakStaleLockAfterMinutes;
    }

    public boolean isDryRun() {
        return options.dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        options.dryRun = dryRun;
    }

    public String getRollbackTo() {
        return options.rollbackTo;
    }

    @DataBoundSetter
    public void setRollbackTo(String rollbackTo) {
        options.rollbackTo = rollbackTo;
    }

    public boolean isStopOnFailure() {
        return options.stopOnFailure();
    }

    @DataBoundSetter
    public void setStopOnFailure(boolean stopOnFailure) {
        options.stopOnFailure = stopOnFailure;
    }

    public int getConnectTimeoutSeconds() {
        return options.connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        options.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public int getCommandTimeoutSeconds() {
        return options.commandTimeoutSeconds;
    }

    @DataBoundSetter
    public void setCommandTimeoutSeconds(int commandTimeoutSeconds) {
        options.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, options);
    }

    /** Runs off the CPS thread; only the options (plain values, no secrets) are kept. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final SshDeployOptions options;

        Execution(StepContext context, SshDeployOptions options) {
            super(context);
            this.options = options;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return options.run(EngineCall.of(getContext()), DescriptorImpl.NAME);
        }
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = "sshDeploy";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: deploy a release over SSH (rolling, health-checked, with rollback)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        }

        @POST
        public FormValidation doCheckBatch(@QueryParameter String value) {
            return SshDeployBuilder.checkBatch(value);
        }

        @POST
        public FormValidation doCheckHostList(@QueryParameter String value) {
            return SshDeployBuilder.checkHostList(value);
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.ssh(item, credentialsId);
        }

        /** TCP reachability and the SSH identification line of each host of the list, from the controller. */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item, @QueryParameter String hostList) {
            CredentialItems.checkConfigure(item);
            return SshHostProbe.probe(hostList, 5000);
        }
    }
}
