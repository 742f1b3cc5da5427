package io.jenkins.plugins.slipway.jenkins.ec2;

import hudson.Extension;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.jenkins.CallPaths;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.request.Capability;
import io.jenkins.plugins.slipway.request.Checks;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.ec2.AddressType;
import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;
import io.jenkins.plugins.slipway.request.ec2.HostKeyMode;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code def fleet = ec2Launch fleet: 'web', count: 2, ami: 'ami-…'}: ensures the fleet has {@code count} running
 * instances (reusing, launching only the missing ones, idempotently) and returns a map whose {@code hosts} list
 * {@code sshDeploy hosts: fleet.hosts} accepts as is. Configuration only; the engine does the work on the agent.
 */
public final class Ec2LaunchStep extends Ec2Step {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = 2810515875022295120L;
    static final String STEP = Capability.EC2_LAUNCH.step();
    /** The first call's report (the engine's default); the n-th call's is {@code slipway/ec2-<n>/index.html}. */
    static final String REPORT = "slipway/ec2/index.html";

    private final String fleet;
    private Integer count;
    private String ami;
    private String amiName;
    private String amiOwners;
    private String instanceType;
    private String subnets;
    private String securityGroups;
    private String keyName;
    private String instanceProfile;
    private String userData;
    private String userDataFile;
    private Integer rootVolumeGb;
    /** Null = the default (true: IMDSv2 required), also for a saved configuration without the element. */
    private Boolean imdsV2;
    private boolean spot;
    /** Null = the default (true): a saved configuration without the element keeps the default. */
    private Boolean spotFallback;
    private Integer ttlMinutes;
    private boolean terminateExtras;
    private boolean waitStatusOk;
    /** Null = the default (true). */
    private Boolean waitSsh;
    private String hostKeys;
    private Integer sshPort;
    private String sshUser;
    private String addressType;
    private Integer timeoutSeconds;
    private boolean keepOnFailure;
    private boolean dryRun;
    private String tags;
    private String targetGroups;
    private Integer targetPort;
    private boolean waitHealthy;
    private String replaces;

    @DataBoundConstructor
    public Ec2LaunchStep(String fleet) {
        this.fleet = fleet;
    }

    /** The engine request of a build's first call, without AWS access (the record's defaults). */
    Ec2LaunchRequest request(String buildId) {
        return request(buildId, 1, null);
    }

    /**
     * The engine request of the {@code index}-th call with the AWS connection {@code aws} (null: the record's
     * defaults): an unset field is the record's default, which also checks the values; the call's own report path.
     */
    Ec2LaunchRequest request(String buildId, int index, AwsConnection aws) {
        return Params.request(STEP, () -> new Ec2LaunchRequest(fleet, count, Params.mapOrNull(STEP, "tags", tags), ami, amiName,
                Params.listOrNull(amiOwners), instanceType, Params.listOrNull(subnets),
                Params.listOrNull(securityGroups), keyName, instanceProfile, userData, userDataFile, rootVolumeGb,
                isImdsV2(), spot, isSpotFallback(), ttlMinutes, terminateExtras, waitStatusOk, isWaitSsh(),
                hostKeys == null ? null : Checks.oneOf(HostKeyMode.class, hostKeys), sshPort, sshUser,
                addressType == null ? null : Checks.oneOf(AddressType.class, addressType), timeoutSeconds, keepOnFailure, dryRun,
                buildId, aws, CallPaths.file(REPORT, index), Params.listOrNull(targetGroups), targetPort,
                waitHealthy, replaces));
    }

    @Override
    protected EngineWork prepare(EngineCall call) throws Exception {
        return work(call, STEP, Capability.EC2_LAUNCH.task(), aws -> request(call.buildId(), call.index(), aws));
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends Ec2StepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: ensure an EC2 fleet is running and reachable");
        }

        public ListBoxModel doFillHostKeysItems() {
            return hostKeyItems();
        }

        public ListBoxModel doFillAddressTypeItems() {
            return addressTypeItems();
        }

        static ListBoxModel hostKeyItems() {
            return options("Require (default)", "REQUIRE", "BEST_EFFORT", "SKIP");
        }

        static ListBoxModel addressTypeItems() {
            return options("Public, else private (default)", "AUTO", "PUBLIC", "PRIVATE");
        }

        private static ListBoxModel options(String defaultLabel, String... values) {
            ListBoxModel model = new ListBoxModel();
            model.add(defaultLabel, "");
            for (String value : values) {
                model.add(value, value);
            }
            return model;
        }
    }

    // ------------------------------------------------------------------------------------ getters and setters

    public String getFleet() {
        return fleet;
    }

    public Integer getCount() {
        return count;
    }

    @DataBoundSetter
    public void setCount(Integer count) {
        this.count = count;
    }

    public String getAmi() {
        return ami;
    }

    @DataBoundSetter
    public void setAmi(String ami) {
        this.ami = Params.text(ami);
    }

    public String getAmiName() {
        return amiName;
    }

    @DataBoundSetter
    public void setAmiName(String amiName) {
        this.amiName = Params.text(amiName);
    }

    public String getAmiOwners() {
        return amiOwners;
    }

    @DataBoundSetter
    public void setAmiOwners(String amiOwners) {
        this.amiOwners = Params.text(amiOwners);
    }

    public String getInstanceType() {
        return instanceType;
    }

    @DataBoundSetter
    public void setInstanceType(String instanceType) {
        this.instanceType = Params.text(instanceType);
    }

    public String getSubnets() {
        return subnets;
    }

    @DataBoundSetter
    public void setSubnets(String subnets) {
        this.subnets = Params.text(subnets);
    }

    public String getSecurityGroups() {
        return securityGroups;
    }

    @DataBoundSetter
    public void setSecurityGroups(String securityGroups) {
        this.securityGroups = Params.text(securityGroups);
    }

    public String getKeyName() {
        return keyName;
    }

    @DataBoundSetter
    public void setKeyName(String keyName) {
        this.keyName = Params.text(keyName);
    }

    public String getInstanceProfile() {
        return instanceProfile;
    }

    @DataBoundSetter
    public void setInstanceProfile(String instanceProfile) {
        this.instanceProfile = Params.text(instanceProfile);
    }

    public String getUserData() {
        return userData;
    }

    @DataBoundSetter
    public void setUserData(String userData) {
        this.userData = userData == null || userData.isBlank() ? null : userData;
    }

    public String getUserDataFile() {
        return userDataFile;
    }

    @DataBoundSetter
    public void setUserDataFile(String userDataFile) {
        this.userDataFile = Params.text(userDataFile);
    }

    public Integer getRootVolumeGb() {
        return rootVolumeGb;
    }

    @DataBoundSetter
    public void setRootVolumeGb(Integer rootVolumeGb) {
        this.rootVolumeGb = rootVolumeGb;
    }

    public boolean isImdsV2() {
        return imdsV2 == null || imdsV2;
    }

    @DataBoundSetter
    public void setImdsV2(boolean imdsV2) {
        this.imdsV2 = imdsV2;
    }

    public boolean isSpot() {
        return spot;
    }

    @DataBoundSetter
    public void setSpot(boolean spot) {
        this.spot = spot;
    }

    public boolean isSpotFallback() {
        return spotFallback == null || spotFallback;
    }

    @DataBoundSetter
    public void setSpotFallback(boolean spotFallback) {
        this.spotFallback = spotFallback;
    }

    public Integer getTtlMinutes() {
        return ttlMinutes;
    }

    @DataBoundSetter
    public void setTtlMinutes(Integer ttlMinutes) {
        this.ttlMinutes = ttlMinutes;
    }

    public boolean isTerminateExtras() {
        return terminateExtras;
    }

    @DataBoundSetter
    public void setTerminateExtras(boolean terminateExtras) {
        this.terminateExtras = terminateExtras;
    }

    public boolean isWaitStatusOk() {
        return waitStatusOk;
    }

    @DataBoundSetter
    public void setWaitStatusOk(boolean waitStatusOk) {
        this.waitStatusOk = waitStatusOk;
    }

    public boolean isWaitSsh() {
        return waitSsh == null || waitSsh;
    }

    @DataBoundSetter
    public void setWaitSsh(boolean waitSsh) {
        this.waitSsh = waitSsh;
    }

    public String getHostKeys() {
        return hostKeys;
    }

    @DataBoundSetter
    public void setHostKeys(String hostKeys) {
        this.hostKeys = Params.text(hostKeys);
    }

    public Integer getSshPort() {
        return sshPort;
    }

    @DataBoundSetter
    public void setSshPort(Integer sshPort) {
        this.sshPort = sshPort;
    }

    public String getSshUser() {
        return sshUser;
    }

    @DataBoundSetter
    public void setSshUser(String sshUser) {
        this.sshUser = Params.text(sshUser);
    }

    public String getAddressType() {
        return addressType;
    }

    @DataBoundSetter
    public void setAddressType(String addressType) {
        this.addressType = Params.text(addressType);
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public boolean isKeepOnFailure() {
        return keepOnFailure;
    }

    @DataBoundSetter
    public void setKeepOnFailure(boolean keepOnFailure) {
        this.keepOnFailure = keepOnFailure;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = Params.text(tags);
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

    public boolean isWaitHealthy() {
        return waitHealthy;
    }

    @DataBoundSetter
    public void setWaitHealthy(boolean waitHealthy) {
        this.waitHealthy = waitHealthy;
    }

    public String getReplaces() {
        return replaces;
    }

    @DataBoundSetter
    public void setReplaces(String replaces) {
        this.replaces = Params.text(replaces);
    }
}
