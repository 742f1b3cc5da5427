package io.jenkins.plugins.slipway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** What the pipeline knows about the source it runs on (the CLI implements it with git). */
public interface SourceInfo {

    /**
     * The commit {@code dir} is at, as a JSON object ({@code found, id, shortId, branch, author, time, message…});
     * {@code found} is false outside a repository.
     */
    JsonNode commit(Path dir);

    /** The commits between two ids, newest first, as a JSON array; an empty array when they cannot be listed. */
    JsonNode commitsBetween(Path dir, String from, String to);
}
