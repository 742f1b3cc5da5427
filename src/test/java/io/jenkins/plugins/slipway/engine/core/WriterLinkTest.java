package io.jenkins.plugins.slipway.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.junit.JUnitXmlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted link at the output name of each kind of writer: JSON results and SARIF ({@link Json#writeFile}), JUnit
 * XML ({@link JUnitXmlWriter}), files other programs write ({@link SafeOutput#newFile}: the app's log, the Python
 * analysers' reports) and streamed reports ({@link SafeOutput#open}: PMD, CPD). None writes through it.
 */
class WriterLinkTest {
    @TempDir
    Path workspace;

    @TempDir
    Path outside;

    private Path plant(String name) throws Exception {
        Path target = Files.writeString(outside.resolve(name.replace('/', '_') + ".victim"), "untouched");
        Path link = workspace.resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
        return link;
    }

    private void assertUntouched(String name) throws Exception {
        assertThat(outside.resolve(name.replace('/', '_') + ".victim")).hasContent("untouched");
        assertThat(Files.isSymbolicLink(workspace.resolve(name))).isTrue();
    }

    @Test
    void shouldRefuseEveryKindOfWriterAtALink() throws Exception {
        Path json = plant("slipway/metrics/metrics.json");
        assertThatThrownBy(() -> Json.writeFile(json, Map.of("a", 1))).hasMessageContaining("symbolic link");
        assertUntouched("slipway/metrics/metrics.json");

        Path sarif = plant("slipway/metrics/findings.sarif.json");
        assertThatThrownBy(() -> Json.writeFile(sarif, Map.of("version", "2.1.0", "runs", java.util.List.of(Map.of()))))
                .hasMessageContaining("symbolic link");
        assertUntouched("slipway/metrics/findings.sarif.json");

        Path junit = plant("build/TEST-all.xml");
        assertThatThrownBy(() -> new JUnitXmlWriter(junit).close()).hasMessageContaining("symbolic link");
        assertUntouched("build/TEST-all.xml");

        Path appLog = plant("slipway/browser/app.log");
        assertThatThrownBy(() -> SafeOutput.newFile(appLog)).hasMessageContaining("symbolic link");
        assertUntouched("slipway/browser/app.log");

        Path cpd = plant("slipway/metrics/cpd.xml");
        assertThatThrownBy(() -> SafeOutput.open(cpd)).hasMessageContaining("symbolic link");
        assertUntouched("slipway/metrics/cpd.xml");

        Path png = plant("slipway/browser/shot.png");
        assertThatThrownBy(() -> SafeOutput.write(png, new byte[] {1, 2})).hasMessageContaining("symbolic link");
        assertUntouched("slipway/browser/shot.png");
    }

    @Test
    void shouldRefuseALinkThatAppearsWhileAStreamedReportIsWritten() throws Exception {
        Path report = workspace.resolve("pmd.xml");
        Path victim = Files.writeString(outside.resolve("victim"), "untouched");
        try (SafeOutput.Atomic out = SafeOutput.open(report)) {
            out.write("<pmd/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Files.createSymbolicLink(report, victim); // planted by a concurrent job meanwhile
            assertThatThrownBy(out::commit).hasMessageContaining("symbolic link");
        }
        assertThat(victim).hasContent("untouched");
    }
}
