package io.jenkins.plugins.slipway.engine.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.tools.ExecFileLoader;

/** Analyses JaCoCo execution data ({@code .exec}) against the class files it was recorded for. */
final class ExecAnalyzer {
    private final SourcePaths paths;

    ExecAnalyzer(SourcePaths paths) {
        this.paths = paths;
    }

    CoverageReport analyse(Path exec, String displayName, List<Path> classDirs) throws CoverageException {
        List<Path> existing = classDirs.stream().filter(Files::exists).toList();
        if (existing.isEmpty()) {
            throw new CoverageException("JaCoCo execution data " + displayName + " needs the class files it was "
                    + "recorded for, but none of the class directories exist: " + classDirs
                    + ". Set the coverage class directories (e.g. target/classes) or use JaCoCo's XML report.");
        }
        ExecFileLoader loader = new ExecFileLoader();
        try {
            loader.load(exec.toFile());
        } catch (IOException e) {
            throw new CoverageException("JaCoCo execution data " + displayName + " cannot be read: " + e.getMessage()
                    + ". Is it a .exec file from JaCoCo " + "0.7.5 or newer, and complete (the JVM under test must "
                    + "exit normally to write it)?", e);
        }
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
        for (Path dir : existing) {
            try {
                analyzer.analyzeAll(dir.toFile());
            } catch (IOException e) {
                throw new CoverageException("Cannot analyse class files in " + dir + " for " + displayName + ": "
                        + e.getMessage(), e);
            }
        }
        List<FileCoverage> files = new ArrayList<>();
        for (ISourceFileCoverage source : builder.getSourceFiles()) {
            String reported = source.getPackageName().isEmpty() ? source.getName()
                    : source.getPackageName() + "/" + source.getName();
            String resolved = paths.resolve(reported, List.of());
            java.util.BitSet missed = new java.util.BitSet();
            for (int nr = source.getFirstLine(); nr > 0 && nr <= source.getLastLine(); nr++) {
                if (source.getLine(nr).getStatus() == ICounter.NOT_COVERED) {
                    missed.set(nr);
                }
            }
            files.add(new FileCoverage(resolved != null ? resolved : reported, resolved != null,
                    counter(source.getLineCounter()), counter(source.getBranchCounter()), FileCoverage.ranges(missed)));
        }
        return CoverageReport.of(displayName, CoverageFormat.JACOCO_EXEC, files);
    }

    private static Counter counter(ICounter counter) {
        return new Counter(counter.getCoveredCount(), counter.getMissedCount());
    }
}
