package io.jenkins.plugins.slipway.jenkins.deploy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads an SSH server's host key with the JDK only, for the "Test connection" button: the start of an SSH key
 * exchange (RFC 4253, RFC 5656/8731) up to the server's KEX reply, which carries the host key. Nothing is
 * authenticated and the exchange is abandoned there: the button shows the key's SHA-256 fingerprint so it can be
 * compared with the one the host's owner publishes — it does not verify the host.
 */
final class SshHostKeyReader {
    static final String IDENT = "SSH-2.0-SlipwayTestConnection";
    private static final int KEXINIT = 20;
    private static final int KEX_ECDH_INIT = 30;
    private static final int KEX_ECDH_REPLY = 31;
    private static final int MAX_PACKET = 256 * 1024;
    private static final List<String> KEX = List.of("curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256");

    private SshHostKeyReader() {
    }

    /** The host key's type and fingerprint, e.g. {@code ssh-ed25519 SHA256:abc…}. */
    record HostKey(String type, String fingerprint) {
        @Override
        public String toString() {
            return type + " " + fingerprint;
        }
    }

    /** Reads the host key from a connected socket's streams, after the server's identification line was read. */
    static HostKey read(InputStream rawIn, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(rawIn);
        out.write((IDENT + "\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] serverKexInit = readPacket(in, KEXINIT);
        List<String> serverKex;
        try {
            serverKex = nameList(serverKexInit, 1 + 16);
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IOException("the server's KEXINIT is malformed", e);
        }
        String kex = KEX.stream().filter(serverKex::contains).findFirst()
                .orElseThrow(() -> new IOException("the server offers none of " + KEX + " (it offers " + serverKex + ")"));
        writePacket(out, kexInit());
        byte[] publicKey;
        try {
            publicKey = kex.startsWith("curve25519") ? x25519PublicKey() : nistp256PublicKey();
        } catch (GeneralSecurityException e) {
            throw new IOException("this Java cannot make a " + kex + " key: " + e.getMessage(), e);
        }
        ByteArrayOutputStream init = new ByteArrayOutputStream();
        init.write(KEX_ECDH_INIT);
        writeString(init, publicKey);
        writePacket(out, init.toByteArray());
        byte[] reply = readPacket(in, KEX_ECDH_REPLY);
        try {
            ByteBuffer b = ByteBuffer.wrap(reply, 1, reply.length - 1);
            byte[] blob = readString(b);
            String type = new String(readString(ByteBuffer.wrap(blob)), StandardCharsets.US_ASCII);
            return new HostKey(type, fingerprint(blob));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new IOException("the server's key exchange reply is malformed", e);
        }
    }

    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] kexInit() throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(KEXINIT);
        byte[] cookie = new byte[16];
        new SecureRandom().nextBytes(cookie);
        p.write(cookie);
        for (String list : new String[] {String.join(",", KEX),
                "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa",
                "aes128-ctr,aes256-ctr,aes128-gcm@openssh.com,chacha20-poly1305@openssh.com",
                "aes128-ctr,aes256-ctr,aes128-gcm@openssh.com,chacha20-poly1305@openssh.com",
                "hmac-sha2-256,hmac-sha2-512", "hmac-sha2-256,hmac-sha2-512", "none", "none", "", ""}) {
            writeString(p, list.getBytes(StandardCharsets.US_ASCII));
        }
        p.write(0); // first_kex_packet_follows
        p.write(new byte[4]); // reserved
        return p.toByteArray();
    }

    private static byte[] x25519PublicKey() throws GeneralSecurityException {
        XECPublicKey key = (XECPublicKey) KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
        byte[] bigEndian = key.getU().toByteArray();
        byte[] little = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            little[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return little;
    }

    private static byte[] nistp256PublicKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) g.generateKeyPair().getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        copyUnsigned(key.getW().getAffineX(), point, 1);
        copyUnsigned(key.getW().getAffineY(), point, 33);
        return point;
    }

    private static void copyUnsigned(BigInteger n, byte[] to, int offset) {
        byte[] b = n.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, to, offset + 32 - len, len);
    }

    /** Reads packets until one of the expected type (ignoring IGNORE/DEBUG), unencrypted as before NEWKEYS. */
    private static byte[] readPacket(DataInputStream in, int expected) throws IOException {
        for (int i = 0; i < 16; i++) {
            int length = in.readInt();
            if (length < 5 || length > MAX_PACKET) {
                throw new IOException("the server sent a packet of " + length + " bytes: not an SSH server, or not SSH-2");
            }
            byte[] packet = new byte[length];
            in.readFully(packet);
            int padding = packet[0] & 0xff;
            byte[] payload = Arrays.copyOfRange(packet, 1, length - padding);
            int type = payload.length == 0 ? -1 : payload[0] & 0xff;
            if (type == expected) {
                return payload;
            }
            if (type == 1) {
                throw new IOException("the server ended the connection during the key exchange");
            }
        }
        throw new IOException("the server did not send message " + expected + " of the key exchange");
    }

    private static void writePacket(OutputStream out, byte[] payload) throws IOException {
        int padding = 8 - (payload.length + 5) % 8;
        if (padding < 4) {
            padding += 8;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + payload.length + padding);
        b.putInt(1 + payload.length + padding).put((byte) padding).put(payload).put(new byte[padding]);
        out.write(b.array());
        out.flush();
    }

    private static List<String> nameList(byte[] payload, int offset) {
        ByteBuffer b = ByteBuffer.wrap(payload, offset, payload.length - offset);
        String names = new String(readString(b), StandardCharsets.US_ASCII);
        return names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
    }

    private static byte[] readString(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("malformed SSH string of " + length + " bytes");
        }
        byte[] s = new byte[length];
        b.get(s);
        return s;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(s.length).array());
        out.write(s);
    }
}
