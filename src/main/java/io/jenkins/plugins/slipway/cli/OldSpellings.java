package io.jenkins.plugins.slipway.cli;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads the old spelling of a renamed option ({@link Was}) as its new one, before picocli parses a command's
 * arguments: {@code --keep 3} is {@code --keep-releases 3}, {@code --keep=3} too, and {@code --no-ignore-stale} is
 * {@code --no-ignore-stale-reports}. Picocli has no hidden alias of an option name; rewriting the arguments keeps the
 * old names out of the help and out of the closest-match suggestions. Each old name used is noted once on standard
 * error with its new spelling.
 */
final class OldSpellings implements CommandLine.IParameterPreprocessor {

    private final CommandSpec spec;
    private final Map<String, String> renamed;

    private OldSpellings(CommandSpec spec, Map<String, String> renamed) {
        this.spec = spec;
        this.renamed = renamed;
    }

    /** Installs the old spellings of every command of the tree under {@code cli}. */
    static void apply(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        Map<String, String> renamed = of(spec);
        if (!renamed.isEmpty()) {
            spec.preprocessor(new OldSpellings(spec, renamed));
        }
        cli.getSubcommands().values().forEach(OldSpellings::apply);
    }

    /** Each old spelling of {@code spec}'s options and the name that replaced it (negated forms too). */
    static Map<String, String> of(CommandSpec spec) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (option.userObject() instanceof Field field && field.isAnnotationPresent(Was.class)) {
                String now = option.longestName();
                for (String old : field.getAnnotation(Was.class).value()) {
                    renamed.put(old, now);
                    if (option.negatable()) {
                        renamed.put("--no-" + old.substring(2), "--no-" + now.substring(2));
                    }
                }
            }
        }
        return renamed;
    }

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
        // the stack's top is the next argument: walk down from it until a subcommand, which reads its own
        for (int i = args.size() - 1; i >= 0; i--) {
            String arg = args.get(i);
            if ("--".equals(arg) || spec.subcommands().containsKey(arg)) {
                break;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String now = renamed.get(name);
            if (now != null) {
                args.set(i, now + (eq < 0 ? "" : arg.substring(eq)));
                spec.commandLine().getErr().println("slipway " + spec.qualifiedName(" ").substring(
                        spec.root().name().length()).strip() + ": " + name + " is now " + now
                        + "; the old name goes in the next release.");
            }
        }
        return false;
    }
}
