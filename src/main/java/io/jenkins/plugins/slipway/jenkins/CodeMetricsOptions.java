package io.jenkins.plugins.slipway.jenkins;

import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import io.jenkins.plugins.slipway.bridge.MiniJson;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration {@code codeMetrics} and its freestyle builder share (plain values only). Turns itself into the
 * engine's {@code metrics} request, hands the last successful build's result to the engine as the baseline, and
 * keeps this build's result and HTML report in the build record.
 */
final class CodeMetricsOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The result JSON kept in each build's directory: the next build's baseline and the trend's data. */
    static final String RESULT_FILE = "slipway-metrics.json";
    /** The HTML report's place under the build's artifacts. */
    static final String REPORT_DIR = "slipway-metrics";

    String sourceRoots;
    String includes;
    String excludes;
    String javaRuleSets;
    String javascriptRuleSets;
    String auxClasspath;
    String analysers;
    String reports;
    Integer cpdMinimumTokens;
    String cacheFile;
    String coverageReports;
    String coverageClassDirs;
    String outputDir;
    String maxViolations;
    Double maxDuplicatedLinesPercent;
    Double minLineCoverage;
    Double maxViolationsPer1000Lines;
    boolean noNewHighPriorityViolations = false;
    Double maxCoverageDrop;
    String gateSeverity;
    String baseline;
    boolean stopOnFailure = false;

    static String trimToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    /** Items separated by commas or new lines, trimmed, blanks dropped. */
    static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String item : text.split("[,\\n\\r]+")) {
                if (!item.trim().isEmpty()) {
                    out.add(item.trim());
                }
            }
        }
        return out;
    }

    /** {@code KEY=VALUE} pairs separated by commas or new lines. */
    static Map<String, String> pairs(String parameter, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items(text)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("codeMetrics: " + parameter + " takes KEY=VALUE pairs separated by"
                        + " commas, not '" + item + "'");
            }
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return out;
    }

    Map<String, Object> request(FilePath workspace, String baselinePath) {
        Map<String, Object> r = new LinkedHashMap<>();
        putList(r, "sourceRoots", items(sourceRoots));
        putList(r, "includes", items(includes));
        putList(r, "excludes", items(excludes));
        putRules(r, "javaRuleSets", javaRuleSets);
        putRules(r, "javascriptRuleSets", javascriptRuleSets);
        put(r, "auxClasspath", trimToNull(auxClasspath));
        String chosen = trimToNull(analysers);
        if (chosen != null) {
            r.put("analysers", "none".equalsIgnoreCase(chosen) ? List.of() : items(chosen));
        }
        putList(r, "reports", items(reports));
        put(r, "cpdMinimumTokens", cpdMinimumTokens);
        String cache = trimToNull(cacheFile);
        if (cache == null) {
            r.put("cacheFile", tempDir(workspace).child("slipway-metrics/pmd.cache").getRemote());
        } else if (!"none".equalsIgnoreCase(cache)) {
            r.put("cacheFile", cache);
        }
        putList(r, "coverageReports", items(coverageReports));
        putList(r, "coverageClassDirs", items(coverageClassDirs));
        put(r, "outputDir", trimToNull(outputDir));
        put(r, "baseline", baselinePath);
        Map<String, Object> gates = new LinkedHashMap<>();
        Map<String, Object> max = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : pairs("maxViolations", maxViolations).entrySet()) {
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
        put(gates, "maxDuplicatedLinesPercent", maxDuplicatedLinesPercent);
        put(gates, "minLineCoverage", minLineCoverage);
        put(gates, "maxViolationsPer1000Lines", maxViolationsPer1000Lines);
        if (noNewHighPriorityViolations) {
            gates.put("noNewHighPriorityViolations", true);
        }
        put(gates, "maxCoverageDrop", maxCoverageDrop);
        Map<String, Object> severity = new LinkedHashMap<>();
        pairs("gateSeverity", gateSeverity).forEach((k, v) -> severity.put(k, v.toUpperCase(java.util.Locale.ROOT)));
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

    /** Runs the metrics stage on the agent and returns the Pipeline value. */
    Map<String, Object> run(EngineCall call, String step) throws Exception {
        long start = System.nanoTime();
        String baselinePath = trimToNull(baseline);
        if (baselinePath == null) {
            baselinePath = previousResult(call);
        }
        Map<String, Object> request;
        try {
            request = request(call.workspace(), baselinePath);
        } catch (IllegalArgumentException e) {
            throw new hudson.AbortException(e.getMessage());
        }
        EngineReply reply = call.invoke(step, "metrics", request, Map.of());
        if (!reply.isError()) {
            keep(call, reply.result());
        }
        return call.finish(step, reply, start, stopOnFailure);
    }

    /** The last successful build's result, copied next to the workspace for the engine; null when there is none. */
    private static String previousResult(EngineCall call) throws IOException, InterruptedException {
        Run<?, ?> previous = call.run().getPreviousSuccessfulBuild();
        if (previous == null) {
            call.listener().getLogger().println("[codeMetrics] No earlier successful build: no baseline for the delta gates");
            return null;
        }
        File kept = new File(previous.getRootDir(), RESULT_FILE);
        if (!kept.isFile()) {
            call.listener().getLogger().println("[codeMetrics] " + previous.getFullDisplayName()
                    + " kept no metrics result: no baseline for the delta gates");
            return null;
        }
        FilePath dir = tempDir(call.workspace()).child("slipway-metrics");
        dir.mkdirs();
        FilePath target = dir.child("baseline.json");
        try (InputStream in = Files.newInputStream(kept.toPath())) {
            target.copyFrom(in);
        }
        call.listener().getLogger().println("[codeMetrics] Baseline: " + previous.getFullDisplayName());
        return target.getRemote();
    }

    /** Keeps the result in the build record, archives the HTML report, and adds the build's Action. */
    private static void keep(EngineCall call, Map<String, Object> result) throws IOException, InterruptedException {
        Run<?, ?> run = call.run();
        File json = new File(run.getRootDir(), RESULT_FILE);
        File tmp = new File(run.getRootDir(), RESULT_FILE + ".tmp");
        Files.write(tmp.toPath(), MiniJson.write(result).getBytes(StandardCharsets.UTF_8));
        Files.move(tmp.toPath(), json.toPath(), StandardCopyOption.REPLACE_EXISTING);
        boolean archived = false;
        Object reports = result.get("reports");
        if (reports instanceof Map<?, ?> paths && paths.get("html") instanceof String html) {
            // through the run's ArtifactManager, so external artifact storage (S3, Azure…) keeps the report link working
            FilePath source = call.workspace().child(html);
            FilePath css = source.sibling("slipway.css");
            if (source.exists() && !new File(html).isAbsolute()) {
                Map<String, String> files = new java.util.LinkedHashMap<>();
                files.put(REPORT_DIR + "/index.html", html);
                if (css.exists()) {
                    String dir = html.contains("/") ? html.substring(0, html.lastIndexOf('/') + 1) : "";
                    files.put(REPORT_DIR + "/slipway.css", dir + "slipway.css");
                }
                run.pickArtifactManager().archive(call.workspace(), call.launcher(),
                        jenkins.util.BuildListenerAdapter.wrap(call.listener()), files);
                archived = true;
            }
        }
        CodeMetricsAction.addTo(run, result, archived);
    }

    private static void put(Map<String, Object> r, String name, Object value) {
        if (value != null) {
            r.put(name, value);
        }
    }

    private static void putList(Map<String, Object> r, String name, List<String> value) {
        if (!value.isEmpty()) {
            r.put(name, value);
        }
    }

    private static void putRules(Map<String, Object> r, String name, String value) {
        String v = trimToNull(value);
        if (v != null) {
            r.put(name, "none".equalsIgnoreCase(v) ? List.of() : items(v));
        }
    }
}
