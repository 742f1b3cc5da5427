package io.jenkins.plugins.slipway.engine.coverage;

/**
 * Coverage of one source file. {@code path} is relative to the workspace (forward slashes) when the file was found
 * there ({@code resolved}), otherwise the path as the report wrote it.
 */
public record FileCoverage(String path, boolean resolved, Counter lines, Counter branches) {

    FileCoverage merge(FileCoverage other) {
        return new FileCoverage(path, resolved, lines.plus(other.lines), branches.plus(other.branches));
    }
}
