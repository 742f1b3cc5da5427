package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import java.util.List;
import java.util.Optional;

/** Every task the bridge and the pipeline can run, by name. Each capability adds its task here. */
public final class EngineTasks {

    private static final List<EngineTask<?, ?>> ALL = List.of(
            new VersionTask(),
            new ProbeTask(),
            new Ec2Tasks.LaunchTask(), new Ec2Tasks.TerminateTask(), new Ec2Tasks.ListTask(),
            new DeployTask(), new DeployRollbackTask(),
            new TestTask(),
            new MetricsTask(),
            new io.jenkins.plugins.slipway.engine.browser.BrowserTask(),
            new io.jenkins.plugins.slipway.engine.local.LocalLaunchTask(),
            new io.jenkins.plugins.slipway.engine.git.GitTagTask());

    private EngineTasks() {
    }

    public static List<EngineTask<?, ?>> all() {
        return ALL;
    }

    public static Optional<EngineTask<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
