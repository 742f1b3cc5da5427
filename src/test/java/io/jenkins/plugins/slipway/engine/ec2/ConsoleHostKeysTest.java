package io.jenkins.plugins.slipway.engine.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleHostKeysTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = ConsoleHostKeysTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldReadTheFingerprintsOfTheLastBootOnly() throws IOException {
        // fingerprints as printed by ssh-keygen -lf for the keys in the file; the first boot's key was replaced
        assertThat(ConsoleHostKeys.fingerprints(resource("al2023-console-after-reboot.txt"))).containsExactly(
                "SHA256:AwNkWDIqg9rscUBr+Vi3p77jp4UyiVfzj7DQcjIsOfI",
                "SHA256:ed2+GyO0W5Ll2tFrj3veSnQX4zBHOV2cp8cwj2B30bI",
                "SHA256:KB0pkIuKw6ab5THSnXHzyR9AjqmHqfI9l09a8y+C834");
    }

    @Test
    void shouldComputeFingerprintsFromPublicKeysAndSkipAKeyCutOffByTheConsoleBuffer() throws IOException {
        assertThat(ConsoleHostKeys.fingerprints(resource("keys-block-only-with-cut-key.txt")))
                .containsExactly("SHA256:AwNkWDIqg9rscUBr+Vi3p77jp4UyiVfzj7DQcjIsOfI");
    }

    @Test
    void shouldIgnoreMd5FingerprintsOfOldImages() throws IOException {
        assertThat(ConsoleHostKeys.fingerprints(resource("md5-only-old-image.txt"))).isEmpty();
    }

    @Test
    void shouldFindNothingBeforeCloudInitPrintedTheKeys() {
        assertThat(ConsoleHostKeys.fingerprints(null)).isEmpty();
        assertThat(ConsoleHostKeys.fingerprints("[    0.000000] Linux version 6.1\n"
                + "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n"
                + "ec2: 256 SHA256:AwNkWDIqg9rscUBr+Vi3p77jp4UyiVfzj7DQcjIsOfI root@ip (ED25519)\n")).isEmpty();
    }
}
