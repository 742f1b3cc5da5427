package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The freestyle build step of {@code browserTest}: the same options; lists take one entry per line. */
public final class BrowserTestBuilder extends Builder implements SimpleBuildStep {
    private BrowserTestOptions options = new BrowserTestOptions();

    @DataBoundConstructor
    public BrowserTestBuilder() {
        // every parameter is optional on its own; the engine checks the combination
    }

    /**
     * A saved configuration without the nested element (hand-written {@code config.xml}, Job DSL, an older version)
     * loads with the defaults: XStream does not run field initialisers.
     */
    protected Object readResolve() {
        if (options == null) {
            options = new BrowserTestOptions();
        }
        return this;
    }

    public String getAppCommand() {
        return options.appCommand;
    }

    @DataBoundSetter
    public void setAppCommand(String appCommand) {
        options.appCommand = appCommand;
    }

    public String getAppUrl() {
        return options.appUrl;
    }

    @DataBoundSetter
    public void setAppUrl(String appUrl) {
        options.appUrl = appUrl;
    }

    public String getAppStartedBy() {
        return options.appStartedBy;
    }

    @DataBoundSetter
    public void setAppStartedBy(String appStartedBy) {
        options.appStartedBy = appStartedBy;
    }

    public String getAppDir() {
        return options.appDir;
    }

    @DataBoundSetter
    public void setAppDir(String appDir) {
        options.appDir = appDir;
    }

    public String getAppEnv() {
        return options.appEnv;
    }

    @DataBoundSetter
    public void setAppEnv(String appEnv) {
        options.appEnv = appEnv;
    }

    public int getAppPort() {
        return options.appPort;
    }

    @DataBoundSetter
    public void setAppPort(int appPort) {
        options.appPort = appPort;
    }

    public String getReadyPath() {
        return options.readyPath;
    }

    @DataBoundSetter
    public void setReadyPath(String readyPath) {
        options.readyPath = readyPath;
    }

    public int getReadyStatus() {
        return options.readyStatus;
    }

    @DataBoundSetter
    public void setReadyStatus(int readyStatus) {
        options.readyStatus = readyStatus;
    }

    public String getReadyCheck() {
        return options.readyCheck;
    }

    @DataBoundSetter
    public void setReadyCheck(String readyCheck) {
        options.readyCheck = readyCheck;
    }

    public int getReadyTimeoutSeconds() {
        return options.readyTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadyTimeoutSeconds(int readyTimeoutSeconds) {
        options.readyTimeoutSeconds = readyTimeoutSeconds;
    }

    public String getScenarios() {
        return options.scenarios;
    }

    @DataBoundSetter
    public void setScenarios(String scenarios) {
        options.scenarios = scenarios;
    }

    public String getSuiteCommand() {
        return options.suiteCommand;
    }

    @DataBoundSetter
    public void setSuiteCommand(String suiteCommand) {
        options.suiteCommand = suiteCommand;
    }

    public String getJunitXml() {
        return options.junitXml;
    }

    @DataBoundSetter
    public void setJunitXml(String junitXml) {
        options.junitXml = junitXml;
    }

    public int getSuiteTimeoutSeconds() {
        return options.suiteTimeoutSeconds;
    }

    @DataBoundSetter
    public void setSuiteTimeoutSeconds(int suiteTimeoutSeconds) {
        options.suiteTimeoutSeconds = suiteTimeoutSeconds;
    }

    public String getBrowser() {
        return options.browser;
    }

    @DataBoundSetter
    public void setBrowser(String browser) {
        options.browser = browser;
    }

    public String getChromedriver() {
        return options.chromedriver;
    }

    @DataBoundSetter
    public void setChromedriver(String chromedriver) {
        options.chromedriver = chromedriver;
    }

    public String getChromeBinary() {
        return options.chromeBinary;
    }

    @DataBoundSetter
    public void setChromeBinary(String chromeBinary) {
        options.chromeBinary = chromeBinary;
    }

    public int getStepTimeoutSeconds() {
        return options.stepTimeoutSeconds;
    }

    @DataBoundSetter
    public void setStepTimeoutSeconds(int stepTimeoutSeconds) {
        options.stepTimeoutSeconds = stepTimeoutSeconds;
    }

    public String getOutputDir() {
        return options.outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        options.outputDir = outputDir;
    }

    public boolean isStopOnFailure() {
        return options.stopOnFailure;
    }

    @DataBoundSetter
    public void setStopOnFailure(boolean stopOnFailure) {
        options.stopOnFailure = stopOnFailure;
    }

    BrowserTestOptions options() {
        return options;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        try {
            options.run(new EngineCall(run, workspace, launcher, listener, env), BrowserTestStep.DescriptorImpl.NAME);
        } catch (InterruptedException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static FormValidation checkBrowser(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.isEmpty() || v.equals("htmlunit") || v.equals("chrome") || v.equals("chromium")
                ? FormValidation.ok() : FormValidation.error("htmlunit or chrome");
    }

    static FormValidation checkApp(String appCommand, String appUrl) {
        boolean command = BrowserTestOptions.trimToNull(appCommand) != null;
        boolean url = BrowserTestOptions.trimToNull(appUrl) != null;
        if (command && url) {
            return FormValidation.error("Give either an app command or an app URL, not both");
        }
        if (!command && !url) {
            return FormValidation.warning("Give the command that starts the app (with {port}) or the URL of a running app");
        }
        return FormValidation.ok();
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
            return "Slipway: browser tests";
        }

        @POST
        public FormValidation doCheckBrowser(@QueryParameter String value) {
            return checkBrowser(value);
        }

        @POST
        public FormValidation doCheckAppCommand(@QueryParameter String value, @QueryParameter String appUrl) {
            return checkApp(value, appUrl);
        }
    }
}
