package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;

class JdkEcdsaKeysTest {

    @Test
    void shouldReadSshjsEcdsaKeysWithTheJdksFactory() throws Exception {
        SshjConnector.useJdkCrypto();
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            KeyPair pair = generator.generateKeyPair();

            // what sshj does with a host key in the key exchange: the SSH wire form back into a key
            byte[] wire = new Buffer.PlainBuffer().putPublicKey(pair.getPublic()).getCompactData();
            PublicKey read = new Buffer.PlainBuffer(wire).readPublicKey();

            assertThat(KeyFactory.getInstance("ECDSA").getProvider().getName()).isEqualTo(JdkEcdsaKeys.NAME);
            assertThat(read).isInstanceOf(ECPublicKey.class);
            assertThat(read.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
            assertThat(((ECPublicKey) read).getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
        }
    }
}
