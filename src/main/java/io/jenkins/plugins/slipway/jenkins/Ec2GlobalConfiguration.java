package io.jenkins.plugins.slipway.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import org.kohsuke.stapler.DataBoundSetter;

/** "Slipway EC2" on the system configuration page: the default region and AWS credentials id of the EC2 steps. */
@Extension
public final class Ec2GlobalConfiguration extends GlobalConfiguration {
    private String region;
    private String credentialsId;

    public Ec2GlobalConfiguration() {
        load();
    }

    public static Ec2GlobalConfiguration get() {
        return ExtensionList.lookupSingleton(Ec2GlobalConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "Slipway EC2";
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = blankToNull(region);
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
        save();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
