package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.Test;

class HostKeyTrustTest {
    private static final KeyPair KEY = TestSshHost.newKey();
    private static final KeyPair OTHER = TestSshHost.newKey();
    private static final DeployHost HOST = new DeployHost("web", "10.0.0.5", 2222, "u", null);

    private static HostKeyTrust trust(String knownHosts) {
        return new HostKeyTrust(new SshSettings(null, knownHosts, null, false, false, 5, 5), null, Log.silent());
    }

    @Test
    void shouldComputeTheSameFingerprintAsOpenSsh() {
        assertThat(HostKeyTrust.fingerprint(KEY.getPublic())).isEqualTo(KeyUtils.getFingerPrint(BuiltinDigests.sha256, KEY.getPublic()));
    }

    @Test
    void shouldTrustPlainAndHashedKnownHostsEntriesAndRefuseAChangedKey() throws Exception {
        String line = TestSshHost.publicKeyLine(KEY.getPublic()).replaceAll(" slipway-test$", "");
        assertThat(trust("# comment\n[10.0.0.5]:2222,web " + line).verify(HOST, KEY.getPublic())).isTrue();
        assertThat(trust("10.0.0.5 " + line).verify(HOST, KEY.getPublic())).as("port 22 entry does not match port 2222").isFalse();

        byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        String hashed = "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(mac.doFinal("[10.0.0.5]:2222".getBytes(StandardCharsets.US_ASCII)));
        assertThat(trust(hashed + " " + line).verify(HOST, KEY.getPublic())).isTrue();

        HostKeyTrust changed = trust("[10.0.0.5]:2222 " + line);
        assertThat(changed.verify(HOST, OTHER.getPublic())).isFalse();
        assertThat(changed.refusal(HOST)).contains("CHANGED", HostKeyTrust.fingerprint(KEY.getPublic()));

        HostKeyTrust unknown = trust("");
        assertThat(unknown.verify(HOST, KEY.getPublic())).isFalse();
        assertThat(unknown.refusal(HOST)).contains("is not known", "hostKeyFingerprints");
        assertThat(trust("@revoked [10.0.0.5]:2222 " + line).verify(HOST, KEY.getPublic())).isFalse();
    }

    @Test
    void shouldPreferPinnedFingerprints() {
        DeployHost pinned = new DeployHost("web", "10.0.0.5", 2222, "u", List.of(HostKeyTrust.fingerprint(KEY.getPublic())));
        assertThat(trust(null).verify(pinned, KEY.getPublic())).isTrue();
        assertThat(trust(null).verify(pinned, OTHER.getPublic())).isFalse();
    }
}
