package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.AgentCommand;
import io.jenkins.plugins.slipway.engine.runtime.ResultEnvelope;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar slipway.jar <command>}: the engine on the command line. */
@Command(name = "slipway",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Slipway: tests, metrics, browser tests, EC2 hosts and SSH deploys as one pipeline.%n"
                + "Exit codes: 0 passed, 1 the result failed, 2 bad usage or input, 3 the environment failed.%n"
                + "Options share their help with the Jenkins steps: the workspace is the directory given by -C, and a "
                + "build marked UNSTABLE or FAILURE is exit code 1.")
public final class SlipwayCli implements java.util.concurrent.Callable<Integer> {

    /**
     * Every subcommand, in the order of the usage help. Registered in code, not in {@code @Command(subcommands)}:
     * picocli builds the model of each registered command by reflection (options, mixins, help texts), so a run
     * registers only the command it runs (see {@link #commandLine(String...)}). Created by name, without lambdas
     * or class literals, so that naming them loads none of them (nor picocli, for the bridge's own start).
     */
    static final java.util.List<String> COMMANDS = java.util.List.of("version", "selfcheck", "agent", "ec2", "deploy",
            "test", "metrics", "browser", "run", "demo", "help");

    static {
        // picocli looks for Groovy's Closure class once, to support closures in annotations; Slipway has none, and
        // the miss would make every start read the directory of the whole engine jar (60,000 entries), which is
        // the one thing a class-data archive cannot answer
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        // no option of Slipway has a java.sql or java.time type: registering their converters would load both
        // packages, by reflection, at every start
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    private static Object newCommand(String name) {
        return switch (name) {
            case "version" -> new VersionCommand();
            case "selfcheck" -> new SelfCheckCommand();
            case "agent" -> new AgentCommand();
            case "ec2" -> new Ec2Command();
            case "deploy" -> new DeployCommand();
            case "test" -> new TestCommand();
            case "metrics" -> new MetricsCommand();
            case "browser" -> new BrowserCommand();
            case "run" -> new RunCommand();
            case "demo" -> new DemoCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("main");
        Integer bridged = AgentCommand.runDirectly(args);
        if (bridged != null) {
            System.exit(bridged);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(SlipwayCli::endChildren, "slipway-end-children"));
        int code = execute(args);
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("main-returns");
        System.exit(code);
    }

    /**
     * The JVM is ending (a signal such as a CI system's cancel, or Ctrl-C): the commands it started (tests, the app
     * under test) end with it instead of running on, orphaned — SIGTERM first, then SIGKILL after ten seconds.
     */
    static void endChildren() {
        java.util.List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /** The whole command tree, every subcommand registered (help, documentation checks). */
    public static CommandLine commandLine() {
        return withCommands(COMMANDS);
    }

    /**
     * The command tree for running {@code args}: only the subcommand they name, when they name one, so a start
     * pays for one command's model instead of all of them; the whole tree for help, no command or an unknown one
     * (whose error lists the known commands).
     */
    public static CommandLine commandLine(String... args) {
        String name = subcommandOf(args);
        return name == null ? commandLine() : withCommands(java.util.List.of(name));
    }

    /** The subcommand named by the first argument that is not an option, or null if none (or "help"). */
    static String subcommandOf(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS.contains(arg) && !"help".equals(arg) ? arg : null;
            }
        }
        return null;
    }

    private static CommandLine withCommands(Iterable<String> names) {
        CommandLine cli = new CommandLine(new SlipwayCli());
        for (String name : names) {
            cli.addSubcommand(name, newCommand(name));
        }
        HelpText.apply(cli);
        OldSpellings.apply(cli);
        collectErrors(cli);
        cli.setExecutionStrategy(SlipwayCli::executeWithoutBadUsage);
        cli.setExecutionExceptionHandler(SlipwayCli::handle);
        cli.setParameterExceptionHandler(SlipwayCli::badUsage);
        cli.setExitCodeExceptionMapper(e -> 2);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        Wording words = Wording.of(cli.getCommandSpec());
        int exit = report(e, cli.getErr(), parsed != null && hasDebug(parsed), words);
        writeErrorEnvelope(e, cli.getCommandSpec(), words);
        return exit;
    }

    /** A command that asked for {@code --json} and failed still gets its envelope: outcome ERROR and the error. */
    private static void writeErrorEnvelope(Exception e, CommandLine.Model.CommandSpec spec, Wording words) {
        CommonOptions options = null;
        for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof CommonOptions common) {
                options = common;
            }
        }
        if (options == null || options.json() == null) {
            return;
        }
        SlipwayException.Kind kind = e instanceof SlipwayException se ? se.kind() : SlipwayException.Kind.ENVIRONMENT;
        String message = e instanceof SlipwayException ? words.apply(e.getMessage())
                : e instanceof InterruptedException ? "aborted" : e.getClass().getSimpleName() + ": " + e.getMessage();
        String command = spec.qualifiedName(" ").substring(spec.root().name().length()).strip();
        try {
            CommonOptions.writeJson(options.json(), ResultEnvelope.error(command, kind, message,
                    ResultEnvelope.commitOf(options.workDir())));
        } catch (java.io.IOException | RuntimeException write) {
            spec.commandLine().getErr().println("slipway: cannot write the result to " + options.json() + ": "
                    + write.getMessage());
        }
    }

    static int report(Exception e, java.io.PrintWriter err, boolean debug) {
        return report(e, err, debug, Wording.of(null));
    }

    /** Prints what went wrong and returns the exit code: the one exception handler of the CLI. */
    static int report(Exception e, java.io.PrintWriter err, boolean debug, Wording words) {
        if (debug) {
            e.printStackTrace(err);
        }
        if (e instanceof SlipwayException se) {
            err.println("slipway: " + words.apply(se.getMessage()));
            return se.kind().exitCode();
        }
        if (e instanceof InterruptedException) {
            err.println("slipway: aborted");
            return 3;
        }
        err.println("slipway: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
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
    public Integer call() {
        // no command: as git does, the usage on standard error and exit code 2
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Every command of the tree goes on parsing after a bad value, so that all of them are reported at once. */
    private static void collectErrors(CommandLine cli) {
        cli.getCommandSpec().parser().collectErrors(true);
        cli.getSubcommands().values().forEach(SlipwayCli::collectErrors);
    }

    /**
     * Runs the command the arguments name, unless picocli met problems parsing them: then every problem at once, on
     * one line ({@link #badUsage(List)}), exit code 2.
     */
    private static int executeWithoutBadUsage(CommandLine.ParseResult parsed) {
        java.util.List<CommandLine.ParameterException> errors = new java.util.ArrayList<>();
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (Exception e : p.errors()) {
                errors.add(e instanceof CommandLine.ParameterException pe ? pe
                        : new CommandLine.ParameterException(p.commandSpec().commandLine(), e.getMessage(), e, null, null));
            }
        }
        if (errors.isEmpty()) {
            return new CommandLine.RunLast().execute(parsed);
        }
        return badUsage(errors);
    }

    /**
     * A command line picocli cannot parse: one line naming what was wrong — for an unknown command or option the
     * closest known one by spelling — and where the help is; exit code 2.
     */
    static int badUsage(CommandLine.ParameterException ex, String[] args) {
        return badUsage(java.util.List.of(ex));
    }

    /**
     * As {@link #badUsage(CommandLine.ParameterException, String[])} for all the problems of one command line: an
     * unknown command or option alone (what follows it means nothing), else every problem, counted, on one line.
     */
    static int badUsage(java.util.List<CommandLine.ParameterException> errors) {
        CommandLine.ParameterException unknown = errors.stream()
                .filter(e -> e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty())
                .findFirst().orElse(null);
        java.util.List<CommandLine.ParameterException> shown = unknown != null ? java.util.List.of(unknown) : errors;
        CommandLine cli = shown.get(0).getCommandLine();
        String where = cli.getCommandSpec().qualifiedName();
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (CommandLine.ParameterException ex : shown) {
            String line = problem(ex);
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        String text = lines.size() == 1 ? lines.get(0) : lines.size() + " problems: " + String.join("; ", lines);
        cli.getErr().println(where + ": " + text + (text.endsWith(".") || text.endsWith("?") ? "" : ".") + " See '" + where + " --help'.");
        return 2;
    }

    /** One problem picocli met, in the words of the command line. */
    private static String problem(CommandLine.ParameterException ex) {
        CommandLine cli = ex.getCommandLine();
        String line;
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String bad = unmatched.getUnmatched().get(0);
            boolean option = bad.startsWith("-");
            String name = option && bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad;
            java.util.List<String> known = new java.util.ArrayList<>();
            if (option) {
                cli.getCommandSpec().options().stream().filter(o -> !o.hidden()).forEach(o -> known.addAll(
                        java.util.List.of(o.names())));
            } else {
                cli.getSubcommands().forEach((n, sub) -> {
                    if (!sub.getCommandSpec().usageMessage().hidden()) {
                        known.add(n);
                    }
                });
            }
            java.util.Map<String, String> renamed = option ? OldSpellings.of(cli.getCommandSpec()) : java.util.Map.of();
            known.addAll(renamed.keySet());
            String closest = closest(name, known);
            closest = closest == null ? null : renamed.getOrDefault(closest, closest); // an old name: its new one
            line = "unknown " + (option ? "option" : known.isEmpty() ? "argument" : "command") + " '" + name
                    + "'" + (closest == null ? "." : "; did you mean '" + closest + "'?");
        } else {
            // picocli says "Value for option option '--tag' …" for a map option's bad entry
            String message = Wording.of(cli.getCommandSpec()).apply(ex.getMessage()).replace("option option ", "option ")
                    .strip();
            line = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        }
        return line;
    }

    /** The name among {@code known} nearest to {@code typed} in edit distance (swaps count once), if near enough. */
    static String closest(String typed, java.util.List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
