package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.regex.Pattern;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The freestyle build step of {@code sshDeploy}: the same options, hosts one {@code user@host:port} per line. */
public final class SshDeployBuilder extends Builder implements SimpleBuildStep {
    private static final Pattern BATCH = Pattern.compile("^\\d{1,4}%?$");
    private static final Pattern HOST = Pattern.compile("^(?:[^@\\s]+@)?(\\[[^\\]]+\\]|[^:@\\s\\[\\]]+)(?::\\d{1,5})?$");

    private SshDeployOptions options = new SshDeployOptions();

    @DataBoundConstructor
    public SshDeployBuilder(String credentialsId, String baseDir) {
        options.credentialsId = credentialsId;
        options.baseDir = baseDir;
    }

    /**
     * A saved configuration without the nested element (hand-written {@code config.xml}, Job DSL, an older version)
     * loads with the defaults: XStream does not run field initialisers.
     */
    protected Object readResolve() {
        if (options == null) {
            options = new SshDeployOptions();
        }
        return this;
    }

    public String getCredentialsId() {
        return options.credentialsId;
    }

    public String getBaseDir() {
        return options.baseDir;
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
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, java.io.IOException {
        try {
            options.run(new EngineCall(run, workspace, launcher, listener, env), SshDeployStep.DescriptorImpl.NAME);
        } catch (InterruptedException | java.io.IOException e) {
            throw e;
        } catch (Exception e) {
            throw new java.io.IOException(e.getMessage(), e);
        }
    }

    static FormValidation checkBatch(String value) {
        String problem = batchProblem(value);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    static FormValidation checkHostList(String value) {
        String problem = hostListProblem(value);
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    static String batchProblem(String value) {
        String v = value == null ? "" : value.trim();
        return v.isEmpty() || BATCH.matcher(v).matches() ? null : "A host count (e.g. 2) or a percentage (e.g. 25%)";
    }

    static String hostListProblem(String value) {
        for (String line : SshDeployOptions.lines(value)) {
            if (!HOST.matcher(line).matches()) {
                return "Not of the form user@host:port: " + line;
            }
        }
        return null;
    }

    /** The builder's descriptor. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: deploy a release over SSH";
        }

        @POST
        public FormValidation doCheckBatch(@QueryParameter String value) {
            return checkBatch(value);
        }

        @POST
        public FormValidation doCheckHostList(@QueryParameter String value) {
            return checkHostList(value);
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
