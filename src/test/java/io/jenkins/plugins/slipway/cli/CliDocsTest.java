package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.jenkins.plugins.slipway.DocsDrift;
import io.jenkins.plugins.slipway.build.StepHelpSource;
import io.jenkins.plugins.slipway.request.Capability;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A parameter's text lives once, in its step's {@code help-<key>.html}. The CLI describes every option bound to a
 * request key with the first sentence of that file: {@link StepHelp} holds those sentences as compile-time
 * constants (generated from the help files by the build, {@link StepHelpSource}, never committed), and each
 * option's description starts with its constant, followed by what only the command line has (repeatable, {@code ""}
 * for none, the negated form, its own default). Options that no help file documents are listed in
 * {@link #CLI_ONLY}, so a new request option without a help file fails here.
 */
class CliDocsTest {

    static final Path HELP_ROOT = Path.of("src/main/resources/io/jenkins/plugins/slipway/jenkins");
    static final Path GENERATED = Path.of("target/generated-sources/slipway").resolve(StepHelpSource.FILE);
    static final Path COMMITTED = Path.of("src/main/java").resolve(StepHelpSource.FILE);

    /** Each request command and the step help directories of its keys, nearest first. */
    static final Map<String, List<String>> COMMAND_STEPS = Map.of(
            Capability.TEST.command(), List.of("tests/RunTestsStep"),
            Capability.METRICS.command(), List.of("metrics/CodeMetricsStep"),
            Capability.BROWSER.command(), List.of("browser/BrowserTestStep"),
            Capability.DEPLOY.command(), List.of("deploy/SshDeployStep"),
            Capability.DEPLOY_ROLLBACK.command(), List.of("deploy/SshDeployStep"),
            Capability.EC2_LAUNCH.command(), List.of("ec2/Ec2LaunchStep", "ec2/Ec2Step"),
            Capability.EC2_TERMINATE.command(), List.of("ec2/Ec2TerminateStep", "ec2/Ec2Step"),
            Capability.EC2_LIST.command(), List.of("ec2/Ec2Step", "ec2/Ec2LaunchStep"));

    /** Request keys (a nested object's as {@code object.key}) whose step parameter has another name. */
    static final Map<String, String> STEP_PARAMETER = Map.ofEntries(
            Map.entry("commands", "command"),
            Map.entry("gates.severity", "gateSeverity"),
            Map.entry("target.hosts", "hostList"),
            Map.entry("to", "rollbackTo"),
            Map.entry("healthCheck.url", "healthUrl"),
            Map.entry("healthCheck.command", "healthCommand"),
            Map.entry("healthCheck.expectStatus", "healthExpectStatus"),
            Map.entry("healthCheck.expectBody", "healthExpectBody"),
            Map.entry("healthCheck.retries", "healthRetries"),
            Map.entry("healthCheck.intervalSeconds", "healthIntervalSeconds"),
            Map.entry("healthCheck.timeoutSeconds", "healthTimeoutSeconds"),
            Map.entry("rollout.traffic.haproxy.address", "haproxyAddress"),
            Map.entry("rollout.traffic.haproxy.socket", "haproxySocket"),
            Map.entry("rollout.traffic.haproxy.sshHost", "haproxySshHost"),
            Map.entry("rollout.traffic.haproxy.backend", "haproxyBackend"),
            Map.entry("rollout.traffic.hooks.on", "trafficCommandsOn"),
            Map.entry("rollout.traffic.servers", "trafficServers"),
            Map.entry("rollout.traffic.minHealthyPercent", "trafficMinHealthyPercent"),
            Map.entry("rollout.traffic.elbv2.port", "targetPort"),
            Map.entry("rollout.traffic.elbv2.region", "awsRegion"),
            Map.entry("rollout.traffic.elbv2.endpoint", "awsEndpoint"),
            Map.entry("rollout.traffic.elbv2.roleArn", "awsRoleArn"),
            Map.entry("rollout.traffic.elbv2.externalId", "awsExternalId"));

    /** Options of request commands that no step help file documents: the command line's own. */
    static final Set<String> CLI_ONLY = Set.of(
            "test --json", "test --debug", "test --workdir", "test --request",
            "test --exit-code", "test --started-at", "test --previous",
            "metrics --json", "metrics --debug", "metrics --workdir", "metrics --request",
            "browser --json", "browser --debug", "browser --workdir", "browser --request",
            "deploy --json", "deploy --debug", "deploy --workdir", "deploy --request", "deploy --key-file",
            "deploy --deployed-by", "deploy --aws-credentials",
            "deploy rollback --json", "deploy rollback --debug", "deploy rollback --workdir",
            "deploy rollback --request", "deploy rollback --key-file", "deploy rollback --deployed-by",
            "deploy rollback --aws-credentials",
            "ec2 launch --json", "ec2 launch --debug", "ec2 launch --workdir", "ec2 launch --request",
            "ec2 launch --credentials", "ec2 launch --build-id",
            "ec2 terminate --json", "ec2 terminate --debug", "ec2 terminate --workdir", "ec2 terminate --request",
            "ec2 terminate --credentials",
            "ec2 list --json", "ec2 list --debug", "ec2 list --workdir", "ec2 list --request", "ec2 list --credentials");

    @Test
    void shouldCompileStepHelpAsTheBuildGeneratesItFromTheHelpFiles() throws IOException {
        assertThat(COMMITTED).as("StepHelp is generated by the build, never committed").doesNotExist();
        String wanted = generated();
        String actual = Files.exists(GENERATED) ? Files.readString(GENERATED, StandardCharsets.UTF_8) : "";
        assertThat(actual).as(GENERATED + " is not what the help files give:\n" + DocsDrift.diff(actual, wanted)
                + "\nregenerate it with: mvn -B -o generate-sources").isEqualTo(wanted);
    }

    @Test
    void shouldDescribeEveryRequestOptionWithTheFirstSentenceOfItsHelpFile() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> cliOnlySeen = new TreeSet<>();
        int checked = 0;
        for (CommandLine command : requestCommands(SlipwayCli.commandLine())) {
            String name = command.getCommandSpec().qualifiedName(" ").substring("slipway ".length());
            List<String> dirs = COMMAND_STEPS.get(name);
            if (dirs == null) {
                problems.add(name + " binds a request but CliDocsTest.COMMAND_STEPS names no step for it");
                continue;
            }
            Map<String, String> keys = keysOf(command.getCommand().getClass(), "");
            // the help is wrapped between words (HelpText): read it as one run of words
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String id = name + " " + option.longestName();
                String key = keys.get(option.longestName());
                Path help = key == null ? null : helpFile(dirs, STEP_PARAMETER.getOrDefault(key, lastSegment(key)));
                if (help == null) {
                    if (CLI_ONLY.contains(id)) {
                        cliOnlySeen.add(id);
                    } else {
                        problems.add(id + (key == null ? "" : " (request key " + key + ")") + " has no step help file:"
                                + " write one, or list the option in CliDocsTest.CLI_ONLY");
                    }
                    continue;
                }
                if (CLI_ONLY.contains(id)) {
                    problems.add(id + " is documented by " + help + ": remove it from CliDocsTest.CLI_ONLY");
                }
                String sentence = firstSentence(Files.readString(help, StandardCharsets.UTF_8));
                String description = String.join(" ", option.description());
                if (!description.startsWith(sentence)) { // picocli gives the description formatted: %% as %
                    problems.add(id + " is described as\n    " + description + "\nwhere " + help
                            + " begins\n    " + sentence + "\n  (the build generates StepHelp from the help file: mvn -B -o generate-sources; the description must start with its constant)");
                } else if (!usage.contains(sentence.replaceAll("\\s+", " "))) {
                    problems.add(id + ": the usage help does not show\n    " + sentence);
                }
                checked++;
            }
        }
        Set<String> stale = new TreeSet<>(CLI_ONLY);
        stale.removeAll(cliOnlySeen);
        stale.forEach(id -> problems.add("CliDocsTest.CLI_ONLY lists " + id + ", which no request command has"));
        assertThat(problems).as("CLI option descriptions against the step help files").isEmpty();
        assertThat(checked).isGreaterThan(110);
    }

    @Test
    void shouldTakeTheFirstSentenceOfTheHelpAsPlainText() {
        assertThat(firstSentence("<div>\n  The path probed (default <code>/</code>), e.g. <code>/health</code>.\n"
                + "  Or i.e. not this &amp; <em>that</em>.</div>"))
                .isEqualTo("The path probed (default /), e.g. /health.");
        assertThat(firstSentence("<div>A count (<code>2</code>) or a percentage (<code>25%</code>): x.y z</div>"))
                .isEqualTo("A count (2) or a percentage (25%): x.y z");
        assertThat(escape("25% \"a\\b\"")).isEqualTo("25%% \"a\\b\"");
    }

    /** The commands of the tree (at any depth) that bind a request from their option fields. */
    static List<CommandLine> requestCommands(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommand().getClass().isAnnotationPresent(RequestOptions.class)) {
                out.add(sub);
            }
            out.addAll(requestCommands(sub));
        }
        return out;
    }

    /** The request key of each option of {@code type} (by its longest name), through its option groups. */
    static Map<String, String> keysOf(Class<?> type, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
            if (option != null) {
                String longest = "";
                for (String n : option.names()) {
                    longest = n.length() > longest.length() ? n : longest;
                }
                out.put(longest, prefix + field.getName());
            } else if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                out.putAll(keysOf(field.getType(),
                        field.isAnnotationPresent(JsonUnwrapped.class) ? prefix : prefix + field.getName() + "."));
            }
        }
        return out;
    }

    private static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static Path helpFile(List<String> dirs, String parameter) {
        for (String dir : dirs) {
            Path file = HELP_ROOT.resolve(dir).resolve("help-" + parameter + ".html");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    static String plain(String html) {
        return StepHelpSource.plain(html);
    }

    static String firstSentence(String html) {
        return StepHelpSource.firstSentence(html);
    }

    static String escape(String sentence) {
        return StepHelpSource.escape(sentence);
    }

    static String constant(String parameter) {
        return StepHelpSource.constant(parameter);
    }

    /** The wanted text of {@code StepHelp.java}. */
    static String generated() throws IOException {
        return StepHelpSource.generated(HELP_ROOT);
    }
}
