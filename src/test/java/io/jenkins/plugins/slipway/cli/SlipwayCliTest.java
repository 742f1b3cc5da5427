package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.AgentCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SlipwayCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine cli = SlipwayCli.commandLine();
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    @Test
    void shouldOfferHelpOnEveryCommand() {
        CommandLine cli = SlipwayCli.commandLine();
        for (CommandLine sub : cli.getSubcommands().values()) {
            assertThat(sub.getCommandSpec().mixinStandardHelpOptions() || sub.getCommand() instanceof CommandLine.HelpCommand)
                    .as("--help on " + sub.getCommandName()).isTrue();
            for (CommandLine subsub : sub.getSubcommands().values()) {
                assertThat(subsub.getCommandSpec().mixinStandardHelpOptions())
                        .as("--help on " + sub.getCommandName() + " " + subsub.getCommandName()).isTrue();
            }
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("version").contains("selfcheck").doesNotContain("agent");
    }

    @Test
    void shouldRenderTheHelpOfEveryCommandWithoutFormatWarnings() {
        java.io.PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(SlipwayCli.commandLine()));
            int rendered = 0;
            while (!todo.isEmpty()) {
                CommandLine cli = todo.pop();
                assertThat(cli.getUsageMessage()).as("help of " + cli.getCommandSpec().qualifiedName()).contains("Usage:");
                rendered++;
                todo.addAll(cli.getSubcommands().values());
            }
            assertThat(rendered).isGreaterThan(10);
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void shouldWriteTheVersionAsJson() throws Exception {
        Path json = dir.resolve("version.json");
        assertThat(run("version", "--json", json.toString())).isZero();
        JsonNode result = Json.MAPPER.readTree(json.toFile());
        assertThat(result.path("outcome").asText()).isEqualTo("PASSED");
        assertThat(result.path("result").path("javaVersion").asText()).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void shouldExitWithTwoOnBadUsageAndSayWhy() {
        assertThat(run("version", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("slipway version: unknown option '--no-such-option'. See 'slipway version --help'.\n");
        assertThat(run("no-such-command")).isEqualTo(2);
    }

    @Test
    void shouldBuildOnlyTheCommandThatRuns() {
        assertThat(SlipwayCli.commandLine("version", "--json", "v.json").getSubcommands()).containsOnlyKeys("version");
        assertThat(SlipwayCli.commandLine("--debug", "deploy", "rollback").getSubcommands()).containsOnlyKeys("deploy");
        assertThat(SlipwayCli.commandLine("help", "test").getSubcommands()).containsKeys("test", "metrics", "help");
        assertThat(SlipwayCli.commandLine("no-such-command").getSubcommands()).containsKeys("version", "demo");
        assertThat(SlipwayCli.commandLine().getSubcommands()).hasSize(11);
    }

    @Test
    void shouldLeaveEverythingButTheBridgesOwnAgentStartToPicocli() {
        assertThat(AgentCommand.runDirectly("version")).isNull();
        assertThat(AgentCommand.runDirectly()).isNull();
        assertThat(AgentCommand.runDirectly("agent", "--help")).isNull();
        assertThat(AgentCommand.runDirectly("agent", "--grace", "5")).isNull();
        assertThat(AgentCommand.runDirectly("agent", "--grace=x")).isNull();
    }
}
