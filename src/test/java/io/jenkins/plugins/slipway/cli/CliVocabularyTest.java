package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One vocabulary: every option that sets a step parameter is spelt as the kebab-case of that parameter
 * ({@code keepReleases} is {@code --keep-releases}), the parameter named by the step's help file (as
 * {@link CliDocsTest} finds it); the spellings before stay, hidden, for one release.
 */
class CliVocabularyTest {

    /**
     * The one step parameter spelt otherwise, and why: runTests' {@code workdir} (the project directory inside the
     * workspace) is {@code test --dir}, as {@code -C/--workdir} is every command's workspace.
     */
    static final Map<String, String> EXCEPTIONS = Map.of("test workdir", "--dir");

    /** {@code maxDuplicatedLinesPercent} → {@code --max-duplicated-lines-percent}. */
    static String kebab(String parameter) {
        return "--" + parameter.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @Test
    void shouldSpellEveryStepParameterOptionAsTheKebabCaseOfTheParameter() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (CommandLine command : CliDocsTest.requestCommands(SlipwayCli.commandLine())) {
            String name = command.getCommandSpec().qualifiedName(" ").substring("slipway ".length());
            List<String> dirs = CliDocsTest.COMMAND_STEPS.get(name);
            Map<String, String> keys = CliDocsTest.keysOf(command.getCommand().getClass(), "");
            for (OptionSpec option : command.getCommandSpec().options()) {
                String key = keys.get(option.longestName());
                if (key == null || option.hidden()) {
                    continue;
                }
                String parameter = CliDocsTest.STEP_PARAMETER.getOrDefault(key, key.substring(key.lastIndexOf('.') + 1));
                boolean documented = dirs.stream().anyMatch(d -> Files.isRegularFile(
                        CliDocsTest.HELP_ROOT.resolve(d).resolve("help-" + parameter + ".html")));
                if (!documented) {
                    continue;
                }
                checked++;
                String wanted = EXCEPTIONS.getOrDefault(name + " " + parameter, kebab(parameter));
                if (!Arrays.asList(option.names()).contains(wanted)) {
                    problems.add(name + " " + String.join("|", option.names()) + " sets " + parameter + ": spell it "
                            + wanted);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(110);
    }

    @Test
    void shouldStillReadTheOldSpellingsAndShowThemNowhere() throws Exception {
        List<String> problems = new ArrayList<>();
        int old = 0;
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(SlipwayCli.commandLine()));
        while (!todo.isEmpty()) {
            CommandLine cli = todo.pop();
            todo.addAll(cli.getSubcommands().values());
            String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (Map.Entry<String, String> e : OldSpellings.of(cli.getCommandSpec()).entrySet()) {
                old++;
                if (java.util.regex.Pattern.compile("(?<![\\w-])" + java.util.regex.Pattern.quote(e.getKey())
                        + "(?![\\w-])").matcher(help).find()) {
                    problems.add(cli.getCommandSpec().qualifiedName() + " --help shows the old " + e.getKey());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(old).isGreaterThan(60);

        // the old spellings set the same fields as the new ones, in every form
        CommandLine cli = SlipwayCli.commandLine("deploy");
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.parseArgs("deploy", "--keep", "3", "--release=1-a", "--parallel", "2", "-H", "a@127.0.0.1:22",
                "--host", "b@127.0.0.1:22");
        DeployCommand deploy = cli.getSubcommands().get("deploy").getCommand();
        assertThat(deploy.keepReleases).isEqualTo(3);
        assertThat(deploy.releaseId).isEqualTo("1-a");
        assertThat(deploy.connection.rollout.parallelism).isEqualTo(2);
        assertThat(deploy.connection.target.hosts).containsExactly("a@127.0.0.1:22", "b@127.0.0.1:22");
        assertThat(err.toString()).contains("slipway deploy: --keep is now --keep-releases",
                "--release is now --release-id", "--parallel is now --parallelism", "--host is now --host-list");

        cli = SlipwayCli.commandLine("test");
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
        cli.parseArgs("test", "--no-ignore-stale", "--junit-xml", "out.xml");
        TestCommand test = cli.getSubcommands().get("test").getCommand();
        assertThat(test.ignoreStaleReports).isFalse();
        assertThat(test.normalisedJUnitXml).isEqualTo("out.xml");

        cli = SlipwayCli.commandLine("metrics");
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
        cli.parseArgs("metrics", "--min-coverage", "80", "--max-duplication=5", "--source", "src");
        MetricsCommand metrics = cli.getSubcommands().get("metrics").getCommand();
        assertThat(metrics.gates.minLineCoverage).isEqualTo(80.0);
        assertThat(metrics.gates.maxDuplicatedLinesPercent).isEqualTo(5.0);
        assertThat(metrics.sourceRoots).containsExactly("src");

        // a typo of an old spelling is answered with the new one
        CommandLine typo = SlipwayCli.commandLine("deploy");
        java.io.StringWriter typoErr = new java.io.StringWriter();
        typo.setErr(new java.io.PrintWriter(typoErr, true));
        assertThat(typo.execute("deploy", "--kep", "3")).isEqualTo(2);
        assertThat(typoErr.toString()).contains("did you mean '--keep-releases'?");
    }

    @Test
    void shouldNeverGiveAnInputAndAnOutputTheSameName() {
        // reading: browser --junit-xml (the suite's reports); writing: test --normalised-junit-xml, --output-dir
        Map<String, String> readers = new java.util.TreeMap<>();
        Map<String, String> writers = new java.util.TreeMap<>();
        List<String> outputs = List.of("normalisedJUnitXml", "html", "outputDir");
        for (CommandLine command : CliDocsTest.requestCommands(SlipwayCli.commandLine())) {
            String name = command.getCommandSpec().qualifiedName(" ");
            Map<String, String> keys = CliDocsTest.keysOf(command.getCommand().getClass(), "");
            keys.forEach((flag, key) -> (outputs.contains(key) ? writers : readers).merge(flag, name, (a, b) -> a + ", " + b));
        }
        assertThat(writers.keySet()).doesNotContainAnyElementsOf(readers.keySet());
        assertThat(writers).containsKeys("--normalised-junit-xml", "--output-dir", "--html");
        assertThat(readers).containsKey("--junit-xml");
    }
}
