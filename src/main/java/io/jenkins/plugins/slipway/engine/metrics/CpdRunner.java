package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplicate;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplication;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Location;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.SkippedFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import net.sourceforge.pmd.cpd.CPDConfiguration;
import net.sourceforge.pmd.cpd.CPDReport;
import net.sourceforge.pmd.cpd.CpdAnalysis;
import net.sourceforge.pmd.cpd.Mark;
import net.sourceforge.pmd.cpd.Match;
import net.sourceforge.pmd.cpd.XMLRenderer;
import net.sourceforge.pmd.lang.document.FileId;
import net.sourceforge.pmd.lang.document.FileLocation;
import net.sourceforge.pmd.reporting.Report;

/**
 * Runs CPD on the Java, Python and JavaScript sources. Duplicated lines are the distinct lines inside any
 * duplicate; the percentage is over all lines of the files CPD analysed.
 */
final class CpdRunner {
    static final Set<SizeLanguage> LANGUAGES = Set.of(SizeLanguage.JAVA, SizeLanguage.PYTHON, SizeLanguage.JAVASCRIPT);
    static final int MAX_ITEMS = 200;

    private final Path workDir;
    private final int minimumTokens;
    private final Log log;

    record Outcome(Duplication duplication, List<SkippedFile> skipped) {
    }

    CpdRunner(Path workDir, int minimumTokens, Log log) {
        this.workDir = workDir;
        this.minimumTokens = minimumTokens;
        this.log = log;
    }

    Outcome run(List<MetricsService.SourceFile> sources, Path xmlFile) throws IOException {
        List<MetricsService.SourceFile> inputs = sources.stream()
                .filter(f -> LANGUAGES.contains(f.language()) && !f.relative().endsWith(".jsx")).toList();
        long analysedLines = inputs.stream().mapToLong(f -> f.counts().total()).sum();
        CPDConfiguration config = new CPDConfiguration();
        config.setMinimumTileSize(minimumTokens);
        config.setReporter(new LogReporter(log));
        config.setSourceEncoding(StandardCharsets.UTF_8);
        config.addRelativizeRoot(workDir);
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        AtomicReference<IOException> failure = new AtomicReference<>();
        try (CpdAnalysis cpd = CpdAnalysis.create(config)) {
            for (MetricsService.SourceFile f : inputs) {
                cpd.files().addSourceFile(FileId.fromPath(f.path()), f.text());
            }
            cpd.performAnalysis(report -> {
                try (SafeOutput.Atomic out = SafeOutput.open(xmlFile)) {
                    Writer xml = out.writer();
                    new XMLRenderer("UTF-8").render(report, xml);
                    xml.flush();
                    out.commit();
                } catch (IOException e) {
                    failure.set(e);
                }
                outcome.set(summarise(report, analysedLines));
            });
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return outcome.get() != null ? outcome.get()
                : new Outcome(new Duplication(0, 0, analysedLines, 0, List.of(), false), List.of());
    }

    private Outcome summarise(CPDReport report, long analysedLines) {
        Map<String, BitSet> lines = new HashMap<>();
        List<Duplicate> items = new ArrayList<>();
        List<Match> matches = new ArrayList<>(report.getMatches());
        matches.sort(Match.LINES_COMPARATOR);
        for (Match match : matches) {
            List<Location> locations = new ArrayList<>();
            for (Mark mark : match) {
                FileLocation loc = mark.getLocation();
                String file = SourceWalk.relative(workDir, Path.of(loc.getFileId().getAbsolutePath()));
                lines.computeIfAbsent(file, k -> new BitSet()).set(loc.getStartLine(), loc.getEndLine() + 1);
                locations.add(new Location(file, loc.getStartLine(), loc.getEndLine()));
            }
            items.add(new Duplicate(match.getLineCount(), match.getTokenCount(), locations));
        }
        long duplicated = lines.values().stream().mapToLong(BitSet::cardinality).sum();
        double percent = analysedLines == 0 ? 0
                : QualityGate.round(Math.min(100.0, duplicated * 100.0 / analysedLines));
        List<SkippedFile> skipped = new ArrayList<>();
        for (Report.ProcessingError error : report.getProcessingErrors()) {
            skipped.add(new SkippedFile(SourceWalk.relative(workDir, Path.of(error.getFileId().getAbsolutePath())),
                    "cpd", PmdRunner.firstLine(error.getMsg())));
        }
        return new Outcome(new Duplication(matches.size(), duplicated, analysedLines, percent,
                List.copyOf(items.subList(0, Math.min(MAX_ITEMS, items.size()))), items.size() > MAX_ITEMS), skipped);
    }
}
