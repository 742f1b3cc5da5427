package io.jenkins.plugins.slipway.engine.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged engine ({@code target/slipway-engine.jar}) run the way the ec2Launch step runs it: its own JVM, the request
 * envelope and the AWS keys on standard input, against the fake EC2 endpoint.
 */
class Ec2BridgeITest {
    static final Path ENGINE = Path.of("target", "slipway-engine.jar");
    static final String SECRET = "bridge/secret/key/0123456789abcdefghij";

    @TempDir
    Path workspace;

    /** The engine's trust store (where ec2Launch records the fingerprints it read): never the real ~/.slipway. */
    @TempDir
    Path trust;

    FakeEc2 fake;
    ServerSocket sshd;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isRegularFile(ENGINE), "run 'mvn package' first");
        fake = new FakeEc2();
        sshd = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        if (fake != null) {
            fake.close();
            sshd.close();
        }
    }

    Map<String, Object> envelope(int count) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("fleet", "web");
        request.put("count", count);
        request.put("ami", "ami-0123456789abcdef0");
        request.put("subnets", List.of("subnet-aaaaaaaa"));
        request.put("region", "us-east-1");
        request.put("endpoint", fake.endpoint());
        request.put("credentials", "KEYS");
        request.put("sshPort", sshd.getLocalPort());
        request.put("timeoutSeconds", 60);
        request.put("buildId", "shop/main#7");
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("task", "ec2-launch");
        envelope.put("request", request);
        envelope.put("secrets", Map.of("awsAccessKeyId", "AKIABRIDGE0000000001", "awsSecretAccessKey", SECRET));
        envelope.put("prefix", "[ec2Launch] ");
        return envelope;
    }

    EngineProcess.Outcome run(Map<String, Object> envelope) throws IOException, InterruptedException {
        return EngineProcess.run(List.of(EngineProcess.currentJava(), "-Dslipway.trustDir=" + trust,
                        "-jar", ENGINE.toAbsolutePath().toString()),
                envelope, workspace, Map.of(), Duration.ofSeconds(20), lines::add);
    }

    @Test
    void shouldReturnDeployReadyHostsToThePipeline() throws Exception {
        EngineProcess.Outcome outcome = run(envelope(2));

        assertThat(outcome.exitCode()).as(String.join("\n", lines)).isZero();
        Map<String, Object> value = EngineReply.of("ec2Launch", outcome).toStepValue();
        assertThat(value).containsEntry("status", "PASSED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hosts = (List<Map<String, Object>>) value.get("hosts");
        assertThat(hosts).hasSize(2).allSatisfy(host -> {
            assertThat(host).containsEntry("host", "127.0.0.1").containsEntry("port", sshd.getLocalPort())
                    .containsEntry("user", "ec2-user").containsEntry("launched", true);
            assertThat(host.get("name")).isEqualTo(host.get("instanceId"));
            assertThat(host.get("hostKeyFingerprints"))
                    .isEqualTo(List.of(fake.fingerprint((String) host.get("instanceId"))));
        });
        // both fake instances answer on one loopback port, so the store keeps one of their fingerprints for it
        List<String> prints = hosts.stream().map(h -> "[127.0.0.1]:" + sshd.getLocalPort() + " "
                + fake.fingerprint((String) h.get("instanceId"))).toList();
        assertThat(Files.readAllLines(trust.resolve("host_fingerprints")))
                .as("the fingerprints recorded in the engine's own trust store").containsAnyElementsOf(prints);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("[ec2Launch] running: 2/2"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(SECRET));
        assertThat(fake.authorizations).allSatisfy(a -> assertThat(a).contains("Credential=AKIABRIDGE0000000001/"));
    }

    @Test
    void shouldTerminateWhatItLaunchedWhenTheBuildIsAborted() throws Exception {
        fake.pendingPolls = Integer.MAX_VALUE;
        CountDownLatch waiting = new CountDownLatch(2);
        fake.onDescribeById = waiting::countDown;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                run(envelope(3));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        build.start();
        assertThat(waiting.await(60, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();

        build.interrupt(); // what Jenkins does to the step on abort: the bridge sends SIGTERM to the engine
        build.join(60_000);

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(fake.instances.values()).hasSize(3).allSatisfy(i -> assertThat(i.state).isEqualTo("shutting-down"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("the build was aborted; terminated the instance(s)"));
    }
}
