package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
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
                "SshTarget.jumpHost", "Rollout.batch", "DeployRollbackRequest.afterSwitch", "AwsConnection.region");
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
    void shouldBindTheSharedOptionsIntoTheDeployRequestsTargetAndRolloutGroups() throws Exception {
        ObjectNode deploy = bind(new DeployCommand(), null, null, "--host-list", "deployer@127.0.0.1:2222", "--jump-host",
                "bastion@127.0.0.1:2200", "--base-dir", "/srv/app", "--artifact", "app.tgz", "--release-id", "1-a",
                "--health-url", "http://{host}:8080/health", "--health-retries", "2", "--break-stale-lock-after-minutes", "30",
                "--key-file", "id_ed25519");

        assertThat(deploy).isEqualTo(Json.MAPPER.readTree("{\"target\": {\"hosts\": [\"deployer@127.0.0.1:2222\"], \"jumpHost\": "
                + "\"bastion@127.0.0.1:2200\", \"baseDir\": \"/srv/app\"}, \"rollout\": {\"lock\": {\"breakStaleLockAfterMinutes\": 30}},"
                + " \"artifact\": \"app.tgz\", \"releaseId\": \"1-a\", \"healthCheck\": {\"url\": "
                + "\"http://{host}:8080/health\", \"retries\": 2}}"));
        DeployRequest typed = Json.read(deploy, DeployRequest.class, "deploy");
        assertThat(typed.target().jumpHost().user()).isEqualTo("bastion");
        assertThat(typed.target().jumpHost().port()).isEqualTo(2200);
        assertThat(typed.healthCheck().retries()).isEqualTo(2);
    }

    /** A deploy request file as the previous release wrote it: every parameter at the top level. */
    private static final String FLAT_DEPLOY = "{\"hosts\": [{\"name\": \"web1\", \"host\": \"127.0.0.1\", \"port\": 2201,"
            + " \"instanceId\": \"i-0abc\"}, \"deploy@127.0.0.1:2202\"], \"user\": \"app\", \"jumpHost\": \"bastion@127.0.0.1:2200\","
            + " \"acceptNew\": true, \"baseDir\": \"/srv/app\", \"connectTimeoutSeconds\": 9, \"artifact\": \"app.tgz\","
            + " \"releaseId\": \"1-a\", \"afterSwitch\": [\"./restart.sh\"], \"batch\": \"50%\", \"parallelism\": 3,"
            + " \"dryRun\": true, \"report\": \"out/deploy.html\", \"lock\": {\"breakStaleLockAfterMinutes\": 30},"
            + " \"traffic\": {\"haproxy\": {\"address\": \"127.0.0.1:9999\", \"backend\": \"shop\"}, \"drainTimeoutSeconds\": 5},"
            + " \"healthCheck\": {\"url\": \"http://{host}:8080/health\"}, \"maxFailedHosts\": 1}";

    /** The same request in the grouped shape the engine reads now. */
    private static final String GROUPED_DEPLOY = "{\"target\": {\"hosts\": [{\"name\": \"web1\", \"host\": \"127.0.0.1\","
            + " \"port\": 2201, \"instanceId\": \"i-0abc\"}, \"deploy@127.0.0.1:2202\"], \"user\": \"app\","
            + " \"jumpHost\": \"bastion@127.0.0.1:2200\", \"acceptNew\": true, \"baseDir\": \"/srv/app\","
            + " \"connectTimeoutSeconds\": 9}, \"rollout\": {\"batch\": \"50%\", \"parallelism\": 3, \"dryRun\": true,"
            + " \"report\": \"out/deploy.html\", \"lock\": {\"breakStaleLockAfterMinutes\": 30}, \"traffic\": {\"haproxy\":"
            + " {\"address\": \"127.0.0.1:9999\", \"backend\": \"shop\"}, \"drainTimeoutSeconds\": 5}}, \"artifact\": \"app.tgz\","
            + " \"releaseId\": \"1-a\", \"afterSwitch\": [\"./restart.sh\"], \"healthCheck\": {\"url\": \"http://{host}:8080/health\"},"
            + " \"maxFailedHosts\": 1}";

    @Test
    void shouldReadADeployRequestFileOfThePreviousReleaseAsTheSameRequestAsAGroupedOne() throws Exception {
        Files.writeString(dir.resolve("flat.json"), FLAT_DEPLOY);
        Files.writeString(dir.resolve("grouped.json"), GROUPED_DEPLOY);

        DeployRequest flat = Json.read(bindDeploy(new DeployCommand(), "flat.json"), DeployRequest.class, "deploy");
        DeployRequest grouped = Json.read(bindDeploy(new DeployCommand(), "grouped.json"), DeployRequest.class, "deploy");

        assertThat(flat).isEqualTo(grouped);
        assertThat(flat.target().hosts()).extracting(h -> h.name() + " " + h.user() + "@" + h.port())
                .containsExactly("web1 app@2201", "127.0.0.1:2202 deploy@2202");
        assertThat(flat.target().jumpHost().host()).isEqualTo("127.0.0.1");
        assertThat(flat.target().connectTimeoutSeconds()).isEqualTo(9);
        assertThat(flat.rollout().batch()).isEqualTo("50%");
        assertThat(flat.rollout().workers()).isEqualTo(3);
        assertThat(flat.rollout().lock().breakStaleLockAfterMinutes()).isEqualTo(30);
        assertThat(flat.rollout().traffic().haproxy().backend()).isEqualTo("shop");
        assertThat(flat.rollout().report()).isEqualTo("out/deploy.html");
        assertThat(flat.afterSwitch()).containsExactly("./restart.sh");
        // the engine's own reader (the bridge, a pipeline's stage, a test) reads the flat shape the same way
        assertThat(Json.read(Json.MAPPER.readTree(FLAT_DEPLOY), DeployRequest.class, "deploy")).isEqualTo(grouped);
    }

    @Test
    void shouldPutTheGivenOptionsOverAFlatRequestFilesValues() throws Exception {
        Files.writeString(dir.resolve("flat.json"), FLAT_DEPLOY);
        Files.writeString(dir.resolve("rollback.json"), "{\"hosts\": [\"deploy@127.0.0.1:2202\"], \"baseDir\": \"/srv/app\","
                + " \"to\": \"0-a\", \"batch\": \"50%\", \"parallelism\": 2, \"afterSwitch\": [\"./restart.sh\"]}");

        DeployRequest request = Json.read(bindDeploy(new DeployCommand(), "flat.json", "--user", "ops", "--batch", "2",
                "--drain-timeout-seconds", "7"), DeployRequest.class, "deploy");
        DeployRollbackRequest rollback = Json.read(bindDeploy(new DeployCommand.Rollback(), "rollback.json",
                "--rollback-to", "0-z", "--parallelism", "4"), DeployRollbackRequest.class, "deploy-rollback");

        assertThat(request.target().user()).isEqualTo("ops");
        assertThat(request.target().hosts()).extracting(h -> h.user()).containsExactly("ops", "deploy");
        assertThat(request.rollout().batch()).isEqualTo("2");
        assertThat(request.rollout().traffic().drainTimeoutSeconds()).isEqualTo(7);
        assertThat(request.rollout().traffic().haproxy().backend()).isEqualTo("shop");
        assertThat(rollback.to()).isEqualTo("0-z");
        assertThat(rollback.rollout().workers()).isEqualTo(4);
        assertThat(rollback.target().baseDir()).isEqualTo("/srv/app");
        assertThat(rollback.rollout().batch()).isEqualTo("50%");
        assertThat(rollback.afterSwitch()).containsExactly("./restart.sh");
    }

    private ObjectNode bindDeploy(Object command, String requestFile, String... args) throws SlipwayException {
        new CommandLine(command).parseArgs(args);
        Class<?> type = command instanceof DeployCommand ? DeployRequest.class : DeployRollbackRequest.class;
        return Requests.bind(command, Path.of(requestFile), dir, type);
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
