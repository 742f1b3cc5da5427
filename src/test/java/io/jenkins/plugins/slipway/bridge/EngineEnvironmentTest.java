package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine holds the build's secrets: the build's environment cannot add JVM options to it (a heap dump into the
 * workspace, an agent of the commit's choosing), its dumps go to its private folder, and the commands it starts do
 * not learn that folder. A real JVM started as agents start the engine.
 */
class EngineEnvironmentTest {
    @TempDir
    Path workspace;

    /** Stands in for the engine: prints what its JVM got, and what a child command sees. */
    public static final class PrintingEngine {
        public static void main(String[] args) throws Exception {
            System.out.println("property=" + System.getProperty("injected"));
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                System.out.println("option=" + option);
            }
            Process child = new ProcessBuilder("sh", "-c", "env").start();
            for (String line : new String(child.getInputStream().readAllBytes()).split("\n")) {
                System.out.println("child:" + line);
            }
            child.waitFor();
        }
    }

    @Test
    void shouldNotTakeJvmOptionsFromTheBuildAndKeepDumpsPrivate() throws Exception {
        String java = EngineProcess.currentJava();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                PrintingEngine.class.getName());
        List<String> lines = new ArrayList<>();
        Map<String, String> buildEnv = Map.of("JAVA_TOOL_OPTIONS", "-Dinjected=tool -XX:+HeapDumpOnOutOfMemoryError",
                "JDK_JAVA_OPTIONS", "-Dinjected=jdk", "_JAVA_OPTIONS", "-Dinjected=underscore",
                "HeapDumpPath", workspace.toString(), "KEEP_ME", "yes");

        EngineProcess.Outcome outcome = EngineProcess.run(command, Map.of("task", "version"), workspace, buildEnv,
                Duration.ofSeconds(5), lines::add);

        assertThat(outcome.exitCode()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains("property=null").noneMatch(l -> l.startsWith("Picked up"));
        String dumpOption = lines.stream().filter(l -> l.startsWith("option=-XX:HeapDumpPath=")).findFirst().orElseThrow();
        Path dumps = Path.of(dumpOption.substring("option=-XX:HeapDumpPath=".length()));
        assertThat(dumps).isNotEqualTo(workspace).doesNotExist(); // private, and gone with the engine
        assertThat(lines).anyMatch(l -> l.startsWith("option=-XX:ErrorFile=" + dumps));
        assertThat(lines).contains("child:KEEP_ME=yes")
                .noneMatch(l -> l.startsWith("child:SLIPWAY_ENGINE_TMP") || l.startsWith("child:JAVA_TOOL_OPTIONS"));
        // kept aside for the build's own commands, which get them back (BuildEnvironment)
        assertThat(lines).contains("child:SLIPWAY_BUILD_JAVA_TOOL_OPTIONS=-Dinjected=tool -XX:+HeapDumpOnOutOfMemoryError",
                "child:SLIPWAY_BUILD_JDK_JAVA_OPTIONS=-Dinjected=jdk");
        assertThat(Files.list(workspace)).isEmpty();
    }
}
