package io.jenkins.plugins.slipway.jenkins.tests;

import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.jenkins.CallPaths;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.jenkins.GatedStep;
import io.jenkins.plugins.slipway.request.tests.TestsReply;
import io.jenkins.plugins.slipway.request.Checks;
import io.jenkins.plugins.slipway.request.Capability;
import io.jenkins.plugins.slipway.request.tests.TestsRequest;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def t = runTests command: 'mvn -B verify', minLineCoverage: 80}: the engine runs the tests on the agent (in
 * its own process tree, which outlives a controller restart), reads every JUnit and coverage report, publishes them
 * to the junit plugin when it is installed, and marks the build UNSTABLE or FAILURE from the gate. Returns a plain
 * Map with {@code status}, {@code summary}, {@code totals}, {@code coverage}, {@code failures}…
 * Without {@code command} it analyses the reports an earlier step wrote ({@code reports}), or, given neither, the
 * engine detects the project's test command and runs it, as {@code slipway test} does.
 */
public final class RunTestsStep extends GatedStep {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = -7194743145607593468L;

    @DataBoundConstructor
    public RunTestsStep() {
        // every parameter is optional
    }

    static final String STEP = Capability.TEST.step();

    private String command;
    private int timeoutSeconds = 3600;
    private String env;
    private String workdir;
    private String reports;
    private String coverageReports;
    private String coverageClassDirs;
    /** Null = the default (true): a Boolean, so a saved configuration without the element keeps the default. */
    private Boolean ignoreStaleReports;
    private boolean allowEmptyResults;
    private int maxFailed;
    private Double minLineCoverage;
    private Double minBranchCoverage;
    private Integer maxFlaky;
    private String normalisedJUnitXml;
    private String html;
    /** Null = the default (true). */
    private Boolean publishJUnit;
    /** Where the normalised JUnit XML goes when the step publishes it to the junit plugin and no path is given. */
    static final String PUBLISHED_JUNIT_XML = "slipway/tests/junit.xml";
    /** The first call's folder (the engine's default); the n-th call's files go to {@code slipway/tests-<n>/}. */
    static final String FOLDER = "slipway/tests";
    /** The first call's HTML summary (the engine's default). */
    static final String HTML = "slipway/tests/index.html";

    /**
     * The engine runs the command itself, on the workspace's machine, in a process of its own that outlives a
     * controller restart, and then reads the reports it wrote.
     */
    @Override
    protected EngineWork prepare(EngineCall call) throws Exception {
        String script = Params.text(command);
        // as `sh` runs a script: the first failing line fails the command. Reports older than the command's start
        // are stale: the engine takes that time on the agent's own clock when it starts the command (no marker file
        // is written from here: a committed link at its name would be followed by the controller's file API).
        // Neither a command nor reports: the engine detects the project's test command (Maven, Gradle, npm, pytest),
        // says which one it chose and runs it on the agent, as `slipway test` does.
        TestsRequest request = request(call.index(), publishJUnit() && JUnitPublishing.available(),
                script == null ? null : List.of(call.launcher().isUnix() ? "set -e\n" + script : script),
                script == null && analysesEarlierReports() ? 0 : null);
        return new EngineWork(STEP, Capability.TEST.task(), request, Map.of());
    }

    @Override
    protected void record(EngineCall call, EngineWork work, EngineReply reply) throws Exception {
        TestsReply result = reply.result(TestsReply.class);
        if (publishJUnit()) {
            publish(call, result);
        }
        RunTestsAction.addTo(call.run(), reply.status(), reply.summary(), result, call.index());
    }

    /** No command but report patterns: the reports an earlier step wrote are analysed, nothing is run. */
    boolean analysesEarlierReports() {
        return Params.text(command) == null && Params.listOrNull(reports) != null;
    }

    boolean ignoreStaleReports() {
        return ignoreStaleReports == null || ignoreStaleReports;
    }

    boolean publishJUnit() {
        return publishJUnit == null || publishJUnit;
    }

    /** A saved configuration without some elements (hand-written, Job DSL, older versions) gets the defaults. */
    private Object readResolve() {
        if (timeoutSeconds <= 0) {
            timeoutSeconds = 3600;
        }
        return this;
    }

    /** The engine request of a build's first call. */
    TestsRequest request() {
        return request(1);
    }

    /**
     * The engine request of the {@code index}-th call (an unset field is the record's default); a later call's files
     * get their own folder ({@code slipway/tests-2/…}) unless the user named them.
     */
    TestsRequest request(int index) {
        return request(index, publishJUnit() && JUnitPublishing.available());
    }

    /**
     * As {@link #request(int)}; {@code publishing}: the results go to the junit plugin, which reads one normalised
     * file, so it is written (at the user's path, else the call's default); otherwise only a path the user gave is.
     */
    TestsRequest request(int index, boolean publishing) {
        return request(index, publishing, null, null);
    }

    /** As above, with the command lines the engine runs, or the exit code of a command run earlier (analysis only). */
    TestsRequest request(int index, boolean publishing, List<String> commands, Integer commandExitCode) {
        String junitXml = Params.text(normalisedJUnitXml); // an empty form field means "the default"
        if (junitXml == null) {
            // re-serialising every test case costs about as much as reading the reports: only for the junit plugin
            junitXml = publishing ? CallPaths.file(PUBLISHED_JUNIT_XML, index) : "";
        }
        String junit = junitXml;
        return Params.request(STEP, () -> new TestsRequest(commands, commandExitCode, null, timeoutSeconds,
                Params.mapOrNull(STEP, "env", env), Params.text(workdir), Params.listOrNull(reports),
                Params.listOrNull(coverageReports), Params.listOrNull(coverageClassDirs), ignoreStaleReports(),
                allowEmptyResults, maxFailed, minLineCoverage, minBranchCoverage, maxFlaky, junit,
                html != null ? html.trim() : index > 1 ? CallPaths.file(HTML, index) : null));
    }

    private static void publish(EngineCall call, TestsReply result) {
        String xml = result.outputs() == null ? null : result.outputs().normalisedJUnitXml();
        if (xml == null) {
            return;
        }
        if (!JUnitPublishing.available()) {
            call.listener().getLogger().println("[" + STEP + "] the junit plugin is not installed; results are on the "
                    + "Slipway tests page only");
            return;
        }
        try {
            JUnitPublishing.publish(call, call.launcher(), xml);
        } catch (Exception | LinkageError e) {
            call.listener().getLogger().println("[" + STEP + "] could not publish " + xml + " to the junit plugin: " + e);
        }
    }

    public String getCommand() {
        return command;
    }

    @DataBoundSetter
    public void setCommand(String command) {
        this.command = command;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public String getEnv() {
        return env;
    }

    @DataBoundSetter
    public void setEnv(String env) {
        this.env = env;
    }

    public String getWorkdir() {
        return workdir;
    }

    @DataBoundSetter
    public void setWorkdir(String workdir) {
        this.workdir = workdir;
    }

    public String getReports() {
        return reports;
    }

    @DataBoundSetter
    public void setReports(String reports) {
        this.reports = reports;
    }

    public String getCoverageReports() {
        return coverageReports;
    }

    @DataBoundSetter
    public void setCoverageReports(String coverageReports) {
        this.coverageReports = coverageReports;
    }

    public String getCoverageClassDirs() {
        return coverageClassDirs;
    }

    @DataBoundSetter
    public void setCoverageClassDirs(String coverageClassDirs) {
        this.coverageClassDirs = coverageClassDirs;
    }

    public boolean isIgnoreStaleReports() {
        return ignoreStaleReports();
    }

    @DataBoundSetter
    public void setIgnoreStaleReports(boolean ignoreStaleReports) {
        this.ignoreStaleReports = ignoreStaleReports;
    }

    public boolean isAllowEmptyResults() {
        return allowEmptyResults;
    }

    @DataBoundSetter
    public void setAllowEmptyResults(boolean allowEmptyResults) {
        this.allowEmptyResults = allowEmptyResults;
    }

    public int getMaxFailed() {
        return maxFailed;
    }

    @DataBoundSetter
    public void setMaxFailed(int maxFailed) {
        this.maxFailed = maxFailed;
    }

    public Double getMinLineCoverage() {
        return minLineCoverage;
    }

    @DataBoundSetter
    public void setMinLineCoverage(Double minLineCoverage) {
        this.minLineCoverage = minLineCoverage;
    }

    public Double getMinBranchCoverage() {
        return minBranchCoverage;
    }

    @DataBoundSetter
    public void setMinBranchCoverage(Double minBranchCoverage) {
        this.minBranchCoverage = minBranchCoverage;
    }

    public Integer getMaxFlaky() {
        return maxFlaky;
    }

    @DataBoundSetter
    public void setMaxFlaky(Integer maxFlaky) {
        this.maxFlaky = maxFlaky;
    }

    public String getNormalisedJUnitXml() {
        return normalisedJUnitXml;
    }

    @DataBoundSetter
    public void setNormalisedJUnitXml(String normalisedJUnitXml) {
        this.normalisedJUnitXml = normalisedJUnitXml;
    }

    public String getHtml() {
        return html;
    }

    @DataBoundSetter
    public void setHtml(String html) {
        this.html = html;
    }

    public boolean isPublishJUnit() {
        return publishJUnit();
    }

    @DataBoundSetter
    public void setPublishJUnit(boolean publishJUnit) {
        this.publishJUnit = publishJUnit;
    }


    /** The form's check of {@code env}: the one map syntax ({@link Params#map}) the step's request is built with. */
    static String envProblem(String value) {
        return Checks.problem(() -> Params.map(STEP, "env", value));
    }

    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: run the tests and gate on their reports");
        }

        @POST
        public FormValidation doCheckEnv(@QueryParameter String value) {
            return form(envProblem(value));
        }

        @POST
        public FormValidation doCheckMinLineCoverage(@QueryParameter String value) {
            return form(Params.percentProblem("minLineCoverage", value));
        }

        @POST
        public FormValidation doCheckMinBranchCoverage(@QueryParameter String value) {
            return form(Params.percentProblem("minBranchCoverage", value));
        }
    }
}
