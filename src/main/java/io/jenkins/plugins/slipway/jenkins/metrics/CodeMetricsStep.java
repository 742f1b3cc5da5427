package io.jenkins.plugins.slipway.jenkins.metrics;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.bridge.MiniJson;
import io.jenkins.plugins.slipway.bridge.PlainData;
import io.jenkins.plugins.slipway.jenkins.CallPaths;
import io.jenkins.plugins.slipway.jenkins.EngineCall;
import io.jenkins.plugins.slipway.jenkins.EngineWork;
import io.jenkins.plugins.slipway.jenkins.Params;
import io.jenkins.plugins.slipway.jenkins.GatedStep;
import io.jenkins.plugins.slipway.request.metrics.GateSeverity;
import io.jenkins.plugins.slipway.request.metrics.MetricsGates;
import io.jenkins.plugins.slipway.request.metrics.MetricsReply;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import io.jenkins.plugins.slipway.request.Capability;
import io.jenkins.plugins.slipway.request.Checks;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import hudson.util.FormValidation;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code def m = codeMetrics sourceRoots: 'src', maxViolations: '1=0', noNewHighPriorityViolations: true}: PMD,
 * CPD, size and coverage of the workspace, judged by a quality gate, with the last successful build's result as the
 * baseline. Returns a plain map (status, summary, size, violations, duplication, coverage, gates, reports).
 */
public final class CodeMetricsStep extends GatedStep {
    /** Pinned to the value of the release that had none: a running Pipeline's step survives an upgrade. */
    private static final long serialVersionUID = 5649075494612726412L;
    static final String STEP = Capability.METRICS.step();

    @DataBoundConstructor
    public CodeMetricsStep() {
    }

    /**
     * The result JSON the {@code index}-th call keeps in the build's directory, the same call's baseline in the next
     * build: {@code slipway-metrics.json}, then {@code slipway-metrics-<n>.json}, so two calls (two modules, say)
     * never measure against each other's code.
     */
    static String resultFile(int index) {
        return CallPaths.folder(REPORT_DIR, index) + ".json";
    }

    /** The first call's HTML report's place under the build's artifacts; the n-th call's is {@code slipway-metrics-<n>}. */
    static final String REPORT_DIR = "slipway-metrics";
    /** The first call's output folder (the engine's default); the n-th call's is {@code slipway/metrics-<n>}. */
    static final String OUTPUT_DIR = "slipway/metrics";

    private String sourceRoots;
    private String includes;
    private String excludes;
    private String javaRuleSets;
    private String javascriptRuleSets;
    private String auxClasspath;
    private String analysers;
    private String reports;
    private Integer cpdMinimumTokens;
    private String cacheFile;
    private String coverageReports;
    private String coverageClassDirs;
    private String outputDir;
    private String maxViolations;
    private Double maxDuplicatedLinesPercent;
    private Double minLineCoverage;
    private Double maxViolationsPer1000Lines;
    private boolean noNewHighPriorityViolations = false;
    private Double maxCoverageDrop;
    private String gateSeverity;
    private String baseline;
    private boolean trustRepositoryConfig = false;

    /** The engine request of a build's first call. */
    MetricsRequest request(FilePath workspace, String baselinePath) {
        return request(workspace, baselinePath, 1);
    }

    /**
     * The engine request of the {@code index}-th call (an unset field is the record's default, which also checks the
     * values): a later call writes to its own output folder and PMD cache unless the user named them.
     */
    MetricsRequest request(FilePath workspace, String baselinePath, int index) {
        String cache = Params.text(cacheFile);
        String cachePath = cache == null
                ? tempDir(workspace).child(CallPaths.folder(REPORT_DIR, index) + "/pmd.cache").getRemote()
                : "none".equalsIgnoreCase(cache) ? null : cache;
        String output = Params.text(outputDir) != null ? Params.text(outputDir)
                : index > 1 ? CallPaths.folder(OUTPUT_DIR, index) : null;
        return Params.request(STEP, () -> new MetricsRequest(Params.listOrNull(sourceRoots), Params.listOrNull(includes),
                Params.listOrNull(excludes), noneOrList(javaRuleSets), noneOrList(javascriptRuleSets),
                Params.text(auxClasspath), cpdMinimumTokens, cachePath, baselinePath, Params.listOrNull(coverageReports),
                Params.listOrNull(coverageClassDirs), gates(), output, noneOrList(analysers), Params.listOrNull(reports),
                trustRepositoryConfig ? Boolean.TRUE : null));
    }

    /** The quality gate; null when the step sets none (the record's default). */
    private MetricsGates gates() {
        Map<String, Integer> max = MetricsGates.maxViolations(Params.map(STEP, "maxViolations", maxViolations));
        Map<String, GateSeverity> severity = MetricsGates.severity(Params.map(STEP, "gateSeverity", gateSeverity));
        MetricsGates gates = new MetricsGates(max, maxDuplicatedLinesPercent, minLineCoverage, maxViolationsPer1000Lines,
                noNewHighPriorityViolations ? Boolean.TRUE : null, maxCoverageDrop, severity);
        return gates.equals(MetricsGates.NONE) ? null : gates;
    }

    /** A list field where {@code none} is an empty list (run nothing) and blank the record's default. */
    private static List<String> noneOrList(String value) {
        String v = Params.text(value);
        return v == null ? null : "none".equalsIgnoreCase(v) ? List.of() : Params.list(v);
    }

    private static FilePath tempDir(FilePath workspace) {
        return new FilePath(workspace.getChannel(), workspace.getRemote() + "@tmp");
    }

    @Override
    protected EngineWork prepare(EngineCall call) throws Exception {
        String baselinePath = Params.text(baseline);
        if (baselinePath == null) {
            baselinePath = previousResult(call, CallPaths.folder(REPORT_DIR, call.index()), resultFile(call.index()));
        }
        MetricsRequest request;
        try {
            request = request(call.workspace(), baselinePath, call.index());
        } catch (IllegalArgumentException e) {
            throw new hudson.AbortException(e.getMessage());
        }
        return new EngineWork(STEP, Capability.METRICS.task(), request, Map.of());
    }

    @Override
    protected void record(EngineCall call, EngineWork work, EngineReply reply) throws Exception {
        keep(call, reply.result());
    }

    /** The last successful build's result, copied next to the workspace for the engine; null when there is none. */
    private static String previousResult(EngineCall call, String folder, String resultFile)
            throws IOException, InterruptedException {
        Run<?, ?> previous = call.run().getPreviousSuccessfulBuild();
        if (previous == null) {
            call.listener().getLogger().println("[codeMetrics] No earlier successful build: no baseline for the delta gates");
            return null;
        }
        File kept = new File(previous.getRootDir(), resultFile);
        if (!kept.isFile()) {
            call.listener().getLogger().println("[codeMetrics] " + previous.getFullDisplayName()
                    + " kept no metrics result of this call (" + resultFile + "): no baseline for the delta gates");
            return null;
        }
        FilePath dir = tempDir(call.workspace()).child(folder);
        dir.mkdirs();
        FilePath target = dir.child("baseline.json");
        try (InputStream in = Files.newInputStream(kept.toPath())) {
            target.copyFrom(in);
        }
        call.listener().getLogger().println("[codeMetrics] Baseline: " + previous.getFullDisplayName() + " ("
                + resultFile + ")");
        return target.getRemote();
    }

    /** Keeps the result in the build record, archives the HTML report, and adds the build's Action. */
    private static void keep(EngineCall call, Map<String, Object> result) throws IOException, InterruptedException {
        Run<?, ?> run = call.run();
        File json = new File(run.getRootDir(), resultFile(call.index()));
        File tmp = new File(run.getRootDir(), json.getName() + ".tmp");
        Files.write(tmp.toPath(), MiniJson.write(result).getBytes(StandardCharsets.UTF_8));
        Files.move(tmp.toPath(), json.toPath(), StandardCopyOption.REPLACE_EXISTING);
        String archived = null;
        String archiveDir = CallPaths.folder(REPORT_DIR, call.index());
        // the whole result is kept above (the next build's baseline); the controller reads its typed part
        MetricsReply typed = PlainData.toRecord(result, MetricsReply.class, "the result of " + STEP);
        String html = typed.reports() == null ? null : typed.reports().get("html");
        if (html != null) {
            // through the run's ArtifactManager, so external artifact storage (S3, Azure…) keeps the report link working
            FilePath source = call.workspace().child(html);
            FilePath css = source.sibling("slipway.css");
            if (source.exists() && !new File(html).isAbsolute()) {
                Map<String, String> files = new java.util.LinkedHashMap<>();
                files.put(archiveDir + "/index.html", html);
                if (css.exists()) {
                    String dir = html.contains("/") ? html.substring(0, html.lastIndexOf('/') + 1) : "";
                    files.put(archiveDir + "/slipway.css", dir + "slipway.css");
                }
                run.pickArtifactManager().archive(call.workspace(), call.launcher(),
                        jenkins.util.BuildListenerAdapter.wrap(call.listener()), files);
                archived = archiveDir + "/index.html";
            }
        }
        CodeMetricsAction.addTo(run, typed, archived);
    }

    public String getSourceRoots() {
        return sourceRoots;
    }

    @DataBoundSetter
    public void setSourceRoots(String sourceRoots) {
        this.sourceRoots = sourceRoots;
    }

    public String getIncludes() {
        return includes;
    }

    public boolean isTrustRepositoryConfig() {
        return trustRepositoryConfig;
    }

    @DataBoundSetter
    public void setTrustRepositoryConfig(boolean trustRepositoryConfig) {
        this.trustRepositoryConfig = trustRepositoryConfig;
    }

    @DataBoundSetter
    public void setIncludes(String includes) {
        this.includes = includes;
    }

    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        this.excludes = excludes;
    }

    public String getJavaRuleSets() {
        return javaRuleSets;
    }

    @DataBoundSetter
    public void setJavaRuleSets(String javaRuleSets) {
        this.javaRuleSets = javaRuleSets;
    }

    public String getJavascriptRuleSets() {
        return javascriptRuleSets;
    }

    @DataBoundSetter
    public void setJavascriptRuleSets(String javascriptRuleSets) {
        this.javascriptRuleSets = javascriptRuleSets;
    }

    public String getAnalysers() {
        return analysers;
    }

    @DataBoundSetter
    public void setAnalysers(String analysers) {
        this.analysers = analysers;
    }

    public String getReports() {
        return reports;
    }

    @DataBoundSetter
    public void setReports(String reports) {
        this.reports = reports;
    }

    public String getAuxClasspath() {
        return auxClasspath;
    }

    @DataBoundSetter
    public void setAuxClasspath(String auxClasspath) {
        this.auxClasspath = auxClasspath;
    }

    public Integer getCpdMinimumTokens() {
        return cpdMinimumTokens;
    }

    @DataBoundSetter
    public void setCpdMinimumTokens(Integer cpdMinimumTokens) {
        this.cpdMinimumTokens = cpdMinimumTokens;
    }

    public String getCacheFile() {
        return cacheFile;
    }

    @DataBoundSetter
    public void setCacheFile(String cacheFile) {
        this.cacheFile = cacheFile;
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

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = outputDir;
    }

    public String getMaxViolations() {
        return maxViolations;
    }

    @DataBoundSetter
    public void setMaxViolations(String maxViolations) {
        this.maxViolations = maxViolations;
    }

    public Double getMaxDuplicatedLinesPercent() {
        return maxDuplicatedLinesPercent;
    }

    @DataBoundSetter
    public void setMaxDuplicatedLinesPercent(Double maxDuplicatedLinesPercent) {
        this.maxDuplicatedLinesPercent = maxDuplicatedLinesPercent;
    }

    public Double getMinLineCoverage() {
        return minLineCoverage;
    }

    @DataBoundSetter
    public void setMinLineCoverage(Double minLineCoverage) {
        this.minLineCoverage = minLineCoverage;
    }

    public Double getMaxViolationsPer1000Lines() {
        return maxViolationsPer1000Lines;
    }

    @DataBoundSetter
    public void setMaxViolationsPer1000Lines(Double maxViolationsPer1000Lines) {
        this.maxViolationsPer1000Lines = maxViolationsPer1000Lines;
    }

    public boolean isNoNewHighPriorityViolations() {
        return noNewHighPriorityViolations;
    }

    @DataBoundSetter
    public void setNoNewHighPriorityViolations(boolean noNewHighPriorityViolations) {
        this.noNewHighPriorityViolations = noNewHighPriorityViolations;
    }

    public Double getMaxCoverageDrop() {
        return maxCoverageDrop;
    }

    @DataBoundSetter
    public void setMaxCoverageDrop(Double maxCoverageDrop) {
        this.maxCoverageDrop = maxCoverageDrop;
    }

    public String getGateSeverity() {
        return gateSeverity;
    }

    @DataBoundSetter
    public void setGateSeverity(String gateSeverity) {
        this.gateSeverity = gateSeverity;
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = baseline;
    }


    /** The form's check of {@code maxViolations}: the record's ({@link MetricsGates#maxViolations}). */
    static String maxViolationsProblem(String value) {
        return Checks.problem(() -> MetricsGates.maxViolations(Params.map(STEP, "maxViolations", value)));
    }

    /** The form's check of {@code gateSeverity}: the record's ({@link MetricsGates#severity}). */
    static String gateSeverityProblem(String value) {
        return Checks.problem(() -> MetricsGates.severity(Params.map(STEP, "gateSeverity", value)));
    }

    /** The form's check of {@code analysers}: the record's ({@link MetricsRequest#analysers}). */
    static String analysersProblem(String value) {
        List<String> names = noneOrList(value);
        return names == null ? null : Checks.problem(() -> MetricsRequest.analysers(names));
    }

    /** The form's check of {@code cpdMinimumTokens}: the record's ({@link MetricsRequest#cpdMinimumTokens}). */
    static String cpdMinimumTokensProblem(String value) {
        String v = Params.text(value);
        return Checks.problem(() -> {
            Integer tokens;
            try {
                tokens = v == null ? null : Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cpdMinimumTokens is a whole number of tokens (e.g. 50), was '"
                        + value + "'", e);
            }
            MetricsRequest.cpdMinimumTokens(tokens);
        });
    }


    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: code metrics (PMD, duplication, size, coverage) with a quality gate");
        }

        @POST
        public FormValidation doCheckMaxViolations(@QueryParameter String value) {
            return form(maxViolationsProblem(value));
        }

        @POST
        public FormValidation doCheckGateSeverity(@QueryParameter String value) {
            return form(gateSeverityProblem(value));
        }

        @POST
        public FormValidation doCheckAnalysers(@QueryParameter String value) {
            return form(analysersProblem(value));
        }

        @POST
        public FormValidation doCheckCpdMinimumTokens(@QueryParameter String value) {
            return form(cpdMinimumTokensProblem(value));
        }

        @POST
        public FormValidation doCheckMaxDuplicatedLinesPercent(@QueryParameter String value) {
            return form(Params.percentProblem("maxDuplicatedLinesPercent", value));
        }

        @POST
        public FormValidation doCheckMinLineCoverage(@QueryParameter String value) {
            return form(Params.percentProblem("minLineCoverage", value));
        }

        @POST
        public FormValidation doCheckMaxCoverageDrop(@QueryParameter String value) {
            return form(Params.percentProblem("maxCoverageDrop", value));
        }
    }
}
