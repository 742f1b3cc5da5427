package io.jenkins.plugins.slipway.engine.deploy;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/**
 * The JDK's elliptic-curve key factory under the name sshj asks for. sshj reads every ECDSA key (the host's key in the
 * key exchange, a user's key) through {@code KeyFactory.getInstance("ECDSA")}, BouncyCastle's name; the JDK calls the
 * same factory {@code "EC"}. With this one alias the engine needs no BouncyCastle provider for a connection: building
 * and registering that provider (thousands of algorithm entries) cost every deploy's engine JVM tens of milliseconds
 * of its start, for nothing the JDK lacks — AES-GCM, ChaCha20, SHA-2, HMAC, X25519, ECDH, Ed25519 and RSA all come from
 * the JDK. A key only BouncyCastle can read still works: {@link SshjConnector#addBouncyCastle} registers it then.
 */
final class JdkEcdsaKeys extends Provider {
    private static final long serialVersionUID = 1L;

    static final String NAME = "SlipwayJdkEcdsa";

    private JdkEcdsaKeys() {
        super(NAME, "1.0", "the JDK's EC key factory under the name ECDSA");
        putService(new Service(this, "KeyFactory", "ECDSA", Factory.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                return new Factory(KeyFactory.getInstance("EC"));
            }
        });
    }

    /** Registers the alias once per JVM (first: it offers nothing but this one name). */
    static synchronized void register() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new JdkEcdsaKeys(), 1);
        }
    }

    /** Every call handed to the JDK's own factory. */
    static final class Factory extends KeyFactorySpi {
        private final KeyFactory ec;

        Factory(KeyFactory ec) {
            this.ec = ec;
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec keySpec) throws InvalidKeySpecException {
            return ec.generatePublic(keySpec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec keySpec) throws InvalidKeySpecException {
            return ec.generatePrivate(keySpec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) throws InvalidKeySpecException {
            return ec.getKeySpec(key, keySpec);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return ec.translateKey(key);
        }
    }
}
