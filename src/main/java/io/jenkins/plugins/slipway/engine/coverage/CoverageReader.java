package io.jenkins.plugins.slipway.engine.coverage;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads coverage reports into one model, with source paths normalised against a workspace. One reader per
 * workspace: it indexes the workspace's files once, on first need.
 *
 * <pre>
 * CoverageReader reader = new CoverageReader(workspace);
 * CoverageReport xml = reader.read(workspace.resolve("target/site/jacoco/jacoco.xml"), List.of());
 * CoverageReport exec = reader.read(workspace.resolve("target/jacoco.exec"), List.of(workspace.resolve("target/classes")));
 * </pre>
 */
public final class CoverageReader {
    private final Path workspace;
    private final SourcePaths paths;

    public CoverageReader(Path workspace) {
        this(workspace, List.of());
    }

    /**
     * A reader that, of two files in the workspace matching a reported source name equally well, takes the one in
     * {@code projectDirs} (the tests' working directory, the metrics' source roots; absolute or workspace-relative).
     */
    public CoverageReader(Path workspace, List<Path> projectDirs) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.paths = new SourcePaths(this.workspace, projectDirs);
    }

    /**
     * Reads one report; the format is told by the file: {@code *.exec} is JaCoCo execution data (analysed against
     * {@code classDirs}), an XML file with root {@code <report>} is JaCoCo XML, with root {@code <coverage>} Cobertura.
     */
    public CoverageReport read(Path report, List<Path> classDirs) throws CoverageException {
        Path absolute = workspace.resolve(report).normalize();
        String display = absolute.startsWith(workspace)
                ? SourcePaths.slashes(workspace.relativize(absolute).toString()) : absolute.toString();
        if (absolute.getFileName().toString().endsWith(".exec")) {
            return new ExecAnalyzer(paths).analyse(absolute, display, classDirs);
        }
        return new XmlCoverageParser(paths).parse(absolute, display);
    }
}
