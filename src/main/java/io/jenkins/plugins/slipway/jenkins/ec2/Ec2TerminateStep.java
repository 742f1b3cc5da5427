package io.jenkins.plugins.slipway.jenkins.ec2;

import hudson.Extension;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.request.Capability;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code ec2Terminate fleet: 'pr-17'} (or {@code instanceIds: '…'}, or {@code expired: true}): terminates instances
 * Slipway launched — never an instance without a {@code slipway:fleet} tag.
 */
public final class Ec2TerminateStep extends Ec2Step {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = 7399201412836806289L;
    static final String STEP = Capability.EC2_TERMINATE.step();

    private String fleet;
    private String instanceIds;
    private boolean expired;
    private boolean waitTerminated;
    private Integer timeoutSeconds;
    private boolean dryRun;
    private String targetGroups;

    @DataBoundConstructor
    public Ec2TerminateStep() {
        // everything is optional; the engine says when nothing names what to terminate
    }

    /** The engine request without AWS access (the record's defaults). */
    Ec2TerminateRequest request() {
        return request(null);
    }

    /** The engine request with the AWS connection {@code aws} (null: the record's defaults); the record checks it. */
    Ec2TerminateRequest request(AwsConnection aws) {
        return Params.request(STEP, () -> new Ec2TerminateRequest(fleet, Params.listOrNull(instanceIds), expired,
                waitTerminated, timeoutSeconds, dryRun, aws, Params.listOrNull(targetGroups)));
    }

    @Override
    protected EngineWork prepare(EngineCall call) throws Exception {
        return work(call, STEP, Capability.EC2_TERMINATE.task(), this::request);
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends Ec2StepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: terminate an EC2 fleet");
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

    public String getTargetGroups() {
        return targetGroups;
    }

    @DataBoundSetter
    public void setTargetGroups(String targetGroups) {
        this.targetGroups = Params.text(targetGroups);
    }
}
