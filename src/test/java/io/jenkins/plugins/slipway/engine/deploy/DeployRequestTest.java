package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import org.junit.jupiter.api.Test;

class DeployRequestTest {

    private static DeployRequest read(String json) throws Exception {
        return Json.read(Json.MAPPER.readTree(json.replace('\'', '"')), DeployRequest.class, "deploy");
    }

    private static final String MINIMAL = "'baseDir': '/srv/app', 'artifact': 'app.tar.gz', 'releaseId': '42-1a2b3c4'";

    @Test
    void shouldReadHostMapsFromEc2LaunchAndShortStrings() throws Exception {
        DeployRequest r = read("{'hosts': [{'name': 'i-0abc', 'host': '203.0.113.7', 'port': 22, 'user': 'ec2-user',"
                + " 'hostKeyFingerprints': ['SHA256:" + "A".repeat(43) + "'], 'instanceId': 'i-0abc', 'az': 'eu-west-1a'},"
                + " 'deploy@web2.example.com:2222', 'web3.example.com', 'ops@[2001:db8::1]:22'], 'user': 'app', " + MINIMAL + "}");

        assertThat(r.target().hosts()).extracting(DeployHost::name, DeployHost::host, DeployHost::port, DeployHost::user).containsExactly(
                org.assertj.core.groups.Tuple.tuple("i-0abc", "203.0.113.7", 22, "ec2-user"),
                org.assertj.core.groups.Tuple.tuple("web2.example.com", "web2.example.com", 2222, "deploy"),
                org.assertj.core.groups.Tuple.tuple("web3.example.com", "web3.example.com", 22, "app"),
                org.assertj.core.groups.Tuple.tuple("2001:db8::1", "2001:db8::1", 22, "ops"));
        assertThat(r.keepReleases()).isEqualTo(5);
        assertThat(r.rollout().batch()).isEqualTo("1");
        assertThat(r.rollout().dryRun()).isFalse();
        assertThat(r.target().hosts().get(3).address()).isEqualTo("[2001:db8::1]");
    }

    @Test
    void shouldReadTheGroupedShapeAndTheFlatShapeOfThePreviousReleaseAlike() throws Exception {
        DeployRequest grouped = read("{'target': {'hosts': ['u@h1', 'u@h2:2222'], 'baseDir': '/srv/app', 'insecure': true,"
                + " 'commandTimeoutSeconds': 60}, 'rollout': {'batch': '50%', 'lock': {'breakStaleLockAfterMinutes': 5},"
                + " 'traffic': {'hooks': {'drainCommand': 'out {host}', 'readyCommand': 'in {host}'}}, 'report': 'r/d.html'},"
                + " 'artifact': 'app.tar.gz', 'releaseId': '42-1a2b3c4', 'afterSwitch': ['./restart']}");
        DeployRequest flat = read("{'hosts': ['u@h1', 'u@h2:2222'], 'baseDir': '/srv/app', 'insecure': true,"
                + " 'commandTimeoutSeconds': 60, 'batch': '50%', 'lock': {'breakStaleLockAfterMinutes': 5},"
                + " 'traffic': {'hooks': {'drainCommand': 'out {host}', 'readyCommand': 'in {host}'}}, 'report': 'r/d.html',"
                + " 'artifact': 'app.tar.gz', 'releaseId': '42-1a2b3c4', 'afterSwitch': ['./restart']}");

        assertThat(flat).isEqualTo(grouped);
        assertThat(grouped.target().hosts()).extracting(DeployHost::name).containsExactly("h1", "h2");
        assertThat(grouped.target().commandTimeoutSeconds()).isEqualTo(60);
        assertThat(grouped.target().connectTimeoutSeconds()).isEqualTo(15);
        assertThat(grouped.rollout().batchSize(grouped.target().hosts().size())).isEqualTo(1);
        assertThat(grouped.rollout().lock().breakStaleLockAfterMinutes()).isEqualTo(5);
        assertThat(grouped.rollout().traffic().kind()).isEqualTo(io.jenkins.plugins.slipway.request.deploy.TrafficSettings.Kind.HOOKS);
        // a key both spell: the grouped one wins; a key of neither is still refused by name
        assertThat(read("{'target': {'hosts': ['u@h1'], 'baseDir': '/srv/app'}, 'baseDir': '/srv/other', 'artifact': 'a',"
                + " 'releaseId': '1'}").target().baseDir()).isEqualTo("/srv/app");
        assertThatThrownBy(() -> read("{'target': {'hosts': ['u@h1'], 'baseDir': '/srv/app', 'batch': '2'}, 'artifact': 'a',"
                + " 'releaseId': '1'}")).isInstanceOf(SlipwayException.class).hasMessageContaining("unknown parameter 'batch'");

        io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest rollback = Json.read(Json.MAPPER.readTree(
                "{\"hosts\": [\"u@h1\"], \"baseDir\": \"/srv/app\", \"to\": \"41-a\", \"parallelism\": 2, \"dryRun\": true}"),
                io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest.class, "deploy-rollback");
        assertThat(rollback.target().baseDir()).isEqualTo("/srv/app");
        assertThat(rollback.rollout().workers()).isEqualTo(2);
        assertThat(rollback.rollout().dryRun()).isTrue();
    }

    @Test
    void shouldNameEveryMissingRequiredParameterOfTheRequestAndItsTargetAtOnce() {
        assertThatThrownBy(() -> read("{}")).hasMessageContaining("4 problems: hosts must name at least one host")
                .hasMessageContaining("baseDir is required").hasMessageContaining("artifact is required")
                .hasMessageContaining("releaseId is required");
        assertThatThrownBy(() -> Json.read(Json.MAPPER.readTree("{\"hosts\": [\"u@h\"], \"acceptNew\": true, \"insecure\": true}"),
                io.jenkins.plugins.slipway.request.deploy.DeployRollbackRequest.class, "deploy-rollback"))
                .hasMessageContaining("3 problems: acceptNew and insecure exclude each other")
                .hasMessageContaining("baseDir is required").hasMessageContaining("to must name a release");
    }

    @Test
    void shouldComputeBatchSizesFromCountsAndPercentages() {
        assertThat(io.jenkins.plugins.slipway.request.Checks.batchSize("2", 5)).isEqualTo(2);
        assertThat(io.jenkins.plugins.slipway.request.Checks.batchSize("25%", 5)).isEqualTo(2);
        assertThat(io.jenkins.plugins.slipway.request.Checks.batchSize("100%", 5)).isEqualTo(5);
        assertThat(io.jenkins.plugins.slipway.request.Checks.batchSize("1%", 5)).isEqualTo(1);
        assertThat(io.jenkins.plugins.slipway.request.Checks.batchSize("50", 5)).isEqualTo(5);
        assertThat(DeployService.batches(io.jenkins.plugins.slipway.request.deploy.SshTarget.checkHosts(java.util.List.of(DeployHost.parse("a@h1"), DeployHost.parse("a@h2"),
                DeployHost.parse("a@h3")), null), 2)).hasSize(2);
    }

    @Test
    void shouldNameTheParameterInEveryRejection() throws Exception {
        assertThatThrownBy(() -> read("{'hosts': ['web1'], " + MINIMAL + "}")).hasMessageContaining("has no user");
        assertThatThrownBy(() -> read("{'hosts': [], 'user': 'u', " + MINIMAL + "}")).hasMessageContaining("hosts must name at least one host");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'batch': '0', " + MINIMAL + "}")).hasMessageContaining("batch must be");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'batch': '150%', " + MINIMAL + "}")).hasMessageContaining("batch must be");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'keepReleases': 1, " + MINIMAL + "}")).hasMessageContaining("keepReleases");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'maxFailedHosts': 1, 'minHealthyPercent': 50, " + MINIMAL + "}"))
                .hasMessageContaining("maxFailedHosts and minHealthyPercent are alternatives");
        // acceptNew alone remembers first-seen keys in Slipway's own known_hosts, outside the workspace
        assertThat(read("{'hosts': ['u@h'], 'acceptNew': true, " + MINIMAL + "}").target().acceptNew()).isTrue();
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'acceptNew': true, 'insecure': true, 'knownHostsFile': 'k', " + MINIMAL + "}"))
                .hasMessageContaining("acceptNew and insecure");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'baseDir': '/', 'artifact': 'a', 'releaseId': '1'}")).hasMessageContaining("baseDir");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'baseDir': '/srv/a', 'artifact': 'a', 'releaseId': '../x'}")).hasMessageContaining("releaseId");
        assertThatThrownBy(() -> read("{'hosts': ['u@h', 'u@h'], " + MINIMAL + "}")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> read("{'hosts': [{'host': 'h', 'user': 'u', 'hostKeyFingerprints': ['MD5:aa']}], " + MINIMAL + "}"))
                .hasMessageContaining("hostKeyFingerprints");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'healthCheck': {'url': 'http://x', 'command': 'true'}, " + MINIMAL + "}"))
                .hasMessageContaining("healthCheck needs exactly one");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'password': 'x', " + MINIMAL + "}"))
                .isInstanceOf(SlipwayException.class).hasMessageContaining("unknown parameter 'password'");
    }

    @Test
    void shouldNormaliseBaseDirAndRefuseEveryFormOfTheRoot() throws Exception {
        for (String root : new String[] {"/", "/.", "/./", "//", "///.//", " / "}) {
            assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'baseDir': '" + root + "', 'artifact': 'a', 'releaseId': '1'}"))
                    .as(root).hasMessageContaining("baseDir '" + root + "' is the filesystem root");
        }
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'baseDir': '/srv/../etc', 'artifact': 'a', 'releaseId': '1'}"))
                .hasMessageContaining("baseDir must not contain '..'");
        assertThatThrownBy(() -> read("{'hosts': ['u@h'], 'baseDir': './', 'artifact': 'a', 'releaseId': '1'}"))
                .hasMessageContaining("names no directory");
        assertThat(io.jenkins.plugins.slipway.request.deploy.SshTarget.checkBaseDir("/srv//app/./")).isEqualTo("/srv/app");
        assertThat(io.jenkins.plugins.slipway.request.deploy.SshTarget.checkBaseDir("~")).isEqualTo("~");
        assertThat(io.jenkins.plugins.slipway.request.deploy.SshTarget.checkBaseDir("~/")).isEqualTo("~");
        assertThat(io.jenkins.plugins.slipway.request.deploy.SshTarget.checkBaseDir("~/./app//")).isEqualTo("~/app");
        assertThat(io.jenkins.plugins.slipway.request.deploy.SshTarget.checkBaseDir("./app")).isEqualTo("app");
    }

    @Test
    void shouldNameHostsThatShareAnAddressByAddressAndPort() throws Exception {
        DeployRequest r = read("{'hosts': ['u@127.0.0.1:2201', 'u@127.0.0.1:2202', 'u@10.0.0.9', "
                + "{'host': '::1', 'port': 2203, 'user': 'u'}, {'host': '::1', 'port': 2204, 'user': 'u'}], " + MINIMAL + "}");

        assertThat(r.target().hosts()).extracting(DeployHost::name)
                .containsExactly("127.0.0.1:2201", "127.0.0.1:2202", "10.0.0.9", "[::1]:2203", "[::1]:2204");
        assertThatThrownBy(() -> read("{'hosts': ['u@127.0.0.1:2201', 'u@127.0.0.1:2201'], " + MINIMAL + "}"))
                .hasMessageContaining("the name '127.0.0.1:2201' appears twice");
    }

    @Test
    void shouldRefuseToStartWithoutCredentialsOrWithAWrongPassphrase() {
        assertThatThrownBy(() -> DeployService.credentials(io.jenkins.plugins.slipway.engine.core.Secrets.none()))
                .hasMessageContaining("No SSH credentials", "sshPrivateKey", "sshPassword");
        String encrypted = TestSshHost.privateKeyText(TestSshHost.newKey(), "right");
        assertThatThrownBy(() -> DeployService.credentials(io.jenkins.plugins.slipway.engine.core.Secrets.of(java.util.Map.of(
                DeployService.PRIVATE_KEY, encrypted, DeployService.PASSPHRASE, "wrong"))))
                .isInstanceOf(DeployException.class).hasMessageContaining("Cannot read the private key").hasMessageNotContaining("wrong");
    }
}
