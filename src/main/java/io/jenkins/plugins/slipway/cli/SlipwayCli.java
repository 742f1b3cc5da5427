package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar slipway.jar <command>}: the engine on the command line. */
@Command(name = "slipway",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Slipway: tests, metrics, browser tests, EC2 hosts and SSH deploys as one pipeline.%n"
                + "Exit codes: 0 passed, 1 the result failed, 2 bad usage or input, 3 the environment failed.",
        subcommands = {
            VersionCommand.class,
            SelfCheckCommand.class,
            AgentCommand.class,
            Ec2Command.class,
            DeployCommand.class,
            TestCommand.class,
            MetricsCommand.class,
            BrowserCommand.class,
            RunCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SlipwayCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SlipwayCli());
        cli.setExecutionExceptionHandler(SlipwayCli::handle);
        cli.setExitCodeExceptionMapper(e -> 2);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        boolean debug = parsed != null && hasDebug(parsed);
        if (debug) {
            e.printStackTrace(cli.getErr());
        }
        if (e instanceof SlipwayException se) {
            cli.getErr().println("slipway: " + se.getMessage());
            return se.kind().exitCode();
        }
        if (e instanceof InterruptedException) {
            cli.getErr().println("slipway: aborted");
            return 3;
        }
        cli.getErr().println("slipway: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (debug ? "" : " (run again with --debug for the stack trace)"));
        return 3;
    }

    private static boolean hasDebug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
