package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineProcessOptionsTest {

    @Test
    void shouldStartShortTasksWithC1OnlyAndLeaveTheCrunchingOnesAlone() {
        assertThat(EngineProcess.taskOptions("version", List.of()))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss512k",
                        "-XX:ReservedCodeCacheSize=32m");
        assertThat(EngineProcess.taskOptions("ec2-launch", List.of("-Xmx1g")))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=48m");
        assertThat(EngineProcess.taskOptions("test", List.of())).containsExactly("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss1m");
        assertThat(EngineProcess.taskOptions("metrics", List.of())).containsExactly("-XX:+UseSerialGC", "-Xms32m", "-Xmx1g");
        assertThat(EngineProcess.taskOptions("deploy", List.of())).containsExactly("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss1m");
        assertThat(EngineProcess.taskOptions("browser", List.of())).isEmpty();
    }

    @Test
    void shouldLeaveTheCompilerAndTheCollectorToConfiguredOptionsThatChooseThem() {
        assertThat(EngineProcess.taskOptions("version", List.of("-XX:TieredStopAtLevel=4"))).startsWith("-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("version", List.of("-XX:-TieredCompilation"))).startsWith("-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("version", List.of("-Xint", "-XX:+UseG1GC"))).startsWith("-Xms8m");
        assertThat(EngineProcess.taskOptions("test", List.of("-XX:+UseParallelGC"))).startsWith("-Xms16m");
        assertThat(EngineProcess.taskOptions("test", List.of("-XX:+UseZGC", "-Xmx2g"))).containsExactly("-Xss1m");
    }

    @Test
    void shouldLeaveEachMemoryLimitToConfiguredOptionsThatSetIt() {
        assertThat(EngineProcess.taskOptions("test", List.of("-Xmx2g"))).as("a user's -Xmx wins, and -Xms goes with it")
                .containsExactly("-XX:+UseSerialGC", "-Xss1m");
        assertThat(EngineProcess.taskOptions("test", List.of("-Xms1g"))).as("-Xms above the task's -Xmx would not start")
                .containsExactly("-XX:+UseSerialGC", "-Xss1m");
        assertThat(EngineProcess.taskOptions("deploy", List.of("-XX:MaxRAMPercentage=10", "-XX:ThreadStackSize=2048")))
                .containsExactly("-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("version", List.of("-XX:ReservedCodeCacheSize=64m", "-XX:MaxHeapSize=32m")))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");
    }

    @Test
    void shouldStartTheEngineFromItsJarThroughTheAgentMainClassWhenItHasAnArchiveDecision() {
        EngineArchive none = EngineArchive.forStart(java.nio.file.Path.of("/nonexistent-cache/sha/slipway-engine.jar"),
                "test", List.of("-Xshare:off"), line -> { });
        assertThat(EngineProcess.command("java", "test", List.of("-Xshare:off"), List.of("-jar", "/c/e.jar"), none))
                .containsExactly("java", "-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss1m", "-Xshare:off", "-cp", "/c/e.jar",
                        EngineProcess.AGENT_MAIN);
        assertThat(EngineProcess.command("java", "browser", List.of(), List.of("-cp", "a:b", "Main"), null))
                .containsExactly("java", "-cp", "a:b", "Main");
    }
}
