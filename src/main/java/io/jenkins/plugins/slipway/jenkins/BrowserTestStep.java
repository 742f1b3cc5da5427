package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def ui = browserTest appCommand: 'python3 app.py --port {port}', scenarios: 'ui/form.json'}: starts the
 * app on a free port of the agent, waits until it answers, drives it in a real browser (HtmlUnit or headless
 * Chrome) through JSON scenarios and/or the user's own suite, and stops the app with every child process.
 * Returns a plain map (status, summary, tests, failures, cases, junitXml, appLog, artifacts).
 */
public final class BrowserTestStep extends Step {
    private final BrowserTestOptions options = new BrowserTestOptions();

    @DataBoundConstructor
    public BrowserTestStep() {
        // every parameter is optional on its own; the engine checks the combination
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
    public StepExecution start(StepContext context) {
        return new Execution(context, options);
    }

    /** Runs off the CPS thread; only the options (plain values, no secrets) are kept. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final BrowserTestOptions options;

        Execution(StepContext context, BrowserTestOptions options) {
            super(context);
            this.options = options;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            return options.run(EngineCall.of(getContext()), DescriptorImpl.NAME);
        }
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = "browserTest";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return "Slipway: start the app and drive it in a real browser";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        }

        @POST
        public FormValidation doCheckBrowser(@QueryParameter String value) {
            return BrowserTestBuilder.checkBrowser(value);
        }

        @POST
        public FormValidation doCheckAppCommand(@QueryParameter String value, @QueryParameter String appUrl) {
            return BrowserTestBuilder.checkApp(value, appUrl);
        }
    }
}
