package io.jenkins.plugins.slipway.jenkins.ec2;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.jenkins.AwsCredentials;
import io.jenkins.plugins.slipway.jenkins.CredentialItems;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.jenkins.SlipwayGlobalConfiguration;
import io.jenkins.plugins.slipway.jenkins.SlipwayStep;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code ec2Terminate fleet: 'pr-17'} (or {@code instanceIds: '…'}, or {@code expired: true}): terminates instances
 * Slipway launched — never an instance without a {@code slipway:fleet} tag.
 */
public final class Ec2TerminateStep extends SlipwayStep {
    static final String STEP = "ec2Terminate";

    private String fleet;
    private String instanceIds;
    private boolean expired;
    private boolean waitTerminated;
    private Integer timeoutSeconds;
    private boolean dryRun;
    private String region;
    private String endpoint;
    private String credentialsId;
    private String roleArn;
    private String externalId;

    @DataBoundConstructor
    public Ec2TerminateStep() {
        // everything is optional; the engine says when nothing names what to terminate
    }

    Map<String, Object> request() {
        Map<String, Object> r = new LinkedHashMap<>();
        Params.put(r, "fleet", fleet);
        Params.put(r, "instanceIds", Params.listOrNull(instanceIds));
        r.put("expired", expired);
        r.put("waitTerminated", waitTerminated);
        Params.put(r, "timeoutSeconds", timeoutSeconds);
        r.put("dryRun", dryRun);
        Params.put(r, "endpoint", endpoint);
        return r;
    }

    @Override
    public Map<String, Object> run(EngineCall call) throws Exception {
        long start = System.nanoTime();
        SlipwayGlobalConfiguration defaults = SlipwayGlobalConfiguration.getOrNull();
        Map<String, Object> request = request();
        Params.put(request, "region", region != null || defaults == null ? region : defaults.getAwsRegion());
        String id = credentialsId != null || defaults == null ? credentialsId : defaults.getAwsCredentialsId();
        Map<String, String> secrets = AwsCredentials.apply(AwsCredentials.resolve(id, call.run()), request,
                roleArn, externalId);
        EngineReply reply = call.invoke(STEP, "ec2-terminate", request, secrets);
        return call.finish(STEP, reply, start, true);
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: terminate an EC2 fleet");
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.aws(item, credentialsId);
        }
    }

    public String getFleet() {
        return fleet;
    }

    @DataBoundSetter
    public void setFleet(String fleet) {
        this.fleet = Params.text(fleet);
    }

    public String getInstanceIds() {
        return instanceIds;
    }

    @DataBoundSetter
    public void setInstanceIds(String instanceIds) {
        this.instanceIds = Params.text(instanceIds);
    }

    public boolean isExpired() {
        return expired;
    }

    @DataBoundSetter
    public void setExpired(boolean expired) {
        this.expired = expired;
    }

    public boolean isWaitTerminated() {
        return waitTerminated;
    }

    @DataBoundSetter
    public void setWaitTerminated(boolean waitTerminated) {
        this.waitTerminated = waitTerminated;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Params.text(region);
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Params.text(endpoint);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Params.text(credentialsId);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Params.text(roleArn);
    }

    public String getExternalId() {
        return externalId;
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        this.externalId = Params.text(externalId);
    }
}
