package io.jenkins.plugins.slipway.jenkins.browser;

import hudson.AbortException;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.jenkins.CallPaths;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.jenkins.GatedStep;
import io.jenkins.plugins.slipway.request.browser.BrowserReply;
import io.jenkins.plugins.slipway.request.browser.BrowserRequest;
import io.jenkins.plugins.slipway.request.Checks;
import io.jenkins.plugins.slipway.request.Capability;
import java.util.Map;
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
public final class BrowserTestStep extends GatedStep {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = -2660152193088374087L;
    static final String STEP = Capability.BROWSER.step();
    /** The first call's output folder (the engine's default); the n-th call's is {@code slipway-browser-<n>}. */
    static final String OUTPUT_DIR = "slipway-browser";

    @DataBoundConstructor
    public BrowserTestStep() {
        // every parameter is optional on its own; the engine checks the combination
    }

    private String appCommand;
    private String appUrl;
    private String appDir;
    private String appEnv;
    private int appPort;
    private String readyPath;
    private int readyStatus;
    private String readyCheck;
    private int readyTimeoutSeconds;
    private String scenarios;
    private String suiteCommand;
    private String junitXml;
    private String allowedOrigins;
    private int suiteTimeoutSeconds;
    private String browser;
    private String chromedriver;
    private String chromeBinary;
    private int stepTimeoutSeconds;
    private String outputDir;
    private String appStartedBy;

    /**
     * Checks {@code appStartedBy}. Either way the engine starts the app, on the workspace's machine, in the process
     * tree it stops at the end and on an abort, so the app outlives a controller restart with the rest of the step;
     * {@code launcher} (the earlier default, which started it through the build's launcher) is still accepted.
     */
    void checkAppStartedBy() throws AbortException {
        String by = Params.text(appStartedBy);
        if (by != null && !by.equals("launcher") && !by.equals("engine")) {
            throw new AbortException("browserTest: appStartedBy is 'engine' (the default) or 'launcher', not '" + by + "'");
        }
    }

    @Override
    protected EngineWork prepare(EngineCall call) throws Exception {
        checkAppStartedBy();
        return new EngineWork(STEP, Capability.BROWSER.task(), request(call.index()), Map.of());
    }

    @Override
    protected void record(EngineCall call, EngineWork work, EngineReply reply) throws Exception {
        BrowserTestAction.addTo(call.run(), reply.result(BrowserReply.class), call.index());
    }

    /** The engine request of a build's first call. */
    BrowserRequest request() throws AbortException {
        return request(1);
    }

    /**
     * The engine request of the {@code index}-th call: an unset field (blank, or 0 for a number) is the record's
     * default, which also checks the combination; a later call writes to its own output folder unless one is given.
     */
    BrowserRequest request(int index) throws AbortException {
        try {
            return Params.request(STEP, () -> new BrowserRequest(Params.text(appCommand), Params.text(appUrl),
                    Params.text(appDir), Params.map(STEP, "appEnv", appEnv), unset(appPort), Params.text(readyPath),
                    unset(readyStatus), Params.text(readyCheck), unset(readyTimeoutSeconds), Params.list(scenarios),
                    Params.text(suiteCommand), Params.list(junitXml), unset(suiteTimeoutSeconds), Params.text(browser),
                    Params.text(chromedriver), Params.text(chromeBinary), unset(stepTimeoutSeconds),
                    Params.text(outputDir) != null ? Params.text(outputDir)
                            : index > 1 ? CallPaths.folder(OUTPUT_DIR, index) : null,
                    Params.list(allowedOrigins)));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** 0 means "the record's default"; a negative value is passed on so the record names it. */
    private static Integer unset(int value) {
        return value == 0 ? null : value;
    }

    public String getAppCommand() {
        return appCommand;
    }

    @DataBoundSetter
    public void setAppCommand(String appCommand) {
        this.appCommand = appCommand;
    }

    public String getAppUrl() {
        return appUrl;
    }

    @DataBoundSetter
    public void setAppUrl(String appUrl) {
        this.appUrl = appUrl;
    }

    public String getAppStartedBy() {
        return appStartedBy;
    }

    @DataBoundSetter
    public void setAppStartedBy(String appStartedBy) {
        this.appStartedBy = appStartedBy;
    }

    public String getAppDir() {
        return appDir;
    }

    @DataBoundSetter
    public void setAppDir(String appDir) {
        this.appDir = appDir;
    }

    public String getAppEnv() {
        return appEnv;
    }

    @DataBoundSetter
    public void setAppEnv(String appEnv) {
        this.appEnv = appEnv;
    }

    public int getAppPort() {
        return appPort;
    }

    @DataBoundSetter
    public void setAppPort(int appPort) {
        this.appPort = appPort;
    }

    public String getReadyPath() {
        return readyPath;
    }

    @DataBoundSetter
    public void setReadyPath(String readyPath) {
        this.readyPath = readyPath;
    }

    public int getReadyStatus() {
        return readyStatus;
    }

    @DataBoundSetter
    public void setReadyStatus(int readyStatus) {
        this.readyStatus = readyStatus;
    }

    public String getReadyCheck() {
        return readyCheck;
    }

    @DataBoundSetter
    public void setReadyCheck(String readyCheck) {
        this.readyCheck = readyCheck;
    }

    public int getReadyTimeoutSeconds() {
        return readyTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadyTimeoutSeconds(int readyTimeoutSeconds) {
        this.readyTimeoutSeconds = readyTimeoutSeconds;
    }

    public String getScenarios() {
        return scenarios;
    }

    @DataBoundSetter
    public void setScenarios(String scenarios) {
        this.scenarios = scenarios;
    }

    public String getSuiteCommand() {
        return suiteCommand;
    }

    @DataBoundSetter
    public void setSuiteCommand(String suiteCommand) {
        this.suiteCommand = suiteCommand;
    }

    public String getJunitXml() {
        return junitXml;
    }

    @DataBoundSetter
    public void setJunitXml(String junitXml) {
        this.junitXml = junitXml;
    }

    public String getAllowedOrigins() {
        return allowedOrigins;
    }

    @DataBoundSetter
    public void setAllowedOrigins(String allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public int getSuiteTimeoutSeconds() {
        return suiteTimeoutSeconds;
    }

    @DataBoundSetter
    public void setSuiteTimeoutSeconds(int suiteTimeoutSeconds) {
        this.suiteTimeoutSeconds = suiteTimeoutSeconds;
    }

    public String getBrowser() {
        return browser;
    }

    @DataBoundSetter
    public void setBrowser(String browser) {
        this.browser = browser;
    }

    public String getChromedriver() {
        return chromedriver;
    }

    @DataBoundSetter
    public void setChromedriver(String chromedriver) {
        this.chromedriver = chromedriver;
    }

    public String getChromeBinary() {
        return chromeBinary;
    }

    @DataBoundSetter
    public void setChromeBinary(String chromeBinary) {
        this.chromeBinary = chromeBinary;
    }

    public int getStepTimeoutSeconds() {
        return stepTimeoutSeconds;
    }

    @DataBoundSetter
    public void setStepTimeoutSeconds(int stepTimeoutSeconds) {
        this.stepTimeoutSeconds = stepTimeoutSeconds;
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = outputDir;
    }


    /** The form's check of {@code browser}: the engine's ({@link Checks#browser}). */
    static String browserProblem(String value) {
        return Checks.problem(() -> Checks.browser(value));
    }

    /**
     * The form's check of {@code appCommand} with {@code appUrl}: the engine's ({@link Checks#oneApp}); neither given
     * is what a new form shows, so the form only warns of it.
     */
    static String appProblem(String appCommand, String appUrl) {
        return Checks.problem(() -> Checks.oneApp(appCommand, appUrl));
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: start the app and drive it in a real browser");
        }

        @POST
        public FormValidation doCheckBrowser(@QueryParameter String value) {
            return form(browserProblem(value));
        }

        @POST
        public FormValidation doCheckAppCommand(@QueryParameter String value, @QueryParameter String appUrl) {
            String problem = appProblem(value, appUrl);
            return Params.text(value) == null && Params.text(appUrl) == null ? FormValidation.warning(problem) : form(problem);
        }
    }
}
