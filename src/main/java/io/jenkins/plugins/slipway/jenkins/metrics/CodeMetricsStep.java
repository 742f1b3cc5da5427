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
import io.jenkins.plugins.slipway.request.metrics.MetricsReply;
import io.jenkins.plugins.slipway.request.Capability;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

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
    Map<String, Object> request(FilePath workspace, String baselinePath) {
        return request(workspace, baselinePath, 1);
    }

    /**
     * The engine request of the {@code index}-th call: a later call writes to its own output folder and PMD cache
     * unless the user named them.
     */
    Map<String, Object> request(FilePath workspace, String baselinePath, int index) {
        Map<String, Object> r = new LinkedHashMap<>();
        Params.put(r, "sourceRoots", Params.listOrNull(sourceRoots));
        Params.put(r, "includes", Params.listOrNull(includes));
        Params.put(r, "excludes", Params.listOrNull(excludes));
        putRules(r, "javaRuleSets", javaRuleSets);
        putRules(r, "javascriptRuleSets", javascriptRuleSets);
        Params.put(r, "auxClasspath", Params.text(auxClasspath));
        String chosen = Params.text(analysers);
        if (chosen != null) {
            r.put("analysers", "none".equalsIgnoreCase(chosen) ? List.of() : Params.list(chosen));
        }
        Params.put(r, "reports", Params.listOrNull(reports));
        if (trustRepositoryConfig) {
            r.put("trustRepositoryConfig", true);
        }
        Params.put(r, "cpdMinimumTokens", cpdMinimumTokens);
        String cache = Params.text(cacheFile);
        if (cache == null) {
            r.put("cacheFile", tempDir(workspace).child(CallPaths.folder(REPORT_DIR, index) + "/pmd.cache").getRemote());
        } else if (!"none".equalsIgnoreCase(cache)) {
            r.put("cacheFile", cache);
        }
        Params.put(r, "coverageReports", Params.listOrNull(coverageReports));
        Params.put(r, "coverageClassDirs", Params.listOrNull(coverageClassDirs));
        Params.put(r, "outputDir", Params.text(outputDir) != null ? Params.text(outputDir)
                : index > 1 ? CallPaths.folder(OUTPUT_DIR, index) : null);
        Params.put(r, "baseline", baselinePath);
        Map<String, Object> gates = new LinkedHashMap<>();
        Map<String, Object> max = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : Params.map(STEP, "maxViolations", maxViolations).entrySet()) {
            try {
                max.put(e.getKey(), Integer.parseInt(e.getValue()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("codeMetrics: maxViolations " + e.getKey() + "=" + e.getValue()
                        + " needs a whole number", ex);
            }
        }
        if (!max.isEmpty()) {
            gates.put("maxViolations", max);
        }
        Params.put(gates, "maxDuplicatedLinesPercent", maxDuplicatedLinesPercent);
        Params.put(gates, "minLineCoverage", minLineCoverage);
        Params.put(gates, "maxViolationsPer1000Lines", maxViolationsPer1000Lines);
        if (noNewHighPriorityViolations) {
            gates.put("noNewHighPriorityViolations", true);
        }
        Params.put(gates, "maxCoverageDrop", maxCoverageDrop);
        Map<String, Object> severity = new LinkedHashMap<>();
        Params.map(STEP, "gateSeverity", gateSeverity).forEach((k, v) -> severity.put(k, v.toUpperCase(java.util.Locale.ROOT)));
        if (!severity.isEmpty()) {
            gates.put("severity", severity);
        }
        if (!gates.isEmpty()) {
            r.put("gates", gates);
        }
        return r;
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
        Map<String, Object> request;
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

    private static void putRules(Map<String, Object> r, String name, String value) {
        String v = Params.text(value);
        if (v != null) {
            r.put(name, "none".equalsIgnoreCase(v) ? List.of() : Params.list(v));
        }
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


    /** The step's descriptor. */
    @Extension
    public static final class DescriptorImpl extends SlipwayStepDescriptor {
        public DescriptorImpl() {
            super(STEP, "Slipway: code metrics (PMD, duplication, size, coverage) with a quality gate");
        }
    }
}
