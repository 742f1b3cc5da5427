package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.deploy.DeployRequest;
import io.jenkins.plugins.slipway.engine.deploy.DeployRollbackRequest;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.aws.CredentialsMode;
import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;
import io.jenkins.plugins.slipway.request.ec2.Ec2ListRequest;
import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;
import io.jenkins.plugins.slipway.request.metrics.GateSeverity;
import io.jenkins.plugins.slipway.request.metrics.MetricsGates;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import io.jenkins.plugins.slipway.request.tests.TestsRequest;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI binds each request from its command's option fields, named as the request's keys. */
class RequestsTest {

    @TempDir
    Path dir;

    /** Parses {@code args} into {@code command} as picocli does for a run, and binds its request. */
    private <T> ObjectNode bind(T command, Object defaults, Path requestFile, String... args) throws SlipwayException {
        new CommandLine(command).parseArgs(args);
        return Requests.bind(defaults, command, requestFile, dir);
    }

    @Test
    void shouldNameEveryOptionFieldAsAKeyOfItsTasksRequest() {
        List<String> checked = new ArrayList<>();
        checked.addAll(keysOf(TestCommand.class, io.jenkins.plugins.slipway.request.tests.TestsRequest.class));
        checked.addAll(keysOf(MetricsCommand.class, MetricsRequest.class));
        checked.addAll(keysOf(BrowserCommand.class, io.jenkins.plugins.slipway.request.browser.BrowserRequest.class));
        checked.addAll(keysOf(DeployCommand.class, DeployRequest.class));
        checked.addAll(keysOf(DeployCommand.Rollback.class, DeployRollbackRequest.class));
        checked.addAll(keysOf(Ec2Command.Launch.class, Ec2LaunchRequest.class));
        checked.addAll(keysOf(Ec2Command.Terminate.class, Ec2TerminateRequest.class));
        checked.addAll(keysOf(Ec2Command.ListFleet.class, Ec2ListRequest.class));

        assertThat(checked).hasSizeGreaterThan(120).contains("TestsRequest.minLineCoverage",
                "MetricsGates.maxDuplicatedLinesPercent", "HealthCheck.expectStatus", "LockSettings.breakStaleLockAfterMinutes",
                "DeployRollbackRequest.jumpHost", "AwsConnection.region");
    }

    /**
     * Every option field of {@code command} (through its option groups) is a component of {@code request}: a group
     * with {@code @JsonUnwrapped} adds to the same request, another group is the component of its name.
     */
    private static List<String> keysOf(Class<?> command, Class<?> request) {
        assertThat(command.isAnnotationPresent(RequestOptions.class)).as(command + " binds its fields").isTrue();
        List<String> names = Arrays.stream(request.getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> checked = new ArrayList<>();
        for (Field field : command.getDeclaredFields()) {
            if (field.isAnnotationPresent(JsonIgnore.class)) {
                continue;
            }
            if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                if (field.isAnnotationPresent(JsonUnwrapped.class)) {
                    checked.addAll(keysOf(field.getType(), request));
                } else {
                    assertThat(names).as(command.getSimpleName() + "." + field.getName() + " is a key of "
                            + request.getSimpleName()).contains(field.getName());
                    checked.addAll(keysOf(field.getType(), componentType(request, field.getName())));
                }
            } else if (field.isAnnotationPresent(CommandLine.Option.class)) {
                assertThat(names).as(command.getSimpleName() + "." + field.getName() + " is a key of "
                        + request.getSimpleName()).contains(field.getName());
                checked.add(request.getSimpleName() + "." + field.getName());
            }
        }
        return checked;
    }

    private static Class<?> componentType(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow().getType();
    }

    @Test
    void shouldPutTheGivenOptionsOverTheRequestFileAndTheCommandLinesDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("request.json"),
                "{\"reports\": [\"old/*.xml\"], \"env\": {\"B\": \"2\"}, \"maxFailed\": 3}");

        ObjectNode request = bind(new TestCommand(), new TestCommand.Defaults(), Path.of("request.json"),
                "--reports", "a.xml,b.xml", "--min-line-coverage", "80", "--no-ignore-stale-reports", "-e", "A=1",
                "--exit-code", "0");

        assertThat(request).isEqualTo(Json.MAPPER.readTree("{\"normalisedJUnitXml\": \"\", \"reports\": [\"a.xml\", "
                + "\"b.xml\"], \"env\": {\"B\": \"2\", \"A\": \"1\"}, \"maxFailed\": 3, \"commandExitCode\": 0, "
                + "\"minLineCoverage\": 80.0, \"ignoreStaleReports\": false}"));
        assertThat(Json.read(request, TestsRequest.class, "test").minLineCoverage()).isEqualTo(80.0);
        assertThat(file).exists();
    }

    @Test
    void shouldLeaveTheFilesValueAloneWhenTheOptionIsNotGiven() throws Exception {
        Files.writeString(dir.resolve("request.json"), "{\"normalisedJUnitXml\": \"out/junit.xml\"}");

        ObjectNode request = bind(new TestCommand(), new TestCommand.Defaults(), Path.of("request.json"));

        assertThat(request).isEqualTo(Json.MAPPER.readTree("{\"normalisedJUnitXml\": \"out/junit.xml\"}"));
    }

    @Test
    void shouldBindOptionGroupsAsTheRequestsNestedObjects() throws Exception {
        Files.writeString(dir.resolve("metrics.json"), "{\"gates\": {\"maxViolations\": {\"total\": 99}}}");

        ObjectNode metrics = bind(new MetricsCommand(), null, Path.of("metrics.json"), "--java-rule-sets", "",
                "--max-violations-per1000-lines", "1", "--no-new-high-priority-violations", "--gate-severity", "density=FAILED");

        assertThat(metrics).isEqualTo(Json.MAPPER.readTree("{\"javaRuleSets\": [], \"gates\": {\"maxViolations\": "
                + "{\"total\": 99}, \"maxViolationsPer1000Lines\": 1.0, \"noNewHighPriorityViolations\": true, "
                + "\"severity\": {\"density\": \"FAILED\"}}}"));
        assertThat(Json.read(metrics, MetricsRequest.class, "metrics").gates().maxViolations()).containsEntry("total", 99);
    }

    @Test
    void shouldBindTheSharedConnectionOptionsAtTheTopLevelOfTheDeployRequest() throws Exception {
        ObjectNode deploy = bind(new DeployCommand(), null, null, "--host-list", "deployer@127.0.0.1:2222", "--jump-host",
                "bastion@127.0.0.1:2200", "--base-dir", "/srv/app", "--artifact", "app.tgz", "--release-id", "1-a",
                "--health-url", "http://{host}:8080/health", "--health-retries", "2", "--break-stale-lock-after-minutes", "30",
                "--key-file", "id_ed25519");

        assertThat(deploy).isEqualTo(Json.MAPPER.readTree("{\"hosts\": [\"deployer@127.0.0.1:2222\"], \"jumpHost\": "
                + "\"bastion@127.0.0.1:2200\", \"baseDir\": \"/srv/app\", \"lock\": {\"breakStaleLockAfterMinutes\": 30},"
                + " \"artifact\": \"app.tgz\", \"releaseId\": \"1-a\", \"healthCheck\": {\"url\": "
                + "\"http://{host}:8080/health\", \"retries\": 2}}"));
        DeployRequest typed = Json.read(deploy, DeployRequest.class, "deploy");
        assertThat(typed.jumpHost().user()).isEqualTo("bastion");
        assertThat(typed.jumpHost().port()).isEqualTo(2200);
        assertThat(typed.healthCheck().retries()).isEqualTo(2);
    }

    @Test
    void shouldTakeTheBuildIdFromJenkinsOnlyWhenNeitherTheFileNorAnOptionGivesOne() throws Exception {
        Files.writeString(dir.resolve("launch.json"), "{\"buildId\": \"from-file\", \"fleet\": \"web\"}");
        Ec2Command.Launch.Defaults defaults = new Ec2Command.Launch.Defaults();

        JsonNode fromFile = bind(new Ec2Command.Launch(), defaults, Path.of("launch.json"), "--count", "2");
        JsonNode fromOption = bind(new Ec2Command.Launch(), defaults, Path.of("launch.json"), "--build-id", "cli");

        assertThat(fromFile).isEqualTo(Json.MAPPER.readTree("{\"buildId\": \"from-file\", \"fleet\": \"web\", \"count\": 2}"));
        assertThat(fromOption.path("buildId").asText()).isEqualTo("cli");
        assertThat(Json.MAPPER.valueToTree(defaults).path("buildId").isMissingNode())
                .isEqualTo(System.getenv("BUILD_TAG") == null);
    }

    @Test
    void shouldStillBindAPreviousReleasesFlatAwsAccessWithTheOptionsOverIt() throws Exception {
        // the previous release's shape: the AWS access at the top level of the request
        Files.writeString(dir.resolve("launch.json"), "{\"fleet\": \"web\", \"ami\": \"ami-0123456789abcdef0\","
                + " \"region\": \"eu-west-1\", \"endpoint\": \"http://127.0.0.1:4566\", \"credentials\": \"keys\","
                + " \"roleArn\": \"arn:aws:iam::123456789012:role/deployer\", \"externalId\": \"ext-1\"}");
        Files.writeString(dir.resolve("terminate.json"), "{\"fleet\": \"web\", \"region\": \"eu-west-1\"}");

        Ec2LaunchRequest asSaved = Json.read(bind(new Ec2Command.Launch(), null, Path.of("launch.json")),
                Ec2LaunchRequest.class, "ec2-launch");
        ObjectNode overridden = bind(new Ec2Command.Launch(), null, Path.of("launch.json"), "--region", "us-east-1",
                "--credentials", "DEFAULT_CHAIN");
        Ec2TerminateRequest terminate = Json.read(bind(new Ec2Command.Terminate(), null, Path.of("terminate.json"),
                "--endpoint", "http://127.0.0.1:4566"), Ec2TerminateRequest.class, "ec2-terminate");

        assertThat(asSaved.aws()).isEqualTo(new AwsConnection("eu-west-1", "http://127.0.0.1:4566", CredentialsMode.KEYS,
                "arn:aws:iam::123456789012:role/deployer", "ext-1"));
        assertThat(overridden.path("aws")).as("the options are the request's group aws")
                .isEqualTo(Json.MAPPER.readTree("{\"region\": \"us-east-1\", \"credentials\": \"DEFAULT_CHAIN\"}"));
        assertThat(Json.read(overridden, Ec2LaunchRequest.class, "ec2-launch").aws()).as("an option over the file's key")
                .isEqualTo(new AwsConnection("us-east-1", "http://127.0.0.1:4566", CredentialsMode.DEFAULT_CHAIN,
                        "arn:aws:iam::123456789012:role/deployer", "ext-1"));
        assertThat(terminate.aws()).isEqualTo(new AwsConnection("eu-west-1", "http://127.0.0.1:4566", null, null, null));
        assertThatThrownBy(() -> Json.read(Json.MAPPER.readTree("{\"fleet\": \"web\", \"region\": \"mars\"}"),
                Ec2TerminateRequest.class, "ec2-terminate")).hasMessageContaining("region: 'mars' is not an AWS region");
    }

    @Test
    void shouldBindAPreviousReleasesMetricsRequestFileAsBefore() throws Exception {
        Files.writeString(dir.resolve("metrics.json"), "{\"sourceRoots\": [\"src\"], \"javaRuleSets\": [],"
                + " \"analysers\": [\"pmd\"], \"cpdMinimumTokens\": 60, \"trustRepositoryConfig\": true,"
                + " \"gates\": {\"maxViolations\": {\"1\": 0, \"total\": 99}, \"minLineCoverage\": 70.0,"
                + " \"noNewHighPriorityViolations\": true, \"severity\": {\"density\": \"FAILED\"}}}");

        MetricsRequest request = Json.read(bind(new MetricsCommand(), null, Path.of("metrics.json"),
                "--max-coverage-drop", "1.5"), MetricsRequest.class, "metrics");

        assertThat(request).isEqualTo(new MetricsRequest(List.of("src"), null, null, List.of(), null, null, 60, null,
                null, null, null, new MetricsGates(Map.of("1", 0, "total", 99), null, 70.0, null, true, 1.5,
                        Map.of("density", GateSeverity.FAILED)), null, List.of("pmd"), null, true));
    }

    @Test
    void shouldSayWhatIsWrongWithTheRequestFile() throws Exception {
        Files.writeString(dir.resolve("list.json"), "[1, 2]");
        Files.writeString(dir.resolve("broken.json"), "{\"reports\": ");

        assertThatThrownBy(() -> bind(new TestCommand(), null, Path.of("list.json")))
                .hasMessageContaining("list.json must hold a JSON object");
        assertThatThrownBy(() -> bind(new TestCommand(), null, Path.of("broken.json")))
                .hasMessageContaining("Cannot read --request " + dir.resolve("broken.json"));
        assertThatThrownBy(() -> bind(new TestCommand(), null, Path.of("missing.json")))
                .isInstanceOf(SlipwayException.class).hasMessageContaining("missing.json");
    }
}
