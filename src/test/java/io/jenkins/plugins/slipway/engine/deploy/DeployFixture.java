package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A fleet of simulated hosts plus helpers to deploy to them and check every host's state. */
public final class DeployFixture implements AutoCloseable {
    static final KeyPair USER_KEY = TestSshHost.newKey();
    public static final String KEY_TEXT = TestSshHost.privateKeyText(USER_KEY, null);

    final Path root;
    final List<TestSshHost> hosts = new ArrayList<>();
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    Secrets secrets = Secrets.of(Map.of(DeployService.PRIVATE_KEY, KEY_TEXT));
    DeployService service = new DeployService();

    public DeployFixture(Path root, int count) throws IOException {
        this.root = root;
        for (int i = 1; i <= count; i++) {
            hosts.add(TestSshHost.start("web" + i, root.resolve("host" + i), TestSshHost.newKey(), USER_KEY.getPublic(), "s3cret-pw"));
        }
    }

    public TestSshHost host(int i) {
        return hosts.get(i - 1);
    }

    /** A directory artifact whose version.txt names the release. */
    public Path artifact(String release) throws IOException {
        Path dir = root.resolve("artifacts").resolve(release);
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("version.txt"), release + "\n");
        Files.writeString(dir.resolve("bin/run.sh"), "#!/bin/sh\necho running " + release + "\n");
        return dir;
    }

    Map<String, Object> request(String release, List<TestSshHost> targets) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        List<Map<String, Object>> hostMaps = new ArrayList<>();
        for (TestSshHost h : targets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", h.name);
            m.put("host", "127.0.0.1");
            m.put("port", h.port());
            m.put("user", TestSshHost.USER);
            m.put("hostKeyFingerprints", List.of(h.fingerprint()));
            m.put("instanceId", "i-0" + h.name); // extra fields from ec2Launch pass through
            hostMaps.add(m);
        }
        r.put("hosts", hostMaps);
        r.put("baseDir", "app");
        r.put("artifact", artifact(release).toString());
        r.put("releaseId", release);
        r.put("commit", "abc1234");
        r.put("deployedBy", "tester");
        r.put("batch", "100%");
        r.put("keepReleases", 3);
        r.put("commandTimeoutSeconds", 60);
        return r;
    }

    DeployResult deploy(String release, Consumer<Map<String, Object>> customize) throws SlipwayException, InterruptedException, IOException {
        return deploy(release, hosts, customize);
    }

    DeployResult deploy(String release, List<TestSshHost> targets, Consumer<Map<String, Object>> customize)
            throws SlipwayException, InterruptedException, IOException {
        Map<String, Object> r = request(release, targets);
        customize.accept(r);
        JsonNode node = Json.MAPPER.valueToTree(r);
        DeployRequest request = Json.read(node, DeployRequest.class, "deploy");
        return service.deploy(request, context());
    }

    DeployResult rollback(String to) throws SlipwayException, InterruptedException, IOException {
        Map<String, Object> r = request("ignored", hosts);
        r.remove("artifact");
        r.remove("releaseId");
        r.remove("commit");
        r.remove("keepReleases");
        r.put("to", to);
        return new DeployService().rollback(Json.read(Json.MAPPER.valueToTree(r), DeployRollbackRequest.class, "rollback"), context());
    }

    TaskContext context() {
        return new TaskContext(Log.console(new PrintStream(logBytes, true, StandardCharsets.UTF_8), "", true, secrets), secrets, root);
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    static DeployResult.HostReport report(DeployResult result, String name) {
        return result.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The host is on one of the allowed releases (null = none) and consistent: current points to a complete release
     * whose files say so, no half-unpacked release, no upload leftovers, no lock.
     */
    static void assertConsistent(TestSshHost host, String... allowed) throws IOException {
        assertOnRelease(host, allowed);
        Path base = host.base();
        if (Files.isDirectory(base.resolve(".slipway/tmp"))) {
            try (Stream<Path> files = Files.list(base.resolve(".slipway/tmp"))) {
                assertThat(files).as("upload leftovers on " + host.name).isEmpty();
            }
        }
    }

    /** Like {@link #assertConsistent} but allows an upload leftover (a cut connection may leave one until the next deploy). */
    static void assertOnRelease(TestSshHost host, String... allowed) throws IOException {
        String current = host.current();
        assertThat(Arrays.asList(allowed)).as("release of " + host.name).contains(current);
        Path base = host.base();
        if (current != null) {
            Path release = base.resolve("current");
            assertThat(release.resolve(".slipway-release.json")).as("metadata of " + host.name).exists();
            assertThat(Files.readString(release.resolve("version.txt")).trim()).isEqualTo(current);
        }
        if (Files.isDirectory(base.resolve("releases"))) {
            try (Stream<Path> files = Files.list(base.resolve("releases"))) {
                assertThat(files.map(p -> p.getFileName().toString())).as("partial releases on " + host.name)
                        .noneMatch(n -> n.endsWith(".partial"));
            }
        }
        assertThat(base.resolve(".slipway/lock")).as("lock on " + host.name).doesNotExist();
        try (Stream<Path> files = Files.list(base.getParent() == null ? base : base)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("temporary links on " + host.name)
                    .noneMatch(n -> n.startsWith(".current."));
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing deployed yet
        }
    }

    @Override
    public void close() throws IOException {
        for (TestSshHost h : hosts) {
            h.close();
        }
    }
}
