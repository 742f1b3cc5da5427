package io.jenkins.plugins.slipway.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output goes through {@link SafeOutput}: links planted by a commit are refused, never followed. */
class SafeOutputTest {
    @TempDir
    Path workspace;

    @TempDir
    Path outside;

    @Test
    void shouldRefuseALinkAtTheOutputNameAndLeaveItsTargetAlone() throws IOException {
        Path secret = Files.writeString(outside.resolve("authorized_keys"), "ssh-ed25519 AAAA owner\n");
        Path out = Files.createDirectories(workspace.resolve("slipway/metrics")).resolve("pmd.xml");
        Files.createSymbolicLink(out, secret);

        assertThatThrownBy(() -> SafeOutput.writeString(out, "<pmd/>"))
                .hasMessageContaining("Refusing to write " + out)
                .hasMessageContaining("symbolic link (to " + secret + ")")
                .hasMessageContaining("remove it");

        assertThat(secret).hasContent("ssh-ed25519 AAAA owner");
        assertThat(Files.isSymbolicLink(out)).isTrue();
    }

    @Test
    void shouldNeverUseAPlantedTemporaryName() throws IOException {
        Path secret = Files.writeString(outside.resolve("authorized_keys"), "ssh-ed25519 AAAA owner\n");
        Path dir = Files.createDirectories(workspace.resolve("slipway/metrics"));
        Files.createSymbolicLink(dir.resolve("index.html.tmp"), secret);
        Files.createSymbolicLink(dir.resolve("slipway.css.tmp"), secret);

        HtmlPage.write(dir.resolve("index.html"), "<p>report</p>");

        assertThat(secret).hasContent("ssh-ed25519 AAAA owner");
        assertThat(dir.resolve("index.html")).hasContent("<p>report</p>");
        assertThat(Files.isSymbolicLink(dir.resolve("index.html"))).isFalse();
        assertThat(dir.resolve(HtmlPage.STYLESHEET)).hasContent(HtmlPage.css());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("index.html", "slipway.css", "index.html.tmp", "slipway.css.tmp");
        }
    }

    @Test
    void shouldRefuseALinkAtTheStylesheet() throws IOException {
        Path secret = Files.writeString(outside.resolve("bashrc"), "echo hi\n");
        Path dir = Files.createDirectories(workspace.resolve("reports"));
        Files.createSymbolicLink(dir.resolve(HtmlPage.STYLESHEET), secret);

        assertThatThrownBy(() -> HtmlPage.write(dir.resolve("index.html"), "<p/>"))
                .hasMessageContaining("slipway.css: it is a symbolic link");
        assertThat(secret).hasContent("echo hi");
    }

    @Test
    void shouldRefuseAnOutputFolderThatLeadsOutOfTheWorkspace() throws IOException {
        Files.createDirectories(workspace.resolve("slipway"));
        Files.createSymbolicLink(workspace.resolve("slipway/metrics"), outside);
        TaskContext context = new TaskContext(Log.silent(), Secrets.none(), workspace);

        assertThatThrownBy(() -> context.outputDir("slipway/metrics"))
                .hasMessageContaining("slipway/metrics is a symbolic link (to " + outside + ")")
                .hasMessageContaining("never writes through a link");
        assertThatThrownBy(() -> context.outputFile("slipway/metrics/deep/index.html"))
                .hasMessageContaining("is a symbolic link");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldWarnAndWriteNothingWhenAReportNameIsALink() throws IOException {
        Path secret = Files.writeString(outside.resolve("id_rsa.pub"), "key\n");
        Files.createDirectories(workspace.resolve("slipway"));
        Files.createSymbolicLink(workspace.resolve("slipway/deploy.html"), secret);
        List<String> warnings = new java.util.ArrayList<>();
        Log log = Log.silent();
        TaskContext context = new TaskContext(new Log() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void error(String message) {
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        }, Secrets.none(), workspace);

        assertThat(HtmlPage.writeReport("<p/>", "slipway/deploy.html", "deploy", context)).isFalse();

        assertThat(warnings).singleElement().asString().contains("Cannot write the deploy report")
                .contains("symbolic link");
        assertThat(secret).hasContent("key");
    }

    @Test
    void shouldMakeMissingFoldersInsideTheWorkspaceAndAcceptAnAbsoluteFolderTheUserNamed() throws IOException {
        TaskContext context = new TaskContext(Log.silent(), Secrets.none(), workspace);

        Path dir = context.outputDir("a/b/c");
        Path chosen = context.outputDir(outside.resolve("reports").toString());

        assertThat(dir).isDirectory().isEqualTo(workspace.toAbsolutePath().resolve("a/b/c"));
        assertThat(chosen).isDirectory();
    }

    @Test
    void shouldDropTheTemporaryFileWhenAWriterFailsHalfWay() throws IOException {
        Path target = Files.writeString(workspace.resolve("result.json"), "{\"old\":true}");

        try (SafeOutput.Atomic out = SafeOutput.open(target)) {
            out.write("{\"half".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(target).hasContent("{\"old\":true}");
        try (var files = Files.list(workspace)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void shouldWriteTheUsersJsonToStandardOutputADeviceOrAPipeInPlace() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        SafeOutput.writeUserFile(Path.of("-"), "{}\n", stdout);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("{}\n");

        Path devNull = Files.createSymbolicLink(workspace.resolve("null-link"), Path.of("/dev/null"));
        SafeOutput.writeUserFile(devNull, "{}\n", stdout);
        assertThat(Files.isSymbolicLink(devNull)).isTrue();
        assertThat(Files.readSymbolicLink(devNull)).isEqualTo(Path.of("/dev/null"));

        Path fifo = workspace.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process reader = new ProcessBuilder("cat", fifo.toString()).start();
        SafeOutput.writeUserFile(fifo, "{\"piped\":1}\n", stdout);
        assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"piped\":1}\n");
        assertThat(Files.isRegularFile(fifo)).isFalse();

        Path secret = Files.writeString(outside.resolve("credentials"), "secret\n");
        Path link = Files.createSymbolicLink(workspace.resolve("out.json"), secret);
        assertThatThrownBy(() -> SafeOutput.writeUserFile(link, "{}", stdout)).hasMessageContaining("symbolic link");
        assertThat(secret).hasContent("secret");
    }
}
