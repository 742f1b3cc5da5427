package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.IOException;
import java.util.LinkedHashMap;
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

/**
 * {@code ec2Terminate fleet: 'pr-17'} (or {@code instanceIds: '…'}, or {@code expired: true}): terminates instances
 * Slipway launched — never an instance without a {@code slipway:fleet} tag.
 */
public final class Ec2TerminateStep extends Step {
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

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    Map<String, Object> request() {
        Map<String, Object> r = new LinkedHashMap<>();
        AwsCredentials.put(r, "fleet", fleet);
        AwsCredentials.put(r, "instanceIds", Ec2LaunchStep.list(instanceIds));
        r.put("expired", expired);
        r.put("waitTerminated", waitTerminated);
        AwsCredentials.put(r, "timeoutSeconds", timeoutSeconds);
        r.put("dryRun", dryRun);
        AwsCredentials.put(r, "endpoint", endpoint);
        return r;
    }

    /** Runs off the CPS thread. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Ec2TerminateStep step;

        Execution(StepContext context, Ec2TerminateStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            long start = System.nanoTime();
            return terminate(EngineCall.of(getContext()), step, start);
        }

        /** Shared with the freestyle builder. */
        static Map<String, Object> terminate(EngineCall call, Ec2TerminateStep step, long start)
                throws IOException, InterruptedException {
            SlipwayGlobalConfiguration defaults = SlipwayGlobalConfiguration.getOrNull();
            Map<String, Object> request = step.request();
            AwsCredentials.put(request, "region", step.region != null || defaults == null ? step.region : defaults.getAwsRegion());
            String id = step.credentialsId != null || defaults == null ? step.credentialsId : defaults.getAwsCredentialsId();
            Map<String, String> secrets = AwsCredentials.apply(AwsCredentials.resolve(id, call.run()), request,
                    step.roleArn, step.externalId);
            EngineReply reply = call.invoke(DescriptorImpl.NAME, "ec2-terminate", request, secrets);
            return call.finish(DescriptorImpl.NAME, reply, start, true);
        }
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = "ec2Terminate";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: terminate an EC2 fleet";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
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
        this.fleet = Ec2LaunchStep.emptyToNull(fleet);
    }

    public String getInstanceIds() {
        return instanceIds;
    }

    @DataBoundSetter
    public void setInstanceIds(String instanceIds) {
        this.instanceIds = Ec2LaunchStep.emptyToNull(instanceIds);
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
        this.region = Ec2LaunchStep.emptyToNull(region);
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Ec2LaunchStep.emptyToNull(endpoint);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Ec2LaunchStep.emptyToNull(credentialsId);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Ec2LaunchStep.emptyToNull(roleArn);
    }

    public String getExternalId() {
        return externalId;
    }

    @DataBoundSetter
    public void setExternalId(String externalId) {
        this.externalId = Ec2LaunchStep.emptyToNull(externalId);
    }
}
