package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every engine command shares ({@code @Mixin}). */
public final class CommonOptions {

    @Option(names = "--json", paramLabel = "FILE", description = "Write the machine-readable result to FILE; - for "
            + "standard output (the log then goes to standard error). A device or pipe is written in place, a link to "
            + "a regular file is refused.")
    Path json;

    @Option(names = "--debug", description = "Print debug lines and stack traces.")
    boolean debug;

    @Option(names = {"-C", "--workdir"}, paramLabel = "DIR", description = "The workspace: the directory relative paths are resolved against "
            + "(default: the current one).")
    Path workDir = Path.of("");

    /** The command these options belong to: its options name the engine's request keys in messages. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public Path json() {
        return json;
    }

    public boolean debug() {
        return debug;
    }

    public Path workDir() {
        return workDir.toAbsolutePath().normalize();
    }

    /**
     * The secrets among {@code candidates} that have a value (a key file's text, an environment variable): the CLI
     * takes secrets from there, never from an option's value.
     */
    static Secrets secrets(Map<String, String> candidates) {
        Map<String, String> given = new LinkedHashMap<>();
        candidates.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                given.put(name, value);
            }
        });
        return Secrets.of(given);
    }

    /**
     * The terminal log: results and progress on standard output, {@code ERROR:} lines on standard error; all on
     * standard error when the JSON result goes to standard output ({@code --json -}).
     */
    public Log log(String prefix, Secrets secrets) {
        return Wording.of(command).log(Log.console(human(), System.err, prefix, debug, secrets));
    }

    /** Where lines for people go: standard output, or standard error when {@code --json -} takes standard output. */
    public PrintStream human() {
        return jsonToStandardOutput(json) ? System.err : System.out;
    }

    static boolean jsonToStandardOutput(Path json) {
        return json != null && json.toString().equals("-");
    }

    /**
     * Writes {@code value} as JSON to the file the user named with {@code --json} ({@link SafeOutput#writeUserFile}:
     * {@code -} is standard output, a device or pipe is written in place, a regular file replaced atomically).
     */
    static void writeJson(Path file, Object value) throws IOException {
        SafeOutput.writeUserFile(file, Json.write(value), System.out);
    }
}
