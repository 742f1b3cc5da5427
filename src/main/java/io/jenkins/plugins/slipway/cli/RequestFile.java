package io.jenkins.plugins.slipway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --request FILE} option of every command that binds an engine request ({@code @Mixin}, with
 * {@code @JsonIgnore}: the file is read by {@link Requests#bind}, it is not a key of the request).
 */
final class RequestFile {

    @Option(names = "--request", paramLabel = "FILE", description = "Read the request from a JSON file; options given "
            + "too override its fields.")
    Path file;

    /** The file the user named, or null. */
    Path file() {
        return file;
    }
}
