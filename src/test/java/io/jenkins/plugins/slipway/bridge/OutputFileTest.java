package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A freestyle step's result file (e.g. the hosts of ec2Launch) is never written through a committed link. */
class OutputFileTest {
    @TempDir
    Path workspace;

    @TempDir
    Path outside;

    @Test
    void shouldRefuseALinkAtTheResultFileOrItsFolder() throws Exception {
        Path victim = Files.writeString(outside.resolve("authorized_keys"), "ssh-ed25519 AAAA owner\n");
        Files.createSymbolicLink(workspace.resolve("slipway-ec2-shop.json"), victim);
        byte[] json = "{\"hosts\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> OutputFile.write(workspace, "slipway-ec2-shop.json", json))
                .hasMessageContaining("symbolic link");
        Files.createSymbolicLink(workspace.resolve("out"), outside);
        assertThatThrownBy(() -> OutputFile.write(workspace, "out/hosts.json", json))
                .hasMessageContaining("leads out of the workspace");

        assertThat(victim).hasContent("ssh-ed25519 AAAA owner");
        assertThat(outside.resolve("hosts.json")).doesNotExist();
        assertThat(OutputFile.write(workspace, "results/hosts.json", json)).hasContent("{\"hosts\":[]}");
    }
}
