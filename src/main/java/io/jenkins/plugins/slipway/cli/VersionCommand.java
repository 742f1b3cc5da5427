package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.VersionTask;
import io.jenkins.plugins.slipway.engine.runtime.TaskRunner;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.Capability;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code slipway version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the engine's version, Java and machine.")
final class VersionCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions options;

    @Override
    public Integer call() throws Exception {
        TaskContext context = new TaskContext(options.log("", Secrets.none()), Secrets.none(), options.workDir());
        return TaskRunner.run(Capability.VERSION.task(), java.util.Map.of(), context, options.json()); // nothing to bind: no Jackson
    }

    /** {@code slipway --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Slipway " + VersionTask.version() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
