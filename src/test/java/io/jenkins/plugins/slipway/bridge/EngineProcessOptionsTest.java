package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineProcessOptionsTest {

    @Test
    void shouldStartShortTasksWithC1OnlyAndLeaveTheCrunchingOnesAlone() {
        assertThat(EngineProcess.taskOptions("version", List.of())).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(EngineProcess.taskOptions("ec2-launch", List.of("-Xmx1g"))).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(EngineProcess.taskOptions("test", List.of())).isEmpty();
        assertThat(EngineProcess.taskOptions("metrics", List.of())).isEmpty();
        assertThat(EngineProcess.taskOptions("deploy", List.of())).isEmpty();
    }

    @Test
    void shouldLeaveTheCompilerToConfiguredOptionsThatChooseIt() {
        assertThat(EngineProcess.taskOptions("version", List.of("-XX:TieredStopAtLevel=4"))).isEmpty();
        assertThat(EngineProcess.taskOptions("version", List.of("-XX:-TieredCompilation"))).isEmpty();
        assertThat(EngineProcess.taskOptions("version", List.of("-Xint"))).isEmpty();
    }
}
