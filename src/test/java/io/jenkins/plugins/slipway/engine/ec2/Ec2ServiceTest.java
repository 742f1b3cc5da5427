package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2TerminateRequest;

import io.jenkins.plugins.slipway.request.ec2.Ec2ListRequest;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import io.jenkins.plugins.slipway.request.ec2.AddressType;

import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.aws.CredentialsMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ec2ServiceTest {
    static final Waits FAST = new Waits(Duration.ofMillis(5), 1.5, Duration.ofMillis(40), Duration.ofMillis(500),
            Duration.ofMillis(200));
    static final String KEY_ID = "AKIAFAKEKEY000000001";
    static final String SECRET = "fake/secret/key/0123456789abcdefghijklmnop";

    @TempDir
    Path workDir;

    FakeEc2 fake;
    ServerSocket sshd;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final Ec2Service service = new Ec2Service(FAST);

    @BeforeEach
    void start() throws IOException {
        fake = new FakeEc2();
        sshd = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        fake.close();
        sshd.close();
    }

    TaskContext context() {
        Secrets secrets = Secrets.of(Map.of(Ec2Session.ACCESS_KEY, KEY_ID, Ec2Session.SECRET_KEY, SECRET));
        return new TaskContext(Log.console(new PrintStream(logged, true, StandardCharsets.UTF_8), "[ec2] ", true,
                secrets), secrets, workDir);
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** A launch request as a pipeline would send it, read through the same JSON path as the engine. */
    Ec2LaunchRequest launch(Object... overrides) throws SlipwayException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("fleet", "web");
        json.put("count", 2);
        json.put("ami", "ami-0123456789abcdef0");
        json.putArray("subnets").add("subnet-aaaaaaaa");
        json.put("region", "us-east-1");
        json.put("endpoint", fake.endpoint());
        json.put("credentials", "KEYS");
        json.put("sshPort", sshd.getLocalPort());
        json.put("timeoutSeconds", 30);
        json.put("buildId", "shop/main#42");
        for (int i = 0; i < overrides.length; i += 2) {
            json.set((String) overrides[i], Json.MAPPER.valueToTree(overrides[i + 1]));
        }
        return Json.read(json, Ec2LaunchRequest.class, "ec2-launch");
    }

    @Test
    void shouldSignForTheRequestedRegionAndGetHostsInItsZones() throws Exception {
        Ec2Result result = service.launch(launch("region", "eu-west-1"), context());

        assertThat(List.copyOf(fake.authorizations)).isNotEmpty().allSatisfy(a -> assertThat(a).contains("/eu-west-1/ec2/"));
        assertThat(result.hosts()).hasSize(2)
                .allSatisfy(h -> assertThat(h.availabilityZone()).matches("eu-west-1[a-c]"));
    }

    @Test
    void shouldLaunchTheMissingInstancesAndLaunchNothingWhenRunAgain() throws Exception {
        Ec2Result first = service.launch(launch(), context());

        assertThat(first.launched()).hasSize(2);
        assertThat(first.reused()).isEmpty();
        assertThat(first.hosts()).hasSize(2).allSatisfy(h -> {
            assertThat(h.host()).isEqualTo("127.0.0.1");
            assertThat(h.port()).isEqualTo(sshd.getLocalPort());
            assertThat(h.user()).isEqualTo("ec2-user");
            assertThat(h.state()).isEqualTo("running");
            assertThat(h.launched()).isTrue();
            assertThat(h.hostKeyFingerprints()).containsExactly(fake.fingerprint(h.instanceId()));
            assertThat(h.privateIp()).startsWith("10.0.");
            assertThat(h.availabilityZone()).startsWith("us-east-1");
        });
        assertThat(first.phaseMillis()).containsKeys("ami", "describe", "launch", "running", "ssh-port", "host-keys");
        assertThat(log()).contains("waiting for 2 instance(s) to be running", "running: 2/2",
                "SSH port open: 2/2", "host keys: 2/2", "(launched, us-east-1");

        Ec2Result second = service.launch(launch("buildId", "shop/main#43"), context());

        assertThat(second.launched()).isEmpty();
        assertThat(second.reused()).containsExactlyElementsOf(first.launched());
        assertThat(second.hosts()).extracting(Ec2Host::launched).containsOnly(false);
        assertThat(second.plan()).contains("launch nothing: 2 of 2 wanted instance(s) exist");
        assertThat(fake.calls("RunInstances")).hasSize(1);
        assertThat(fake.live()).hasSize(2);
    }

    @Test
    void shouldScaleUpByLaunchingOnlyTheMissingInstancesInOneCall() throws Exception {
        fake.running("web", Instant.parse("2026-11-20T10:00:00Z"));
        fake.running("web", Instant.parse("2026-11-21T10:00:00Z"));
        fake.running("other-fleet", Instant.parse("2026-11-21T10:00:00Z"));

        Ec2Result result = service.launch(launch("count", 5), context());

        assertThat(result.reused()).hasSize(2);
        assertThat(result.launched()).hasSize(3);
        assertThat(result.hosts()).hasSize(5);
        assertThat(fake.calls("RunInstances")).singleElement().satisfies(run -> {
            assertThat(run).containsEntry("MinCount", "3").containsEntry("MaxCount", "3");
        });
        assertThat(fake.live()).hasSize(6);
    }

    @Test
    void shouldTerminateTheOldestExtrasWhenScalingDown() throws Exception {
        String oldest = fake.running("web", Instant.parse("2026-11-19T10:00:00Z")).id;
        String middle = fake.running("web", Instant.parse("2026-11-20T10:00:00Z")).id;
        String newest = fake.running("web", Instant.parse("2026-11-21T10:00:00Z")).id;

        Ec2Result kept = service.launch(launch("count", 1), context());
        assertThat(kept.terminated()).isEmpty();
        assertThat(kept.plan()).contains("keep 2 instance(s) beyond count 1 (terminateExtras, --terminate-extras on the command line, terminates the oldest)");
        assertThat(fake.calls("TerminateInstances")).isEmpty();

        Ec2Result result = service.launch(launch("count", 1, "terminateExtras", true), context());

        assertThat(result.terminated()).containsExactly(oldest, middle);
        assertThat(result.reused()).containsExactly(newest);
        assertThat(result.launched()).isEmpty();
        assertThat(fake.instance(oldest).state).isEqualTo("shutting-down");
        assertThat(fake.instance(middle).state).isEqualTo("shutting-down");
        assertThat(fake.instance(newest).state).isEqualTo("running");
        assertThat(fake.calls("RunInstances")).isEmpty();
    }

    @Test
    void shouldFallBackToTheNextSubnetOnInsufficientCapacity() throws Exception {
        fake.fullSubnets.add("subnet-aaaaaaaa");

        Ec2Result result = service.launch(launch("subnets", List.of("subnet-aaaaaaaa", "subnet-bbbbbbbb")), context());

        assertThat(result.hosts()).extracting(Ec2Host::subnetId).containsOnly("subnet-bbbbbbbb");
        List<Map<String, String>> runs = fake.calls("RunInstances");
        assertThat(runs.get(runs.size() - 1)).containsEntry("SubnetId", "subnet-bbbbbbbb");
        assertThat(runs).extracting(r -> r.get("SubnetId")).contains("subnet-aaaaaaaa");
        assertThat(log()).contains("no capacity in subnet-aaaaaaaa (InsufficientInstanceCapacity)");
    }

    @Test
    void shouldNameEverySubnetAndTheAwsCodeWhenNoSubnetHasCapacity() throws Exception {
        fake.fullSubnets.add("subnet-aaaaaaaa");

        assertThatThrownBy(() -> service.launch(launch(), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorCode()).isEqualTo("InsufficientInstanceCapacity");
                    assertThat(e.kind()).isEqualTo(SlipwayException.Kind.ENVIRONMENT);
                })
                .hasMessageContaining("No capacity for 2 x t3.micro from ami-0123456789abcdef0 in [subnet-aaaaaaaa]")
                .hasMessageContaining("InsufficientInstanceCapacity");
        assertThat(fake.instances).isEmpty();
    }

    @Test
    void shouldFallBackFromSpotToOnDemand() throws Exception {
        fake.noSpotCapacity = true;

        Ec2Result result = service.launch(launch("spot", true, "count", 1), context());

        assertThat(result.hosts()).singleElement().satisfies(h -> assertThat(h.spot()).isFalse());
        List<Map<String, String>> runs = fake.calls("RunInstances");
        assertThat(runs.get(0)).containsEntry("InstanceMarketOptions.MarketType", "spot");
        assertThat(runs.get(runs.size() - 1)).doesNotContainKey("InstanceMarketOptions.MarketType");
    }

    @Test
    void shouldRetryThrottledCalls() throws Exception {
        fake.fail("DescribeInstances", "RequestLimitExceeded", 503, 2);
        fake.fail("RunInstances", "RequestLimitExceeded", 503, 1);

        Ec2Result result = service.launch(launch(), context());

        assertThat(result.launched()).hasSize(2);
        assertThat(fake.calls("RunInstances")).hasSize(2);
        assertThat(fake.live()).hasSize(2);
    }

    @Test
    void shouldNeverLaunchTwiceWhenRunInstancesIsRetriedAfterTakingEffect() throws Exception {
        fake.failAfterEffect("RunInstances", "InternalError", 500);

        Ec2Result result = service.launch(launch(), context());

        List<Map<String, String>> runs = fake.calls("RunInstances");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("ClientToken")).startsWith("slipway-").isEqualTo(runs.get(1).get("ClientToken"));
        assertThat(fake.instances).hasSize(2);
        assertThat(result.launched()).containsExactlyInAnyOrderElementsOf(fake.instances.keySet());
    }

    @Test
    void shouldLaunchAgainWhenTheTokenBelongsToInstancesThatWereTerminated() throws Exception {
        // the same build launches, fails and cleans up, then is retried: the same token must not revive nothing
        Ec2Result first = service.launch(launch(), context());
        service.terminate(new Ec2TerminateRequest("web", null, null, null, null, null, new AwsConnection("us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null), null), context());
        for (String id : first.launched()) {
            fake.instance(id).state = "terminated";
        }

        Ec2Result again = service.launch(launch(), context());

        assertThat(again.launched()).hasSize(2).doesNotContainAnyElementsOf(first.launched());
        assertThat(fake.live()).hasSize(2);
    }

    @Test
    void shouldWaitWhileNewInstancesAreNotYetVisible() throws Exception {
        fake.invisiblePolls = 2;

        Ec2Result result = service.launch(launch("count", 1), context());

        assertThat(result.hosts()).singleElement().satisfies(h -> assertThat(h.state()).isEqualTo("running"));
    }

    @Test
    void shouldTerminateWhatItLaunchedOnTimeoutButKeepReusedInstances() throws Exception {
        String reused = fake.running("web", Instant.parse("2026-11-20T10:00:00Z")).id;
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }

        assertThatThrownBy(() -> service.launch(launch("count", 3, "sshPort", closedPort, "timeoutSeconds", 1),
                context()))
                .isInstanceOf(Ec2Exception.class)
                .hasMessageContaining("Timed out after 1 s waiting for SSH port " + closedPort)
                .hasMessageContaining("Raise timeoutSeconds");

        assertThat(fake.instance(reused).state).isEqualTo("running");
        assertThat(fake.instances.values()).filteredOn(i -> !i.id.equals(reused)).hasSize(2)
                .allSatisfy(i -> assertThat(i.state).isEqualTo("shutting-down"));
        assertThat(fake.calls("TerminateInstances")).singleElement()
                .satisfies(call -> assertThat(call).doesNotContainValue(reused));
        assertThat(log()).contains("the launch failed; terminated the instance(s) this call launched");
    }

    @Test
    void shouldKeepWhatItLaunchedOnFailureWhenAsked() throws Exception {
        fake.printHostKeys = false;

        assertThatThrownBy(() -> service.launch(launch("timeoutSeconds", 1, "keepOnFailure", true), context()))
                .isInstanceOf(Ec2Exception.class)
                .hasMessageContaining("SSH host key fingerprints in the console output");

        assertThat(fake.live()).hasSize(2);
        assertThat(fake.calls("TerminateInstances")).isEmpty();
        assertThat(log()).contains("keeping", "keepOnFailure", "slipway ec2 terminate --fleet web");
    }

    @Test
    void shouldReturnHostsWithoutFingerprintsOnBestEffort() throws Exception {
        fake.printHostKeys = false;

        Ec2Result result = service.launch(launch("count", 1, "hostKeys", "BEST_EFFORT"), context());

        assertThat(result.hosts()).singleElement().satisfies(h -> assertThat(h.hostKeyFingerprints()).isEmpty());
        assertThat(fake.calls("GetConsoleOutput").size()).isGreaterThan(1);
        assertThat(log()).contains("no SSH host key fingerprints in the console output of [i-");
    }

    @Test
    void shouldWaitForTheConsoleAndFallBackFromTheLiveConsoleWhereUnsupported() throws Exception {
        fake.blankConsoleCalls = 2;
        fake.liveConsoleUnsupported = true;

        Ec2Result result = service.launch(launch("count", 1), context());

        String id = result.launched().get(0);
        assertThat(result.hosts().get(0).hostKeyFingerprints()).containsExactly(fake.fingerprint(id));
        List<Map<String, String>> reads = fake.calls("GetConsoleOutput");
        assertThat(reads.get(0)).containsEntry("Latest", "true");
        assertThat(reads.get(reads.size() - 1)).doesNotContainKey("Latest");
    }

    @Test
    void shouldTerminateWhatItLaunchedWhenAbortedWhileWaiting() throws Exception {
        fake.pendingPolls = Integer.MAX_VALUE;
        CountDownLatch waiting = new CountDownLatch(3);
        fake.onDescribeById = waiting::countDown;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Ec2LaunchRequest request = launch();
        Thread build = new Thread(() -> {
            try {
                service.launch(request, context());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        build.start();
        assertThat(waiting.await(20, TimeUnit.SECONDS)).as("the launch reached the running phase").isTrue();

        build.interrupt();
        build.join(20_000);

        assertThat(build.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(fake.instances.values()).hasSize(2).allSatisfy(i -> assertThat(i.state).isEqualTo("shutting-down"));
        assertThat(log()).contains("the build was aborted; terminated the instance(s) this call launched");
    }

    @Test
    void shouldLaunchNothingOnDryRunButCheckThePermissions() throws Exception {
        Ec2Result result = service.launch(launch("dryRun", true), context());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.launched()).isEmpty();
        assertThat(result.plan()).anySatisfy(line -> assertThat(line)
                .startsWith("launch 2 x t3.micro from ami-0123456789abcdef0 in subnet-aaaaaaaa"));
        assertThat(fake.calls("RunInstances")).singleElement()
                .satisfies(call -> assertThat(call).containsEntry("DryRun", "true"));
        assertThat(fake.instances).isEmpty();
        assertThat(result.summary()).isEqualTo("dry run: fleet web: would reuse 0, launch 2, terminate 0 instance(s)");
        assertThat(log()).contains("plan: launch 2 x t3.micro", "dry run: EC2 would allow RunInstances");
    }

    @Test
    void shouldFailADryRunThatEc2WouldRefuse() throws Exception {
        fake.fail("RunInstances", "UnauthorizedOperation", 403, 1);

        assertThatThrownBy(() -> service.launch(launch("dryRun", true), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.awsErrorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT);
                })
                .hasMessageContaining("RunInstances of 2 x t3.micro from ami-0123456789abcdef0 in subnet-aaaaaaaa")
                .hasMessageContaining("IAM policy");
    }

    @Test
    void shouldRequireImdsV2AndEncryptTheRootVolume() throws Exception {
        service.launch(launch("count", 1, "rootVolumeGb", 20, "userData", "#cloud-config\npackages: [nginx]\n",
                "securityGroups", List.of("sg-0123456789abcdef0"), "keyName", "deploy", "instanceProfile", "web-role",
                "tags", Map.of("team", "shop"), "ttlMinutes", 90), context());

        Map<String, String> run = fake.calls("RunInstances").get(0);
        assertThat(run)
                .containsEntry("MetadataOptions.HttpTokens", "required")
                .containsEntry("MetadataOptions.HttpEndpoint", "enabled")
                .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                .containsEntry("BlockDeviceMapping.1.Ebs.Encrypted", "true")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeType", "gp3")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", "20")
                .containsEntry("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true")
                .containsEntry("SecurityGroupId.1", "sg-0123456789abcdef0")
                .containsEntry("KeyName", "deploy")
                .containsEntry("IamInstanceProfile.Name", "web-role")
                .containsEntry("InstanceInitiatedShutdownBehavior", "terminate")
                .containsEntry("TagSpecification.1.ResourceType", "instance")
                .containsEntry("TagSpecification.2.ResourceType", "volume");
        assertThat(new String(Base64.getDecoder().decode(run.get("UserData")), StandardCharsets.UTF_8))
                .isEqualTo("#cloud-config\npackages: [nginx]\n");
        FakeEc2.Inst inst = fake.instances.values().iterator().next();
        assertThat(inst.tags).containsEntry("slipway:fleet", "web").containsEntry("team", "shop")
                .containsEntry("slipway:build", "shop/main#42").containsKey("slipway:expires-at");
        assertThat(Instant.parse(inst.tags.get("slipway:expires-at"))).isAfter(Instant.now().plusSeconds(80 * 60));
    }

    @Test
    void shouldTakeTheRootVolumeSizeAndSnapshotFromTheAmiWhenNoSizeIsGiven() throws Exception {
        Ec2Result result = service.launch(launch("count", 1), context());

        assertThat(result.launched()).hasSize(1);
        assertThat(fake.calls("RunInstances").get(0))
                .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                .containsEntry("BlockDeviceMapping.1.Ebs.SnapshotId", FakeEc2.ROOT_SNAPSHOT)
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeSize", Integer.toString(FakeEc2.ROOT_GB))
                .containsEntry("BlockDeviceMapping.1.Ebs.Encrypted", "true")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeType", "gp3");
        assertThat(log()).contains("root volume /dev/xvda gp3 encrypted 8 GiB from " + FakeEc2.ROOT_SNAPSHOT);
    }

    @Test
    void shouldRefuseARootVolumeSmallerThanTheAmisBeforeCallingRunInstances() {
        assertThatThrownBy(() -> service.launch(launch("count", 1, "rootVolumeGb", 4), context()))
                .isInstanceOf(Ec2Exception.class)
                .hasMessageContaining("rootVolumeGb 4 is smaller than the root volume of AMI ami-0123456789abcdef0 (8 GiB)");
        assertThat(fake.calls("RunInstances")).isEmpty();
    }

    @Test
    void shouldWordARefusedRequestShapeByWhatWasSentNotAsWrongInput() throws Exception {
        try (Ec2Session session = Ec2Session.open(launch().aws(), context().secrets(), "test")) {
            // the shape the launch used to send without rootVolumeGb: a root mapping with neither size nor snapshot
            assertThatThrownBy(() -> AwsCalls.call("RunInstances (sent: root volume /dev/xvda gp3 encrypted)",
                    () -> session.ec2().runInstances(r -> r.imageId("ami-0123456789abcdef0").instanceType("t3.micro")
                            .minCount(1).maxCount(1).blockDeviceMappings(b -> b.deviceName("/dev/xvda")
                                    .ebs(e -> e.encrypted(true).volumeType("gp3"))))))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.kind()).isEqualTo(SlipwayException.Kind.ENVIRONMENT);
                        assertThat(e.awsErrorCode()).isEqualTo("MissingParameter");
                    })
                    .hasMessageContaining("(sent: root volume /dev/xvda gp3 encrypted) failed: EC2 refused the request as Slipway sent it")
                    .hasMessageContaining("size or snapshotId")
                    .hasMessageNotContaining("Fix the parameter");
        }
    }

    @Test
    void shouldNameTheHttpStatusWhenAProxyAnswersWithoutAnAwsErrorBody() {
        fake.failRaw("DescribeImages", 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", 5);

        assertThatThrownBy(() -> service.launch(launch("count", 1), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.kind()).isEqualTo(SlipwayException.Kind.ENVIRONMENT))
                .hasMessageContaining("DescribeImages ami-0123456789abcdef0 failed: HTTP 502 without an AWS error code")
                .hasMessageContaining("Status Code: 502")
                .hasMessageNotContaining("AWS error null")
                .hasMessageNotContaining("request id null");
        assertThat(fake.calls("DescribeImages")).hasSize(5); // the SDK retried every attempt
    }

    @Test
    void shouldMakeTheSameNumberOfApiCallsForOneAndTwentyInstances() throws Exception {
        Map<String, Long> one = callsToLaunch(1);
        Map<String, Long> twenty = callsToLaunch(20);

        assertThat(one.get("GetConsoleOutput")).isEqualTo(1);
        assertThat(twenty.get("GetConsoleOutput")).isEqualTo(20); // EC2 has no batched console read
        one.remove("GetConsoleOutput");
        twenty.remove("GetConsoleOutput");
        assertThat(twenty).isEqualTo(one);
        assertThat(one).containsEntry("RunInstances", 1L);
    }

    private Map<String, Long> callsToLaunch(int count) throws Exception {
        try (FakeEc2 own = new FakeEc2()) {
            own.pendingPolls = 3;
            Ec2LaunchRequest request = launch("count", count, "endpoint", own.endpoint(), "waitStatusOk", true);
            Ec2Result result = service.launch(request, context());
            assertThat(result.hosts()).hasSize(count);
            return new java.util.TreeMap<>(own.callCounts());
        }
    }

    @Test
    void shouldPickTheNewestImageMatchingTheNameFilter() throws Exception {
        fake.images.add(new FakeEc2.Img("ami-0fedcba9876543210", "al2023-ami-2023.6.20261115.0-kernel-6.1-x86_64",
                "137112412989", "2026-11-15T10:00:00.000Z"));
        fake.images.add(new FakeEc2.Img("ami-0aaaaaaaaaaaaaaaa", "ubuntu-noble-24.04-amd64-server-20261120",
                "099720109477", "2026-11-20T10:00:00.000Z"));

        Ec2Result result = service.launch(launch("ami", null, "amiName", "al2023-ami-2023.*-x86_64",
                "amiOwners", List.of("137112412989"), "count", 1), context());

        assertThat(result.ami()).isEqualTo("ami-0fedcba9876543210");
        assertThat(fake.calls("RunInstances").get(0)).containsEntry("ImageId", "ami-0fedcba9876543210");
        assertThat(fake.calls("DescribeImages").get(0)).containsEntry("Owner.1", "137112412989");
    }

    @Test
    void shouldLogInAsTheUserOfTheAmisPublisherAndRequireSshUserForAnyOtherAmi() throws Exception {
        Object[][] images = {
            {"ami-0d000000000000001", "debian-12-amd64-20261110-1927", "136693071363", "admin"},
            {"ami-0d000000000000002", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20261120",
                "099720109477", "ubuntu"},
            {"ami-0d000000000000003", "RHEL-9.5.0_HVM-20261111-x86_64-0-Hourly2-GP3", "309956199498", "ec2-user"},
            {"ami-0d000000000000004", "Rocky-9-EC2-Base-9.5-20261115.0.x86_64", "792107900819", "rocky"},
            {"ami-0d000000000000005", "al2023-ami-2023.6.20261101.0-kernel-6.1-x86_64", "137112412989", "ec2-user"},
        };
        for (Object[] image : images) {
            fake.images.add(new FakeEc2.Img((String) image[0], (String) image[1], (String) image[2],
                    "2026-11-20T10:00:00.000Z"));
        }
        for (Object[] image : images) {
            Ec2Result result = service.launch(launch("fleet", "f" + ((String) image[0]).substring(16), "ami",
                    image[0], "count", 1), context());
            assertThat(result.hosts()).as((String) image[1]).singleElement()
                    .satisfies(h -> assertThat(h.user()).isEqualTo(image[3]));
        }
        assertThat(log()).contains("SSH user admin (the default of this AMI's publisher; set sshUser to change it)");
        // the name alone proves nothing: a Debian name under another owner (a copy, a marketplace build)
        fake.images.add(new FakeEc2.Img("ami-0d000000000000006", "debian-12-amd64-hardened", "210987654321",
                "2026-11-20T10:00:00.000Z"));
        int before = fake.calls("RunInstances").size();
        assertThatThrownBy(() -> service.launch(launch("fleet", "mine", "ami", "ami-0d000000000000006"), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.kind())
                        .isEqualTo(SlipwayException.Kind.BAD_INPUT))
                .hasMessageContaining("sshUser: give the SSH login user of AMI ami-0d000000000000006")
                .hasMessageContaining("'admin' on Debian").hasMessageContaining("nothing was launched");
        assertThat(fake.calls("RunInstances")).hasSize(before);
        // given, it wins
        Ec2Result given = service.launch(launch("fleet", "mine", "ami", "ami-0d000000000000006", "sshUser", "deploy",
                "count", 1), context());
        assertThat(given.hosts()).singleElement().satisfies(h -> assertThat(h.user()).isEqualTo("deploy"));
    }

    @Test
    void shouldNameTheAmiWhenItDoesNotExist() throws Exception {
        assertThatThrownBy(() -> service.launch(launch("ami", "ami-0000000000000dead"), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.kind())
                        .isEqualTo(SlipwayException.Kind.BAD_INPUT))
                .hasMessageContaining("AMI ami-0000000000000dead was not found");
    }

    @Test
    void shouldSignWithTheKeysFromTheSecretsAndNeverLogThem() throws Exception {
        service.launch(launch("count", 1), context());

        assertThat(fake.authorizations).isNotEmpty().allSatisfy(a -> assertThat(a)
                .startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/").contains("/us-east-1/ec2/aws4_request"));
        assertThat(log()).doesNotContain(SECRET);
    }

    @Test
    void shouldAssumeTheRoleWithTheExternalIdAndSignWithItsSession() throws Exception {
        service.launch(launch("count", 1, "roleArn", "arn:aws:iam::123456789012:role/deployer",
                "externalId", "shop-ci"), context());

        assertThat(fake.calls("AssumeRole")).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/deployer")
                .containsEntry("ExternalId", "shop-ci")
                .containsEntry("RoleSessionName", "slipway-web"));
        int assume = fake.calls.indexOf(fake.calls("AssumeRole").get(0));
        assertThat(fake.authorizations.get(assume)).contains("Credential=" + KEY_ID + "/")
                .contains("/sts/aws4_request");
        List<String> ec2Calls = fake.authorizations.subList(assume + 1, fake.authorizations.size());
        assertThat(ec2Calls).isNotEmpty().allSatisfy(a -> assertThat(a).contains("Credential=ASIAASSUMED000000001/"));
        assertThat(fake.securityTokens.subList(assume + 1, fake.securityTokens.size()))
                .containsOnly("assumed-session-token");
    }

    @Test
    void shouldSendTheSessionTokenOfTemporaryKeys() throws Exception {
        Secrets secrets = Secrets.of(Map.of(Ec2Session.ACCESS_KEY, "ASIATEMPORARY0000001", Ec2Session.SECRET_KEY,
                SECRET, Ec2Session.SESSION_TOKEN, "temporary-session-token"));

        service.list(new Ec2ListRequest("web", null, null, null, new AwsConnection("us-east-1", fake.endpoint(), null, null, null)),
                new TaskContext(Log.silent(), secrets, workDir));

        assertThat(fake.authorizations).singleElement().satisfies(a -> assertThat(a)
                .contains("Credential=ASIATEMPORARY0000001/"));
        assertThat(fake.securityTokens).containsExactly("temporary-session-token");
    }

    @Test
    void shouldAskForKeysThatWereNotProvided() {
        assertThatThrownBy(() -> service.list(new Ec2ListRequest("web", null, null, null, new AwsConnection("us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null)), new TaskContext(Log.silent(), Secrets.none(),
                workDir)))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.kind())
                        .isEqualTo(SlipwayException.Kind.BAD_INPUT))
                .hasMessageContaining("Secret 'awsAccessKeyId' was not provided")
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void shouldListTheFleetAcrossPages() throws Exception {
        fake.pageSize = 2;
        for (int i = 0; i < 5; i++) {
            fake.running("web", Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i));
        }
        fake.running("api", Instant.parse("2026-11-20T10:00:00Z"));

        Ec2Result web = service.list(new Ec2ListRequest("web", "ubuntu", null, AddressType.PRIVATE, new AwsConnection("us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null)), context());
        Ec2Result all = service.list(new Ec2ListRequest(null, null, null, null, new AwsConnection("us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null)), context());

        assertThat(web.hosts()).hasSize(5).allSatisfy(h -> {
            assertThat(h.user()).isEqualTo("ubuntu");
            assertThat(h.host()).isEqualTo(h.privateIp());
        });
        assertThat(all.hosts()).hasSize(6);
        assertThat(all.hosts()).extracting(Ec2Host::fleet).containsOnly("web", "api");
        assertThat(fake.calls("DescribeInstances")).hasSize(3 + 3);
    }

    @Test
    void shouldTerminateAFleetAndWaitUntilItIsGone() throws Exception {
        String a = fake.running("web", Instant.now()).id;
        String b = fake.running("web", Instant.now()).id;
        String other = fake.running("api", Instant.now()).id;

        Ec2Result result = service.terminate(new Ec2TerminateRequest("web", null, null, true, 30, null, new AwsConnection("us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null), null), context());

        assertThat(result.terminated()).containsExactly(a, b);
        assertThat(fake.instance(a).state).isEqualTo("terminated");
        assertThat(fake.instance(other).state).isEqualTo("running");
        assertThat(result.summary()).isEqualTo("fleet web: 2 instance(s) terminated");
    }

    @Test
    void shouldRefuseToTerminateAnInstanceOutsideSlipway() throws Exception {
        FakeEc2.Inst foreign = fake.running("web", Instant.now());
        foreign.tags.clear();

        assertThatThrownBy(() -> service.terminate(new Ec2TerminateRequest(null, List.of(foreign.id), null, null, null,
                null, new AwsConnection("us-east-1", fake.endpoint(), CredentialsMode.KEYS, null, null), null), context()))
                .isInstanceOf(Ec2Exception.class)
                .hasMessageContaining("Instance " + foreign.id + " is not in a Slipway fleet");
        assertThat(foreign.state).isEqualTo("running");
    }

    @Test
    void shouldSweepOnlyExpiredInstances() throws Exception {
        FakeEc2.Inst expired = fake.running("pr-17", Instant.now());
        expired.tags.put("slipway:expires-at", "2026-01-01T00:00:00Z");
        FakeEc2.Inst fresh = fake.running("pr-18", Instant.now());
        fresh.tags.put("slipway:expires-at", Instant.now().plusSeconds(3600).toString());
        FakeEc2.Inst forever = fake.running("prod", Instant.now());

        Ec2Result dry = service.terminate(new Ec2TerminateRequest(null, null, true, null, null, true, new AwsConnection("us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null), null), context());
        assertThat(dry.terminated()).containsExactly(expired.id);
        assertThat(expired.state).isEqualTo("running");

        Ec2Result result = service.terminate(new Ec2TerminateRequest(null, null, true, null, null, null, new AwsConnection("us-east-1",
                fake.endpoint(), CredentialsMode.KEYS, null, null), null), context());

        assertThat(result.terminated()).containsExactly(expired.id);
        assertThat(expired.state).isEqualTo("shutting-down");
        assertThat(fresh.state).isEqualTo("running");
        assertThat(forever.state).isEqualTo("running");
    }

    @Test
    void shouldReportAnInstanceThatDiesWhileStarting() throws Exception {
        fake.pendingPolls = 5;
        fake.onDescribeById = () -> {
            synchronized (fake) {
                fake.instances.values().forEach(i -> {
                    i.state = "terminated";
                    i.stateReason = "Server.InternalError";
                });
            }
        };

        assertThatThrownBy(() -> service.launch(launch("count", 1), context()))
                .isInstanceOfSatisfying(Ec2Exception.class, e ->
                        assertThat(e.awsErrorCode()).isEqualTo("Server.InternalError"))
                .hasMessageMatching("(?s)Instance i-[0-9a-f]+ in subnet-aaaaaaaa .* became terminated instead of"
                        + " running \\(Server.InternalError.*");
    }
}
