package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway ec2 ...} end to end against the fake EC2 endpoint, credentials from the SDK's default chain. */
class Ec2CommandTest {
    @TempDir
    Path dir;

    FakeEc2 fake;

    @BeforeEach
    void start() throws IOException {
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

    @Test
    void shouldPrintThePlanOfADryRunAndLaunchNothing() throws IOException {
        fake.running("web", Instant.parse("2026-11-20T10:00:00Z"));
        Path out = dir.resolve("result.json");

        int exit = SlipwayCli.execute("ec2", "launch", "--fleet", "web", "--count", "3", "--ami",
                "ami-0123456789abcdef0", "--subnet", "subnet-aaaaaaaa", "--tag", "team=shop", "--region", "us-east-1",
                "--endpoint", fake.endpoint(), "--credentials", "DEFAULT_CHAIN", "--dry-run", "--json", out.toString(),
                "-C", dir.toString());

        assertThat(exit).isZero();
        JsonNode envelope = Json.MAPPER.readTree(Files.readString(out));
        assertThat(envelope.path("task").asText()).isEqualTo("ec2-launch");
        assertThat(envelope.path("outcome").asText()).isEqualTo("PASSED");
        assertThat(envelope.path("result").path("dryRun").asBoolean()).isTrue();
        assertThat(envelope.path("result").path("plan").toString()).contains("launch 2 x t3.micro");
        assertThat(envelope.path("result").path("hosts")).hasSize(1);
        assertThat(fake.live()).hasSize(1);
        assertThat(fake.authorizations).isNotEmpty().allSatisfy(a -> assertThat(a).contains("Credential=AKIAFAKECHAIN0000001/"));
        assertThat(envelope.path("result").path("report").asText()).isEqualTo("slipway/ec2/index.html");
        assertThat(dir.resolve("slipway/ec2/index.html")).as("the launch's page, in the working directory").isRegularFile();
    }

    /** Runs the CLI and returns its exit code, standard output and standard error. */
    private static String[] run(String... args) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8));
            int exit = SlipwayCli.execute(args);
            return new String[] {Integer.toString(exit), o.toString(java.nio.charset.StandardCharsets.UTF_8),
                e.toString(java.nio.charset.StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void shouldRunAPreviousReleasesRequestFileWithItsAwsAccessAtTheTopLevel() throws IOException {
        fake.running("web", Instant.parse("2026-11-20T10:00:00Z"));
        Path out = dir.resolve("result.json");
        Files.writeString(dir.resolve("launch.json"), "{\"fleet\": \"web\", \"count\": 2, \"ami\": "
                + "\"ami-0123456789abcdef0\", \"subnets\": [\"subnet-aaaaaaaa\"], \"region\": \"eu-west-1\", "
                + "\"endpoint\": \"" + fake.endpoint() + "\", \"credentials\": \"DEFAULT_CHAIN\", \"dryRun\": true}");

        int exit = SlipwayCli.execute("ec2", "launch", "--request", "launch.json", "--json", out.toString(),
                "-C", dir.toString());

        assertThat(exit).isZero();
        JsonNode envelope = Json.MAPPER.readTree(Files.readString(out));
        assertThat(envelope.path("result").path("plan").toString()).contains("launch 1 x t3.micro");
        assertThat(fake.authorizations).isNotEmpty().allSatisfy(a -> assertThat(a)
                .contains("Credential=AKIAFAKECHAIN0000001/").contains("/eu-west-1/ec2/"));
    }

    @Test
    void shouldNameTheCommandLineFlagInThePlanWhenTheFleetHasExtras() {
        fake.running("web", Instant.parse("2026-11-20T10:00:00Z"));
        fake.running("web", Instant.parse("2026-11-20T11:00:00Z"));

        String[] r = run("ec2", "launch", "--fleet", "web", "--count", "1", "--ami", "ami-0123456789abcdef0",
                "--region", "us-east-1", "--endpoint", fake.endpoint(), "--dry-run", "-C", dir.toString());

        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("plan: keep 1 instance(s) beyond count 1 (terminateExtras, --terminate-extras on the"
                + " command line, terminates the oldest)");
    }

    @Test
    void shouldPrintErrorLinesOnStandardError() {
        fake.fullSubnets.add("subnet-default0");

        String[] r = run("ec2", "launch", "--fleet", "web", "--ami", "ami-0123456789abcdef0", "--region", "us-east-1",
                "--endpoint", fake.endpoint(), "--timeout", "5", "-C", dir.toString());

        assertThat(r[0]).isEqualTo("3");
        assertThat(r[2]).contains("ERROR: ", "InsufficientInstanceCapacity");
        assertThat(r[1]).doesNotContain("ERROR:").contains("plan: launch 1 x t3.micro");
    }

    @Test
    void shouldListAndTerminateAFleet() throws IOException {
        FakeEc2.Inst inst = fake.running("web", Instant.now());
        inst.tags.put("slipway:expires-at", "2026-12-01T10:00:00Z");
        String id = inst.id;
        fake.running("api", Instant.now());
        Path listed = dir.resolve("list.json");

        assertThat(SlipwayCli.execute("ec2", "list", "--region", "us-east-1", "--endpoint",
                fake.endpoint(), "--json", listed.toString())).isZero();
        JsonNode hosts = Json.MAPPER.readTree(Files.readString(listed)).path("result").path("hosts");
        assertThat(hosts).hasSize(2);
        assertThat(hosts.get(0).path("instanceId").asText()).isEqualTo(id);
        assertThat(hosts.get(0).path("fleet").asText()).isEqualTo("web");
        assertThat(hosts.get(0).path("expiresAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(hosts.get(1).path("fleet").asText()).isEqualTo("api");
        assertThat(hosts.get(1).path("expiresAt").isNull()).isTrue();

        assertThat(SlipwayCli.execute("ec2", "terminate", "--fleet", "web", "--region", "us-east-1", "--endpoint",
                fake.endpoint())).isZero();
        assertThat(fake.instance(id).state).isEqualTo("shutting-down");
    }

    @Test
    void shouldExitWithTwoOnBadInput() {
        assertThat(SlipwayCli.execute("ec2", "launch", "--fleet", "web", "--count", "500", "--ami",
                "ami-0123456789abcdef0", "--region", "us-east-1", "--endpoint", fake.endpoint())).isEqualTo(2);
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void shouldExitWithThreeWhenEc2Fails() {
        fake.fullSubnets.add("subnet-default0");

        assertThat(SlipwayCli.execute("ec2", "launch", "--fleet", "web", "--ami", "ami-0123456789abcdef0",
                "--region", "us-east-1", "--endpoint", fake.endpoint(), "--timeout", "5")).isEqualTo(3);
        assertThat(fake.instances).isEmpty();
    }
}
