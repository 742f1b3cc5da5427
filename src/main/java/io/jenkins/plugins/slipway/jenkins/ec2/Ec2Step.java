package io.jenkins.plugins.slipway.jenkins.ec2;

import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.jenkins.AwsCredentials;
import io.jenkins.plugins.slipway.jenkins.CredentialItems;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.jenkins.SlipwayGlobalConfiguration;
import io.jenkins.plugins.slipway.jenkins.SlipwayStep;
import io.jenkins.plugins.slipway.request.ec2.Ec2Reply;
import java.io.IOException;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import java.util.function.Function;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * What both EC2 steps take to reach AWS — region, credentials, role, endpoint — and how they call the engine with
 * it: the system configuration's defaults, the credential resolved on the controller into secrets for the engine's
 * standard input. The help of these parameters is this class's ({@code Ec2Step/help-*.html}).
 */
public abstract class Ec2Step extends SlipwayStep {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = -9143727519305174363L;
    private String region;
    private String endpoint;
    private String credentialsId;
    private String roleArn;
    private String externalId;

    /**
     * The engine work of {@code task}: the step's typed {@code request}, given the AWS connection (the record's
     * components), and the credential's secrets for the engine's standard input.
     */
    protected final EngineWork work(EngineCall call, String step, String task,
            Function<AwsConnection, ? extends Record> request) throws IOException, InterruptedException {
        SlipwayGlobalConfiguration defaults = SlipwayGlobalConfiguration.getOrNull();
        String id = credentialsId != null || defaults == null ? credentialsId : defaults.getAwsCredentialsId();
        AwsCredentials.Resolved credential = AwsCredentials.resolve(id, call.run());
        AwsConnection aws = Params.request(step, () -> connection(defaults == null ? null : defaults.getAwsRegion(),
                credential));
        return new EngineWork(step, task, request.apply(aws), AwsCredentials.secrets(credential));
    }

    /**
     * The AWS connection: the step's region, else {@code defaultRegion}; the endpoint; the role and how to sign in
     * ({@code credential}'s keys, else the agent's default chain).
     */
    final AwsConnection connection(String defaultRegion, AwsCredentials.Resolved credential) {
        return AwsCredentials.connection(credential, region != null ? region : defaultRegion, endpoint, roleArn,
                externalId);
    }

    /** Records the reply (the hosts launched or terminated); a failure stops the build ({@link #stopsOnFailure}). */
    @Override
    protected final void record(EngineCall call, EngineWork work, EngineReply reply) throws IOException {
        Ec2Action.addTo(call.run(), work.step(), reply.status(), reply.summary(), reply.result(Ec2Reply.class),
                call.index());
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

    /** The descriptor base of the EC2 steps: the AWS credentials drop-down. */
    public abstract static class Ec2StepDescriptor extends SlipwayStepDescriptor {
        protected Ec2StepDescriptor(String functionName, String displayName) {
            super(functionName, displayName);
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialItems.aws(item, credentialsId);
        }
    }
}
