package io.jenkins.plugins.slipway.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * C2, the JVM's optimising compiler, for the JDK's cipher and hash code only, in the engine JVM of a task that uploads
 * ({@code deploy}). Such a JVM lives a few seconds: C2 would otherwise spend about a quarter of its CPU compiling the
 * start-up code of picocli, Jackson and sshj, which runs a few thousand times and never again, while the JDK's AES-GCM,
 * GHASH and SHA-256 reach the processor's AES, carry-less multiply and SHA instructions only through C2. Everything
 * else stops at C1 (a method C2 may not compile is compiled again by C1 without profiling). The rule is a compiler
 * directives file ({@code -XX:CompilerDirectivesFile}, a diagnostic option of every HotSpot JVM since 9) written into
 * the engine's private cache folder next to its class-data archive; the JVM announces the directives it read on its
 * standard output, so {@code -XX:-DisplayVMOutput} keeps them out of the build log (the JVM's warnings and crash
 * reports do not go through that stream; a thread dump on {@code SIGQUIT} does: use {@code jstack}, or give
 * {@code -XX:+DisplayVMOutput} in the engine's JVM options). JVM options that choose the compiler themselves switch it
 * off, as a folder that cannot be written does.
 */
public final class CompilerDirectives {

    /** The tasks whose engine JVM gets the directives: those that encrypt and hash an artifact. */
    static final Set<String> TASKS = Set.of("deploy");

    static final String FILE = "c2-crypto-only.json";

    /** JDK classes whose hot loops have C2 intrinsics: AES, GCM/GHASH, SHA-1/2, and their callers' loops. */
    static final String TEXT = "[\n"
            + "  { match: [\"com/sun/crypto/provider/*.*\", \"sun/security/provider/*.*\"], c2: { Exclude: false } },\n"
            + "  { match: [\"*.*\"], c2: { Exclude: true } }\n"
            + "]\n";

    private CompilerDirectives() {
    }

    /**
     * The JVM options for {@code task}'s engine: the directives file in {@code dir} (a private folder, made by
     * {@link EngineArchive}), written when missing or not the expected text; none when the task does not upload, the
     * configured {@code jvmOptions} choose the compiler, or the file cannot be written.
     */
    public static List<String> options(String task, Path dir, List<String> jvmOptions, Consumer<String> debug) {
        if (!TASKS.contains(task) || dir == null) {
            return List.of();
        }
        for (String option : jvmOptions) {
            if (option.contains("TieredStopAtLevel") || option.contains("TieredCompilation") || option.equals("-Xint")
                    || option.equals("-Xcomp") || option.contains("CompilerDirectives") || option.contains("CompileCommand")) {
                debug.accept("no compiler directives: the engine's JVM options choose the compiler (" + option + ")");
                return List.of();
            }
        }
        Path file = dir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file) || !TEXT.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                Path tmp = Files.createTempFile(dir, FILE + ".", ".tmp");
                try {
                    Files.writeString(tmp, TEXT, StandardCharsets.UTF_8);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException | RuntimeException e) {
            debug.accept("no compiler directives: cannot write " + file + ": " + e);
            return List.of();
        }
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput", "-XX:CompilerDirectivesFile=" + file);
    }
}
