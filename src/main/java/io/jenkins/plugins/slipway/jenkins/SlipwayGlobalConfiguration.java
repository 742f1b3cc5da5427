package io.jenkins.plugins.slipway.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Slipway" on Manage Jenkins → System: the defaults every Slipway step falls back to when it is not given a value.
 * Plain {@code @DataBoundSetter} properties with getters and stable names, so Configuration as Code sets and exports
 * them under the symbol ({@code unclassified: slipway: awsRegion: eu-west-1 …}; without a symbol Configuration as
 * Code would name the section after the class, {@code slipwayGlobalConfiguration}, which stays an alias).
 */
@Extension
@Symbol({"slipway", "slipwayGlobalConfiguration"})
public final class SlipwayGlobalConfiguration extends GlobalConfiguration {

    /** How {@code sshDeploy} trusts host keys when a step does not say. */
    public static final String VERIFY = "verify";
    public static final String ACCEPT_NEW = "acceptNew";

    private String awsRegion;
    private String awsCredentialsId;
    private String hostKeyPolicy = VERIFY;
    private String engineJvmOptions;
    private String cacheDirectory;

    public SlipwayGlobalConfiguration() {
        load();
    }

    /** The configuration, or null when Jenkins is not running (unit tests, the engine's JVM). */
    public static SlipwayGlobalConfiguration getOrNull() {
        try {
            return ExtensionList.lookupSingleton(SlipwayGlobalConfiguration.class);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String getDisplayName() {
        return "Slipway";
    }

    /** Default AWS region of {@code ec2Launch} / {@code ec2Terminate}, e.g. {@code eu-west-1}. */
    public String getAwsRegion() {
        return awsRegion;
    }

    @DataBoundSetter
    public void setAwsRegion(String awsRegion) {
        this.awsRegion = trimToNull(awsRegion);
        save();
    }

    /** Default AWS credentials id of the EC2 steps (an AWS credential or a username/password with the key pair). */
    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = trimToNull(awsCredentialsId);
        save();
    }

    /**
     * Default host key policy of {@code sshDeploy}: {@value #VERIFY} (only pinned fingerprints and known_hosts; the
     * default) or {@value #ACCEPT_NEW} (trust a host seen for the first time and remember it; a changed key is still
     * refused). Switching verification off is never a default: a step must say {@code insecure: true}.
     */
    public String getHostKeyPolicy() {
        return hostKeyPolicy == null ? VERIFY : hostKeyPolicy;
    }

    @DataBoundSetter
    public void setHostKeyPolicy(String hostKeyPolicy) {
        String value = trimToNull(hostKeyPolicy);
        this.hostKeyPolicy = ACCEPT_NEW.equals(value) ? ACCEPT_NEW : VERIFY;
        save();
    }

    /** Extra options of the engine's JVM on agents, e.g. {@code -Xmx1g}; a build's SLIPWAY_ENGINE_JAVA_OPTS wins. */
    public String getEngineJvmOptions() {
        return engineJvmOptions;
    }

    @DataBoundSetter
    public void setEngineJvmOptions(String engineJvmOptions) {
        this.engineJvmOptions = trimToNull(engineJvmOptions);
        save();
    }

    /**
     * Where agents keep the engine and the analysis caches (PMD's incremental cache…), outside workspaces;
     * a build's SLIPWAY_ENGINE_CACHE wins. Empty: the agent's default.
     */
    public String getCacheDirectory() {
        return cacheDirectory;
    }

    @DataBoundSetter
    public void setCacheDirectory(String cacheDirectory) {
        this.cacheDirectory = trimToNull(cacheDirectory);
        save();
    }

    /** Lists credentials to administrators only; the check sits in {@link CredentialItems}. */
    public ListBoxModel doFillAwsCredentialsIdItems(@QueryParameter String awsCredentialsId) {
        return CredentialItems.aws(null, awsCredentialsId);
    }

    public ListBoxModel doFillHostKeyPolicyItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("Verify: pinned fingerprints and known_hosts only", VERIFY);
        items.add("Accept new: trust on first use and remember (a changed key is refused)", ACCEPT_NEW);
        return items;
    }

    @POST
    public FormValidation doCheckAwsRegion(@QueryParameter String value) {
        String v = trimToNull(value);
        if (v == null || v.matches("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d")) {
            return FormValidation.ok();
        }
        return FormValidation.warning("'" + v + "' does not look like an AWS region such as eu-west-1 or us-east-2.");
    }

    @POST
    public FormValidation doCheckEngineJvmOptions(@QueryParameter String value) {
        return checkJvmOptions(value);
    }

    @POST
    public FormValidation doCheckCacheDirectory(@QueryParameter String value) {
        String v = trimToNull(value);
        if (v == null || v.startsWith("/") || v.startsWith("~/") || v.matches("[A-Za-z]:[\\\\/].*")) {
            return FormValidation.ok();
        }
        return FormValidation.error("The cache directory must be absolute (or start with ~/): it lives outside workspaces.");
    }

    /** JVM options are plain options separated by spaces; no shell, so quotes and {@code $} would be passed as is. */
    static FormValidation checkJvmOptions(String value) {
        String v = trimToNull(value);
        if (v == null) {
            return FormValidation.ok();
        }
        for (String option : v.split("\\s+")) {
            if (!option.startsWith("-")) {
                return FormValidation.error("'" + option + "' is not a JVM option (each starts with '-', e.g. -Xmx1g).");
            }
            if (option.contains("\"") || option.contains("'") || option.contains("$")) {
                return FormValidation.error("'" + option + "' contains quotes or '$': options are passed as they are, without a shell.");
            }
        }
        return FormValidation.ok();
    }

    static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
