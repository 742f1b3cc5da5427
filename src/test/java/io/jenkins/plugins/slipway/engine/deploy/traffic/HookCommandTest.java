package io.jenkins.plugins.slipway.engine.deploy.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drain/ready hook commands: host names from a (possibly committed) hosts file never become shell syntax. */
class HookCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepPlainNamesAsTheyAre() {
        TrafficControl.Target t = new TrafficControl.Target("web-1.example", "10.0.0.7", 22, null);
        assertThat(HookTrafficControl.expand("drain {name} {host}:{port} {server}", t))
                .isEqualTo("drain web-1.example 10.0.0.7:22 web-1.example");
    }

    @Test
    void shouldQuoteANameThatCarriesShellSyntaxSoItRunsNothing() throws Exception {
        Path marker = dir.resolve("PWNED");
        TrafficControl.Target t = new TrafficControl.Target("web1;touch " + marker + ";x'$(id)", "127.0.0.1", 22, null);
        String command = HookTrafficControl.expand("printf '%s\\n' {name}", t);
        Process p = new ProcessBuilder(List.of("/bin/sh", "-c", command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).isEqualTo("web1;touch " + marker + ";x'$(id)");
        assertThat(Files.exists(marker)).isFalse();
    }
}
