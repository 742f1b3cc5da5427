package io.jenkins.plugins.slipway.engine.ec2;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SSH host key fingerprints from an instance's console output. cloud-init prints them on the console
 * (each line prefixed with {@code ec2:}) between {@code -----BEGIN SSH HOST KEY FINGERPRINTS-----} and
 * {@code -----END SSH HOST KEY FINGERPRINTS-----}, and the public keys themselves between
 * {@code -----BEGIN SSH HOST KEY KEYS-----} and {@code -----END SSH HOST KEY KEYS-----}. Both are read; public keys
 * are turned into OpenSSH {@code SHA256:} fingerprints. Only the last block of each kind counts (a reboot prints
 * them again), and MD5 fingerprints of old images are ignored.
 */
final class ConsoleHostKeys {
    private static final Pattern PREFIX = Pattern.compile("^.*?\\bec2:\\s?");
    private static final Pattern FINGERPRINT = Pattern.compile("\\bSHA256:([A-Za-z0-9+/]{43})=?(?=\\s|$)");
    private static final Pattern KEY = Pattern.compile(
            "\\b(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521)\\s+([A-Za-z0-9+/]+={0,3})");

    private ConsoleHostKeys() {
    }

    /** The fingerprints found, in the order printed, without duplicates; empty when none were printed yet. */
    static List<String> fingerprints(String console) {
        if (console == null || console.isEmpty()) {
            return List.of();
        }
        List<String> fingerprintBlock = lastBlock(console, "FINGERPRINTS");
        List<String> keyBlock = lastBlock(console, "KEYS");
        Set<String> result = new LinkedHashSet<>();
        for (String line : fingerprintBlock) {
            Matcher m = FINGERPRINT.matcher(line);
            if (m.find()) {
                result.add("SHA256:" + m.group(1));
            }
        }
        for (String line : keyBlock) {
            Matcher m = KEY.matcher(line);
            if (m.find() && wellFormed(m.group(1), m.group(2))) {
                fingerprintOf(m.group(2)).ifPresent(result::add);
            }
        }
        return new ArrayList<>(result);
    }

    /**
     * Whether a public key blob is complete: SSH wire format is a sequence of length-prefixed fields (type name,
     * then 1 field for ed25519, 2 for ECDSA and RSA) that must end exactly at the blob's end. A key cut off by the
     * console buffer fails this check instead of producing a wrong fingerprint.
     */
    static boolean wellFormed(String type, String base64Blob) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64Blob);
        } catch (IllegalArgumentException e) {
            return false;
        }
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(blob);
        int fields = 0;
        String name = null;
        while (buffer.remaining() >= 4) {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                return false;
            }
            byte[] field = new byte[length];
            buffer.get(field);
            if (fields == 0) {
                name = new String(field, java.nio.charset.StandardCharsets.US_ASCII);
            }
            fields++;
        }
        int expected = type.equals("ssh-ed25519") ? 2 : 3;
        return buffer.remaining() == 0 && fields == expected && type.equals(name);
    }

    /** OpenSSH's SHA256 fingerprint of a base64 public key blob. */
    static java.util.Optional<String> fingerprintOf(String base64Blob) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64Blob);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // a key cut off by the console buffer
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return java.util.Optional.of("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static List<String> lastBlock(String console, String kind) {
        String begin = "-----BEGIN SSH HOST KEY " + kind + "-----";
        String end = "-----END SSH HOST KEY " + kind + "-----";
        List<String> current = null;
        List<String> last = List.of();
        for (String raw : console.split("\\r?\\n|\\r")) {
            String line = PREFIX.matcher(raw).replaceFirst("").strip();
            if (line.contains(begin)) {
                current = new ArrayList<>();
            } else if (line.contains(end)) {
                if (current != null) {
                    last = current;
                }
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return last;
    }
}
