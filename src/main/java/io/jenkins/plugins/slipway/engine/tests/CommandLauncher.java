package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs one shell command line; the outside system of the test stage. */
@FunctionalInterface
interface CommandLauncher {

    ProcessRunner.Outcome run(String commandLine, Path dir, Map<String, String> env, Duration timeout,
            Consumer<String> output) throws SlipwayException, InterruptedException;

    /** Through the system shell ({@code sh -c}, or {@code cmd /c} on Windows), the whole tree killed on timeout. */
    static CommandLauncher shell() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return (line, dir, env, timeout, output) -> ProcessRunner.run(
                windows ? List.of("cmd.exe", "/c", line) : List.of("/bin/sh", "-c", line), dir, env, timeout, output);
    }
}
