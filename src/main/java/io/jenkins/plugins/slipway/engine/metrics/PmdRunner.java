package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.SkippedFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.rule.RuleSet;
import net.sourceforge.pmd.lang.rule.RuleSetLoader;
import net.sourceforge.pmd.renderers.SarifRenderer;
import net.sourceforge.pmd.renderers.XMLRenderer;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;

/** Runs PMD on the Java and JavaScript sources, all cores, with the incremental-analysis cache when asked. */
final class PmdRunner {
    private final Path workDir;
    private final MetricsRequest request;
    private final Log log;

    /** What PMD found. */
    record Outcome(boolean ran, List<Findings.Raw> all, Map<String, String> ruleLanguages, List<SkippedFile> skipped) {
    }

    PmdRunner(Path workDir, MetricsRequest request, Log log) {
        this.workDir = workDir;
        this.request = request;
        this.log = log;
    }

    Outcome run(List<MetricsService.SourceFile> sources, Path xmlFile, Path sarifFile) throws MetricsException {
        boolean java = !request.javaRuleSets().isEmpty();
        boolean js = !request.javascriptRuleSets().isEmpty();
        List<MetricsService.SourceFile> inputs = sources.stream()
                .filter(f -> java && f.language() == SizeLanguage.JAVA
                        || js && f.language() == SizeLanguage.JAVASCRIPT && !f.relative().endsWith(".jsx"))
                .toList();
        if (!java && !js) {
            return new Outcome(false, List.of(), Map.of(), List.of());
        }
        PMDConfiguration config = new PMDConfiguration();
        config.setThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
        config.setReporter(new LogReporter(log));
        config.setSourceEncoding(StandardCharsets.UTF_8);
        config.addRelativizeRoot(workDir);
        if (request.cacheFile() != null) {
            Path cache = workDir.resolve(request.cacheFile()).normalize();
            try {
                // PMD writes the cache itself: the same checks as every output (no link, inside the workspace)
                SafeOutput.file(workDir, cache);
                SafeOutput.checkTarget(cache);
            } catch (IOException e) {
                throw new MetricsException(Kind.ENVIRONMENT, "cacheFile: cannot use " + cache
                        + ": " + e.getMessage(), e);
            }
            config.setAnalysisCacheLocation(cache.toString());
        } else {
            config.setIgnoreIncrementalAnalysis(true);
        }
        // Type resolution sees the JDK and the given aux classpath only, never the engine's own libraries: what PMD
        // reports on the user's code must not depend on what slipway.jar happens to bundle.
        config.setClassLoader(ClassLoader.getPlatformClassLoader());
        if (request.auxClasspath() != null && !request.auxClasspath().isBlank()) {
            config.prependAuxClasspath(request.auxClasspath());
        }
        List<Findings.Raw> all = new ArrayList<>();
        Map<String, String> ruleLanguages = new LinkedHashMap<>();
        List<SkippedFile> skipped = new ArrayList<>();
        try (SafeOutput.Atomic xmlOut = SafeOutput.open(xmlFile);
                SafeOutput.Atomic sarifOut = SafeOutput.open(sarifFile)) {
            Writer xml = xmlOut.writer();
            Writer sarif = sarifOut.writer();
            analyse(config, java, js, inputs, xml, sarif, all, ruleLanguages, skipped);
            xml.flush();
            sarif.flush();
            xmlOut.commit();
            sarifOut.commit();
        } catch (IOException e) {
            throw new MetricsException(Kind.ENVIRONMENT, "Cannot write the PMD reports " + xmlFile + ", " + sarifFile
                    + ": " + e.getMessage(), e);
        }
        return new Outcome(true, all, ruleLanguages, skipped);
    }

    private void analyse(PMDConfiguration config, boolean java, boolean js, List<MetricsService.SourceFile> inputs,
            Writer xml, Writer sarif, List<Findings.Raw> all, Map<String, String> ruleLanguages,
            List<SkippedFile> skipped) throws MetricsException {
        try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
            RuleSetLoader loader = pmd.newRuleSetLoader();
            List<String> refs = new ArrayList<>();
            if (java) {
                refs.addAll(request.javaRuleSets());
            }
            if (js) {
                refs.addAll(request.javascriptRuleSets());
            }
            for (String ref : refs) {
                Path local = workDir.resolve(ref).normalize();
                String resolved = Files.isRegularFile(local) ? local.toString() : ref;
                try {
                    RuleSet ruleSet = loader.loadFromResource(resolved);
                    ruleSet.getRules().forEach(r -> ruleLanguages.put("pmd\u0000" + r.getName(),
                            r.getLanguage().getName()));
                    pmd.addRuleSet(ruleSet);
                } catch (RuntimeException e) {
                    throw new MetricsException(Kind.BAD_INPUT, "PMD rule set '" + ref + "' cannot be loaded: "
                            + e.getMessage() + "; name a rule set file in the workspace or a built-in one such as "
                            + "rulesets/java/quickstart.xml", e);
                }
            }
            for (MetricsService.SourceFile f : inputs) {
                // PMD reads the file itself: faster than handing it the text, and its incremental cache then works
                pmd.files().addFile(f.path());
            }
            XMLRenderer xmlRenderer = new XMLRenderer("UTF-8");
            xmlRenderer.setWriter(xml);
            SarifRenderer sarifRenderer = new SarifRenderer();
            sarifRenderer.setWriter(sarif);
            pmd.addRenderer(xmlRenderer);
            pmd.addRenderer(sarifRenderer);
            Report report = pmd.performAnalysisAndCollectReport();
            List<RuleViolation> violations = new ArrayList<>(report.getViolations());
            violations.sort(RuleViolation.DEFAULT_COMPARATOR);
            for (RuleViolation v : violations) {
                all.add(new Findings.Raw("pmd", SourceWalk.relative(workDir, Path.of(v.getFileId().getAbsolutePath())),
                        v.getBeginLine(), v.getRule().getName(), v.getRule().getPriority().getPriority(),
                        v.getDescription()));
            }
            for (Report.ProcessingError error : report.getProcessingErrors()) {
                skipped.add(new SkippedFile(SourceWalk.relative(workDir, Path.of(error.getFileId().getAbsolutePath())),
                        "pmd", firstLine(error.getMsg())));
            }
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        String s = nl < 0 ? message : message.substring(0, nl);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
