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
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.bridge.MiniJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The freestyle form of {@code ec2Launch}: the same parameters; the hosts go to {@code hostsFile} in the
 * workspace (JSON, the shape {@code sshDeploy} reads) because a freestyle step cannot return a value.
 */
public final class Ec2LaunchBuilder extends Builder implements SimpleBuildStep {
    private Ec2LaunchStep launch;
    private String hostsFile;

    @DataBoundConstructor
    public Ec2LaunchBuilder(String fleet) {
        this.launch = new Ec2LaunchStep(fleet);
    }

    /** A saved configuration without its nested step (hand-written, Job DSL) loads, and its form opens, empty. */
    protected Object readResolve() {
        if (launch == null) {
            launch = new Ec2LaunchStep(null);
        }
        return this;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        if (launch.getFleet() == null || launch.getFleet().isBlank()) {
            throw new hudson.AbortException("This ec2Launch build step has no fleet (its saved configuration has no"
                    + " <launch><fleet> element): open the job's configuration, set Fleet and save.");
        }
        long start = System.nanoTime();
        EngineCall call = new EngineCall(run, workspace, launcher, listener, env);
        Map<String, Object> value = Ec2LaunchStep.Execution.launch(call, launch, start);
        String file = getHostsFile();
        workspace.child(file).copyFrom(new ByteArrayInputStream(
                MiniJson.write(value.get("hosts")).getBytes(StandardCharsets.UTF_8)));
        listener.getLogger().println("[" + Ec2LaunchStep.DescriptorImpl.NAME + "] hosts written to " + file);
    }

    /** Workspace file for the hosts (default {@code slipway-ec2-<fleet>.json}). */
    public String getHostsFile() {
        return hostsFile != null ? hostsFile : "slipway-ec2-" + launch.getFleet() + ".json";
    }

    @DataBoundSetter
    public void setHostsFile(String hostsFile) {
        this.hostsFile = Ec2LaunchStep.emptyToNull(hostsFile);
    }

    public String getFleet() {
        return launch.getFleet();
    }

    public Integer getCount() {
        return launch.getCount();
    }

    @DataBoundSetter
    public void setCount(Integer count) {
        launch.setCount(count);
    }

    public String getAmi() {
        return launch.getAmi();
    }

    @DataBoundSetter
    public void setAmi(String ami) {
        launch.setAmi(ami);
    }

    public String getAmiName() {
        return launch.getAmiName();
    }

    @DataBoundSetter
    public void setAmiName(String amiName) {
        launch.setAmiName(amiName);
    }

    public String getAmiOwners() {
        return launch.getAmiOwners();
    }

    @DataBoundSetter
    public void setAmiOwners(String amiOwners) {
        launch.setAmiOwners(amiOwners);
    }

    public String getInstanceType() {
        return launch.getInstanceType();
    }

    @DataBoundSetter
    public void setInstanceType(String instanceType) {
        launch.setInstanceType(instanceType);
    }

    public String getSubnets() {
        return launch.getSubnets();
    }

    @DataBoundSetter
    public void setSubnets(String subnets) {
        launch.setSubnets(subnets);
    }

    public String getSecurityGroups() {
        return launch.getSecurityGroups();
    }

    @DataBoundSetter
    public void setSecurityGroups(String securityGroups) {
        launch.setSecurityGroups(securityGroups);
    }

    public String getKeyName() {
        return launch.getKeyName();
    }

    @DataBoundSetter
    public void setKeyName(String keyName) {
        launch.setKeyName(keyName);
    }

    public String getInstanceProfile() {
        return launch.getInstanceProfile();
    }

    @DataBoundSetter
    public void setInstanceProfile(String instanceProfile) {
        launch.setInstanceProfile(instanceProfile);
    }

    public String getUserData() {
        return launch.getUserData();
    }

    @DataBoundSetter
    public void setUserData(String userData) {
        launch.setUserData(userData);
    }

    public String getUserDataFile() {
        return launch.getUserDataFile();
    }

    @DataBoundSetter
    public void setUserDataFile(String userDataFile) {
        launch.setUserDataFile(userDataFile);
    }

    public Integer getRootVolumeGb() {
        return launch.getRootVolumeGb();
    }

    @DataBoundSetter
    public void setRootVolumeGb(Integer rootVolumeGb) {
        launch.setRootVolumeGb(rootVolumeGb);
    }

    public boolean isImdsV2() {
        return launch.isImdsV2();
    }

    @DataBoundSetter
    public void setImdsV2(boolean imdsV2) {
        launch.setImdsV2(imdsV2);
    }

    public boolean isSpot() {
        return launch.isSpot();
    }

    @DataBoundSetter
    public void setSpot(boolean spot) {
        launch.setSpot(spot);
    }

    public boolean isSpotFallback() {
        return launch.isSpotFallback();
    }

    @DataBoundSetter
    public void setSpotFallback(boolean spotFallback) {
        launch.setSpotFallback(spotFallback);
    }

    public Integer getTtlMinutes() {
        return launch.getTtlMinutes();
    }

    @DataBoundSetter
    public void setTtlMinutes(Integer ttlMinutes) {
        launch.setTtlMinutes(ttlMinutes);
    }

    public boolean isTerminateExtras() {
        return launch.isTerminateExtras();
    }

    @DataBoundSetter
    public void setTerminateExtras(boolean terminateExtras) {
        launch.setTerminateExtras(terminateExtras);
    }

    public boolean isWaitStatusOk() {
        return launch.isWaitStatusOk();
    }

    @DataBoundSetter
    public void setWaitStatusOk(boolean waitStatusOk) {
        launch.setWaitStatusOk(waitStatusOk);
    }

    public boolean isWaitSsh() {
        return launch.isWaitSsh();
    }

    @DataBoundSetter
    public void setWaitSsh(boolean waitSsh) {
        launch.setWaitSsh(waitSsh);
    }

    public String getHostKeys() {
        return launch.getHostKeys();
    }

    @DataBoundSetter
    public void setHostKeys(String hostKeys) {
        launch.setHostKeys(hostKeys);
    }

    public Integer getSshPort() {
        return launch.getSshPort();
    }

    @DataBoundSetter
    public void setSshPort(Integer sshPort) {
        launch.setSshPort(sshPort);
    }

    public String getSshUser() {
        return launch.getSshUser();
    }

    @DataBoundSetter
    public void setSshUser(String sshUser) {
        launch.setSshUser(sshUser);
    }

    public String getAddressType() {
        return launch.getAddressType();
    }

    @DataBoundSetter
    public void setAddressType(String addressType) {
        launch.setAddressType(addressType);
    }

    public Integer getTimeoutSeconds() {
        return launch.getTimeoutSeconds();
    }

    @DataBoundSetter
    public void setTimeoutSeconds(Integer timeoutSeconds) {
        launch.setTimeoutSeconds(timeoutSeconds);
    }

    public boolean isKeepOnFailure() {
        return launch.isKeepOnFailure();
    }

    @DataBoundSetter
    public void setKeepOnFailure(boolean keepOnFailure) {
        launch.setKeepOnFailure(keepOnFailure);
    }

    public boolean isDryRun() {
        return launch.isDryRun();
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        launch.setDryRun(dryRun);
    }

    public String getTags() {
        return launch.getTags();
    }

    @DataBoundSetter
    public void setTags(String tags) {
        launch.setTags(tags);
    }

    public String getRegion() {
        return launch.getRegion();
    }

    @DataBoundSetter
    public void setRegion(String region) {
        launch.setRegion(region);
    }

    public String getEndpoint() {
        return launch.getEndpoint();
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        launch.setEndpoint(endpoint);
    }

    public String getCredentialsId() {
        return launch.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        launch.setCredentialsId(credentialsId);
    }

    public String getRoleArn() {
        return launch.getRoleArn();
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        launch.setRoleArn(roleArn);
    }

    public String getExternalId() {
        return launch.getExternalId();
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        launch.setExternalId(externalId);
    }

    /** The builder's descriptor. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public String getDisplayName() {
            return "Slipway: ensure an EC2 fleet is running and reachable";
        }

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        public ListBoxModel doFillHostKeysItems() {
            return Ec2LaunchStep.DescriptorImpl.hostKeyItems();
        }

        public ListBoxModel doFillAddressTypeItems() {
            return Ec2LaunchStep.DescriptorImpl.addressTypeItems();
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.aws(item, credentialsId);
        }
    }
}
