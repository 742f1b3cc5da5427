package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.EngineTasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.request.Capability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link Capability} is the one registration of a task: the engine's table, the CLI and the bridge agree with it. */
class CapabilityTest {

    @Test
    void shouldRunEveryRegisteredTaskAndNoOther() {
        assertThat(EngineTasks.all()).extracting(EngineTask::name)
                .containsExactlyElementsOf(Arrays.stream(Capability.values()).map(Capability::task).toList());
    }

    @Test
    void shouldHaveACommandForEveryCapabilityThatNamesOne() {
        List<String> commands = new ArrayList<>();
        collect(SlipwayCli.commandLine(), commands);
        assertThat(commands).containsAll(Arrays.stream(Capability.values()).map(Capability::command)
                .filter(Objects::nonNull).toList());
    }

    @Test
    void shouldStartEachTasksEngineWithItsProfile() {
        for (Capability c : Capability.values()) {
            List<String> options = EngineProcess.taskOptions(c.task(), List.of());
            assertThat(options.contains("-XX:TieredStopAtLevel=1")).as(c + " C1 only").isEqualTo(c.profile().c1Only());
            assertThat(options.contains("-XX:+UseSerialGC")).as(c + " serial collector").isEqualTo(c.profile().serialGc());
        }
        assertThat(Capability.ofTask("deploy-rollback")).isEqualTo(Capability.DEPLOY_ROLLBACK);
        assertThat(Capability.ofTask("nothing")).isNull();
    }

    private static void collect(CommandLine command, List<String> out) {
        for (CommandLine sub : command.getSubcommands().values()) {
            out.add(sub.getCommandSpec().qualifiedName(" ").substring("slipway ".length()));
            collect(sub, out);
        }
    }
}
