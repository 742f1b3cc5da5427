package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineProcessOptionsTest {

    @Test
    void shouldStartShortTasksWithC1OnlyAndLeaveTheCrunchingOnesAlone() {
        assertThat(EngineProcess.taskOptions("version", List.of()))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("ec2-launch", List.of("-Xmx1g")))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("test", List.of())).containsExactly("-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("metrics", List.of())).isEmpty();
        assertThat(EngineProcess.taskOptions("deploy", List.of())).isEmpty();
    }

    @Test
    void shouldLeaveTheCompilerAndTheCollectorToConfiguredOptionsThatChooseThem() {
        assertThat(EngineProcess.taskOptions("version", List.of("-XX:TieredStopAtLevel=4"))).containsExactly("-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("version", List.of("-XX:-TieredCompilation"))).containsExactly("-XX:+UseSerialGC");
        assertThat(EngineProcess.taskOptions("version", List.of("-Xint", "-XX:+UseG1GC"))).isEmpty();
        assertThat(EngineProcess.taskOptions("test", List.of("-XX:+UseParallelGC"))).isEmpty();
        assertThat(EngineProcess.taskOptions("test", List.of("-XX:+UseZGC", "-Xmx2g"))).isEmpty();
    }

    @Test
    void shouldStartTheEngineFromItsJarThroughTheAgentMainClassWhenItHasAnArchiveDecision() {
        EngineArchive none = EngineArchive.forStart(java.nio.file.Path.of("/nonexistent-cache/sha/slipway-engine.jar"),
                "test", List.of("-Xshare:off"), line -> { });
        assertThat(EngineProcess.command("java", "test", List.of("-Xshare:off"), List.of("-jar", "/c/e.jar"), none))
                .containsExactly("java", "-XX:+UseSerialGC", "-Xshare:off", "-cp", "/c/e.jar", EngineProcess.AGENT_MAIN);
        assertThat(EngineProcess.command("java", "metrics", List.of(), List.of("-cp", "a:b", "Main"), null))
                .containsExactly("java", "-cp", "a:b", "Main");
    }
}
