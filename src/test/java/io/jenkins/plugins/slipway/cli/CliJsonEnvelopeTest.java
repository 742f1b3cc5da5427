package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.ResultEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.browser.FormApp;
import io.jenkins.plugins.slipway.engine.deploy.DeployFixture;
import io.jenkins.plugins.slipway.engine.deploy.TestSshHost;
import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's {@code --json} is one envelope, valid against {@code docs/schema/slipway-result.schema.json} (the
 * same file as in the jar): each command runs on small inputs, on loopback (EC2 at the fake endpoint, deploys to
 * embedded SSH servers), and its output is validated.
 */
class CliJsonEnvelopeTest {

    static final Path DOCS_SCHEMA = Path.of("docs/schema/slipway-result.schema.json");

    @TempDir
    Path ws;

    @TempDir
    Path home;

    FakeEc2 fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeEc2();
        System.setProperty("aws.accessKeyId", "AKIAFAKECHAIN0000001");
        System.setProperty("aws.secretAccessKey", "chain-secret");
    }

    @AfterEach
    void stop() {
        fake.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static MiniJsonSchema schema() throws Exception {
        return new MiniJsonSchema(Json.MAPPER.readTree(DOCS_SCHEMA.toFile()));
    }

    @Test
    void shouldShipTheSchemaOfTheDocsInTheJar() throws Exception {
        try (InputStream in = ResultEnvelope.class.getResourceAsStream(ResultEnvelope.SCHEMA_RESOURCE)) {
            assertThat(in).as("the schema beside ResultEnvelope in the jar").isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(DOCS_SCHEMA));
        }
        assertThat(Files.readString(Path.of("README.md"))).as("where --json is described")
                .contains("docs/schema/slipway-result.schema.json", "schemaVersion");
    }

    @Test
    void shouldRejectEnvelopesThatBreakTheSchema() throws Exception {
        MiniJsonSchema schema = schema();
        ObjectNode good = (ObjectNode) Json.MAPPER.readTree("""
                {"schemaVersion": 1, "command": "test", "outcome": "PASSED", "summary": "ok", "result": {},
                 "commit": {"id": "0123456789abcdef0123456789abcdef01234567", "shortId": "0123456"}}""");
        assertThat(schema.validate(good)).isEmpty();
        ObjectNode noCommand = good.deepCopy();
        noCommand.remove("command");
        assertThat(schema.validate(noCommand)).anyMatch(p -> p.contains("required field 'command'"));
        ObjectNode badOutcome = good.deepCopy().put("outcome", "OK");
        assertThat(schema.validate(badOutcome)).anyMatch(p -> p.contains("/outcome"));
        ObjectNode badVersion = good.deepCopy().put("schemaVersion", "1");
        assertThat(schema.validate(badVersion)).anyMatch(p -> p.contains("/schemaVersion"));
        ObjectNode badCommit = good.deepCopy();
        badCommit.set("commit", Json.MAPPER.readTree("{\"id\": \"xyz\"}"));
        assertThat(schema.validate(badCommit)).anyMatch(p -> p.contains("/commit"));
        ObjectNode badResult = good.deepCopy().put("result", "text");
        assertThat(schema.validate(badResult)).anyMatch(p -> p.contains("/result"));
        ObjectNode badError = good.deepCopy();
        badError.set("error", Json.MAPPER.readTree("{\"kind\": \"BAD_INPUT\"}"));
        assertThat(schema.validate(badError)).anyMatch(p -> p.contains("'message'"));
    }

    @Test
    void shouldWriteOneValidEnvelopeForEveryCommand() throws Exception {
        MiniJsonSchema schema = schema();
        Map<String, JsonNode> written = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();

        // a git working directory: the envelope names its commit
        String commitId;
        try (Git git = Git.init().setDirectory(ws.toFile()).setInitialBranch("main").call()) {
            Files.writeString(ws.resolve("README"), "x");
            git.add().addFilepattern("README").call();
            PersonIdent who = new PersonIdent("Ann", "ann@example.org");
            commitId = git.commit().setMessage("First").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
        Files.writeString(ws.resolve("TEST-cart.xml"), """
                <testsuite name="app.CartTest" tests="1" failures="0"><testcase classname="app.CartTest" name="adds"/></testsuite>
                """);
        Files.createDirectories(ws.resolve("src"));
        Files.writeString(ws.resolve("src/A.java"), "public class A {\n    private int unused;\n}\n");
        Files.writeString(ws.resolve("ui.json"), """
                {"scenarios": [{"name": "form", "steps": [{"open": "/"}, {"waitForText": "post"}]}]}
                """);
        Files.writeString(ws.resolve("pipeline.json"), """
                {"name": "try", "reportDir": "out", "stages": [{"name": "engine", "task": "version"}]}
                """);
        fake.running("web", Instant.parse("2026-11-20T10:00:00Z"));
        String[] aws = {"--region", "us-east-1", "--endpoint", fake.endpoint(), "--credentials", "DEFAULT_CHAIN"};

        run(written, "version");
        run(written, "selfcheck");
        run(written, "test", "--reports", "TEST-cart.xml", "--exit-code", "0", "--no-ignore-stale-reports");
        run(written, "metrics", "--source-roots", "src", "--javascript-rule-sets", "", "--analysers", "");
        run(written, "browser", "--app-command", formApp(), "--scenarios", "ui.json", "--ready-timeout-seconds", "30");
        run(written, concat(new String[] {"ec2", "launch", "--fleet", "web", "--count", "1", "--ami",
            "ami-0123456789abcdef0", "--subnets", "subnet-aaaaaaaa", "--dry-run"}, aws));
        run(written, concat(new String[] {"ec2", "list", "--fleet", "web"}, aws));
        run(written, concat(new String[] {"ec2", "terminate", "--fleet", "web", "--dry-run"}, aws));
        try (DeployFixture fleet = new DeployFixture(home, 1)) {
            TestSshHost host = fleet.host(1);
            Path key = Files.writeString(home.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Path knownHosts = Files.writeString(home.resolve("known_hosts"),
                    "[127.0.0.1]:" + host.port() + " " + TestSshHost.publicKeyLine(host.hostKey.get().getPublic()) + "\n");
            String[] ssh = {"--host-list", "deployer@127.0.0.1:" + host.port(), "--base-dir", "app", "--key-file",
                key.toString(), "--known-hosts-file", knownHosts.toString()};
            for (String release : new String[] {"1-a", "2-b"}) {
                run(written, concat(new String[] {"deploy", "--artifact", fleet.artifact(release).toString(),
                    "--release-id", release}, ssh));
            }
            run(written, concat(new String[] {"deploy", "rollback", "--rollback-to", "1-a"}, ssh));
        }
        run(written, "run", "pipeline.json");
        // and a command that could not do its work
        run(written, "test", "--max-failed", "-1", "--timeout-seconds", "0");

        for (Map.Entry<String, JsonNode> e : written.entrySet()) {
            schema.validate(e.getValue()).forEach(p -> problems.add(e.getKey() + ": " + p));
        }
        assertThat(problems).isEmpty();
        List<String> commands = written.values().stream().map(j -> j.path("command").asText()).distinct().toList();
        assertThat(commands).containsExactlyInAnyOrder("version", "selfcheck", "test", "metrics", "browser",
                "ec2 launch", "ec2 list", "ec2 terminate", "deploy", "deploy rollback", "run");
        assertThat(written.values()).allSatisfy(j -> assertThat(j.path("commit").path("id").asText()).isEqualTo(commitId));
        JsonNode error = written.get("test --max-failed -1 --timeout-seconds 0");
        assertThat(error.path("outcome").asText()).isEqualTo("ERROR");
        assertThat(error.path("result").isNull()).isTrue();
        assertThat(error.path("error").path("message").asText()).contains("2 problems");
        assertThat(error.path("error").path("kind").asText()).isEqualTo("BAD_INPUT");
        assertThat(written.get("version").path("task").asText()).as("kept for one release").isEqualTo("version");

        // outside a repository the commit is null
        Path plain = Files.createDirectories(home.resolve("plain"));
        assertThat(SlipwayCli.execute("version", "-C", plain.toString(), "--json", plain.resolve("v.json").toString()))
                .isZero();
        JsonNode outside = Json.MAPPER.readTree(plain.resolve("v.json").toFile());
        assertThat(schema.validate(outside)).isEmpty();
        assertThat(outside.get("commit").isNull()).isTrue();
    }

    private void run(Map<String, JsonNode> written, String... args) throws Exception {
        Path json = ws.resolve("out-" + written.size() + ".json");
        String[] all = concat(args, new String[] {"-C", ws.toString(), "--json", json.toString()});
        int exit = SlipwayCli.execute(all);
        assertThat(json).as(String.join(" ", args) + " (exit code " + exit + ") wrote its --json").isRegularFile();
        written.put(String.join(" ", args).replace(formApp(), "APP"), Json.MAPPER.readTree(json.toFile()));
    }

    private static String formApp() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(FormApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        return "'" + java + "' -cp '" + classes + "' " + FormApp.class.getName() + " {port}";
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
