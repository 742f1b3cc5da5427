package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's {@code --help}, at any depth, as a user reads it: wrapped between words only (a token of the
 * source text such as {@code index.html} or {@code http://localhost:4566} is whole in the help), at most 80 columns,
 * placeholders that name what to give rather than a Java field, no "null" and no word twice in a row.
 */
class CliHelpTextTest {

    private static final Pattern DOUBLED = Pattern.compile("\\b([A-Za-z]{2,}) \\1\\b");
    private static final Pattern FIELD_PLACEHOLDER = Pattern.compile("<[a-z]+[A-Z][A-Za-z]*>");

    /** Every command of the tree with its rendered help, the root first. */
    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        ArrayDeque<CommandLine> todo = new ArrayDeque<>(List.of(SlipwayCli.commandLine()));
        while (!todo.isEmpty()) {
            CommandLine cli = todo.pop();
            all.add(cli);
            todo.addAll(cli.getSubcommands().values());
        }
        return all;
    }

    private static String help(CommandLine cli) {
        StringWriter out = new StringWriter();
        cli.usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }

    /** What the help is made of: the command's description and every option's and parameter's description. */
    private static List<String> sourceTexts(CommandSpec spec) {
        List<String> texts = new ArrayList<>();
        for (String line : spec.usageMessage().description()) {
            texts.add(String.format(line.replace("%n", " ")));
        }
        for (ArgSpec arg : spec.args()) {
            if (!arg.hidden()) {
                for (String line : arg.description()) {
                    texts.add(line);
                }
            }
        }
        return texts;
    }

    @Test
    void shouldWrapEveryHelpBetweenWordsOnly() {
        List<String> problems = new ArrayList<>();
        int commands = 0;
        int tokens = 0;
        for (CommandLine cli : everyCommand()) {
            String name = cli.getCommandSpec().qualifiedName();
            String help = help(cli);
            String flat = help.replaceAll("\\s+", " ");
            for (String text : sourceTexts(cli.getCommandSpec())) {
                for (String token : text.split("\\s+")) {
                    if (token.matches(".*\\w[.:/]+\\w.*")) {
                        tokens++;
                        if (!flat.contains(token)) {
                            problems.add(name + ": '" + token + "' is split in the help");
                        }
                    }
                }
            }
            if (help.contains(": //") || help.matches("(?s).*\\w\\. (html|json|xml|log)\\b.*")) {
                problems.add(name + ": a URL or file name split by wrapping");
            }
            for (String line : help.split("\\R")) {
                if (line.length() > HelpText.WIDTH && line.strip().contains(" ")) {
                    problems.add(name + ": line longer than " + HelpText.WIDTH + " columns: " + line);
                }
            }
            commands++;
        }
        assertThat(problems).isEmpty();
        assertThat(commands).isGreaterThanOrEqualTo(15);
        assertThat(tokens).as("tokens with . : or / checked").isGreaterThan(100);
    }

    @Test
    void shouldShowMeaningfulPlaceholdersNoNullsAndNoDoubledWords() {
        List<String> problems = new ArrayList<>();
        for (CommandLine cli : everyCommand()) {
            CommandSpec spec = cli.getCommandSpec();
            String name = spec.qualifiedName();
            String help = help(cli);
            for (ArgSpec arg : spec.args()) {
                boolean takesValue = arg.isPositional() || arg.typeInfo().getType() != boolean.class
                        && arg.typeInfo().getType() != Boolean.class;
                if (!arg.hidden() && takesValue && arg.paramLabel().startsWith("<")) {
                    problems.add(name + ": " + arg + " shows the field name " + arg.paramLabel()
                            + " as its placeholder; give it a paramLabel");
                }
            }
            Matcher field = FIELD_PLACEHOLDER.matcher(help);
            while (field.find()) {
                problems.add(name + ": placeholder named after a field: " + field.group());
            }
            if (Pattern.compile("\\bnull\\b").matcher(help).find()) {
                problems.add(name + ": the help says null");
            }
            Matcher doubled = DOUBLED.matcher(help);
            while (doubled.find()) {
                problems.add(name + ": doubled word '" + doubled.group() + "'");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldListEachCommandWithItsWholeFirstSentence() {
        CommandLine root = SlipwayCli.commandLine();
        String flat = help(root).replaceAll("\\s+", " ");
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            CommandLine.Model.UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            String first = String.format(usage.header().length > 0 ? usage.header()[0] : usage.description()[0]);
            assertThat(first).as(sub.getCommandName()).endsWith(".");
            assertThat(flat).as("the command list shows " + sub.getCommandName() + "'s description whole")
                    .contains(sub.getCommandName() + " " + first.replaceAll("\\s+", " "));
        }
    }

    @Test
    void shouldBreakLinesAtSpacesAndKeepLongWordsWhole() {
        String line = "      --aws-endpoint=URL     An Elastic Load Balancing (and STS) endpoint override for "
                + "targetGroups, e.g. http://localhost:4566 for an emulator.";
        List<String> wrapped = HelpText.wrapLine(line, 29);
        assertThat(wrapped).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(String.join(" ", wrapped).replaceAll("\\s+", " ")).isEqualTo(line.replaceAll("\\s+", " "));
        assertThat(wrapped.get(1)).startsWith(" ".repeat(29)).doesNotStartWith(" ".repeat(30));
        String url = "x".repeat(90);
        assertThat(HelpText.wrapLine("  see " + url + " now", 4)).containsExactly("  see", "    " + url, "    now");
        assertThat(HelpText.wrap("synopsis", "slipway test [-hV] [--a=B]", 7)).isEqualTo("slipway test [-hV] [--a=B]");
        assertThat(HelpText.descriptionColumn(Arrays.asList("  -a, --all     Everything.",
                "      --b=B     Bee.", "      --very-long-option=VALUE", "                Its text."))).isEqualTo(16);
    }
}
