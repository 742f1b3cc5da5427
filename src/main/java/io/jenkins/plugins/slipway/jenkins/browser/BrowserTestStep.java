package io.jenkins.plugins.slipway.jenkins.browser;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.util.FormValidation;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.jenkins.CallPaths;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.jenkins.SlipwayStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
public final class BrowserTestStep extends SlipwayStep {
    static final String STEP = "browserTest";
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
    private boolean stopOnFailure;
    private String appStartedBy;

    /** Whether the step starts the app through the build's launcher (the default) rather than the engine. */
    boolean startsAppThroughLauncher() throws AbortException {
        String by = Params.text(appStartedBy);
        if (by != null && !by.equals("launcher") && !by.equals("engine")) {
            throw new AbortException("browserTest: appStartedBy is 'launcher' (the default) or 'engine', not '" + by + "'");
        }
        return Params.text(appCommand) != null && !"engine".equals(by);
    }

    @Override
    public Map<String, Object> run(EngineCall call) throws Exception {
        long start = System.nanoTime();
        Map<String, Object> request = request(call.index());
        EngineReply reply;
        Map<String, Object> shown;
        if (startsAppThroughLauncher()) {
            reply = runWithAppFromLauncher(call, STEP, request);
            shown = new LinkedHashMap<>(reply.result());
            shown.putIfAbsent("appLog", outputDirOrDefault(call.index()) + "/app.log");
        } else {
            reply = call.invoke(STEP, "browser", request, Map.of());
            shown = reply.result();
        }
        if (!reply.isError()) {
            BrowserTestAction.addTo(call.run(), shown, call.index());
        }
        return call.finish(STEP, reply, start, stopOnFailure);
    }

    /**
     * Starts the app through the launcher on a port the agent's OS picks, hands its URL to the engine, and kills the
     * app's process tree afterwards — also when the build is aborted. Its output goes to {@code app.log} in the
     * output directory, and its last lines are quoted when the engine could not reach it.
     */
    private EngineReply runWithAppFromLauncher(EngineCall call, String STEP, Map<String, Object> request)
            throws Exception {
        int port = appPort > 0 ? appPort : call.workspace().act(new FreePort());
        String out = outputDirOrDefault(call.index());
        hudson.FilePath logFile = call.workspace().child(out).child("app.log");
        logFile.getParent().mkdirs();
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : appEnvMap().entrySet()) {
            env.put(e.getKey(), String.valueOf(e.getValue()));
        }
        env.put("PORT", String.valueOf(port));
        String script = appScript(port);
        call.listener().getLogger().println("[" + STEP + "] starting the app through the build's launcher on port "
                + port + ": " + script + " (output: " + out + "/app.log)");
        Map<String, Object> engineRequest = engineRequest(request, port);
        try (java.io.OutputStream log = logFile.write()) {
            hudson.Proc app = call.startCommand(script, env, log);
            try {
                EngineReply reply = call.invoke(STEP, "browser", engineRequest, Map.of());
                if (reply.isError() || !app.isAlive()) {
                    log.flush();
                    call.listener().getLogger().println("[" + STEP + "] the app's last lines (" + out + "/app.log):");
                    for (String line : tail(logFile, 20)) {
                        call.listener().getLogger().println("[" + STEP + "]   | " + line);
                    }
                }
                return reply;
            } finally {
                app.kill();
                call.listener().getLogger().println("[" + STEP + "] stopped the app");
            }
        }
    }

    /** The output folder of the {@code index}-th call: the user's, else {@code slipway-browser}, {@code slipway-browser-2}… */
    private String outputDirOrDefault(int index) {
        return Params.text(outputDir) != null ? Params.text(outputDir) : CallPaths.folder(OUTPUT_DIR, index);
    }

    /** The app command with the port filled in, run in {@code appDir} when one is given. */
    String appScript(int port) {
        String command = Params.text(appCommand).replace("{port}", String.valueOf(port));
        String dir = Params.text(appDir);
        return dir == null ? command : "cd '" + dir.replace("'", "'\\''") + "' && " + command;
    }

    /** The engine's request when the step runs the app: the engine only waits for it and drives the browser. */
    static Map<String, Object> engineRequest(Map<String, Object> request, int port) {
        Map<String, Object> r = new LinkedHashMap<>(request);
        r.remove("appCommand");
        r.remove("appDir");
        r.remove("appEnv");
        r.remove("appPort");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("appUrl", "http://127.0.0.1:" + port);
        out.putAll(r);
        return out;
    }

    private static List<String> tail(hudson.FilePath file, int lines) {
        try {
            List<String> all = new ArrayList<>(List.of(file.readToString().split("\\R")));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (Exception e) {
            return List.of("(cannot read it: " + e.getMessage() + ")");
        }
    }

    /** Asks the agent's OS for a free port. */
    static final class FreePort extends jenkins.MasterToSlaveFileCallable<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer invoke(java.io.File f, hudson.remoting.VirtualChannel channel) throws java.io.IOException {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    /** The engine request of a build's first call. */
    Map<String, Object> request() throws AbortException {
        return request(1);
    }

    /** The engine request of the {@code index}-th call: a later call writes to its own output folder unless one is given. */
    Map<String, Object> request(int index) throws AbortException {
        if ((Params.text(appCommand) == null) == (Params.text(appUrl) == null)) {
            throw new AbortException("browserTest: give exactly one of appCommand (a command that starts the app on "
                    + "{port}) and appUrl (the URL of an app that already runs)");
        }
        if (Params.list(scenarios).isEmpty() && Params.text(suiteCommand) == null) {
            throw new AbortException("browserTest: nothing to run: give scenarios (scenario files) and/or suiteCommand");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        Params.put(r, "appCommand", Params.text(appCommand));
        Params.put(r, "appUrl", Params.text(appUrl));
        Params.put(r, "appDir", Params.text(appDir));
        Map<String, Object> env = appEnvMap();
        if (!env.isEmpty()) {
            r.put("appEnv", env);
        }
        positive(r, "appPort", appPort);
        Params.put(r, "readyPath", Params.text(readyPath));
        positive(r, "readyStatus", readyStatus);
        Params.put(r, "readyCheck", Params.text(readyCheck));
        positive(r, "readyTimeoutSeconds", readyTimeoutSeconds);
        List<String> files = Params.list(scenarios);
        if (!files.isEmpty()) {
            r.put("scenarios", files);
        }
        Params.put(r, "suiteCommand", Params.text(suiteCommand));
        List<String> origins = Params.list(allowedOrigins);
        if (!origins.isEmpty()) {
            r.put("allowedOrigins", origins);
        }
        List<String> globs = Params.list(junitXml);
        if (!globs.isEmpty()) {
            r.put("junitXml", globs);
        }
        positive(r, "suiteTimeoutSeconds", suiteTimeoutSeconds);
        Params.put(r, "browser", Params.text(browser));
        Params.put(r, "chromedriver", Params.text(chromedriver));
        Params.put(r, "chromeBinary", Params.text(chromeBinary));
        positive(r, "stepTimeoutSeconds", stepTimeoutSeconds);
        Params.put(r, "outputDir", Params.text(outputDir) != null ? Params.text(outputDir)
                : index > 1 ? CallPaths.folder(OUTPUT_DIR, index) : null);
        return r;
    }

    private Map<String, Object> appEnvMap() throws AbortException {
        try {
            return new LinkedHashMap<>(Params.map(STEP, "appEnv", appEnv));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** 0 means "the engine's default"; a negative value is passed on so the engine names it. */
    private static void positive(Map<String, Object> map, String key, int value) {
        if (value != 0) {
            map.put(key, value);
        }
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

    public boolean isStopOnFailure() {
        return stopOnFailure;
    }

    @DataBoundSetter
    public void setStopOnFailure(boolean stopOnFailure) {
        this.stopOnFailure = stopOnFailure;
    }

    static FormValidation checkBrowser(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.isEmpty() || v.equals("htmlunit") || v.equals("chrome") || v.equals("chromium")
                ? FormValidation.ok() : FormValidation.error("htmlunit or chrome");
    }

    static FormValidation checkApp(String appCommand, String appUrl) {
        boolean command = Params.text(appCommand) != null;
        boolean url = Params.text(appUrl) != null;
        if (command && url) {
            return FormValidation.error("Give either an app command or an app URL, not both");
        }
        if (!command && !url) {
            return FormValidation.warning("Give the command that starts the app (with {port}) or the URL of a running app");
        }
        return FormValidation.ok();
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: start the app and drive it in a real browser");
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
