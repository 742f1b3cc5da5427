package io.jenkins.plugins.slipway.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWalkTest {
    @TempDir
    Path ws;

    private void touch(String path) throws Exception {
        Path p = ws.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x\n");
    }

    @Test
    void shouldPruneBuildOutputBesideABuildFileButKeepAPackageNamedBuild() throws Exception {
        touch("pom.xml");
        touch("target/classes/Gen.java");
        touch("src/main/java/org/acme/build/Tool.java");
        touch("node_modules/lib/index.js");
        touch("src/main/java/org/acme/generated/Gen.java");

        List<String> files = SourceWalk.files(ws, List.of(ws), List.of(), List.of("**/generated/**")).stream()
                .map(p -> SourceWalk.relative(ws, p)).toList();

        assertThat(files).containsExactly("pom.xml", "src/main/java/org/acme/build/Tool.java");
    }

    @Test
    void shouldMatchAntGlobs() {
        assertThat(SourceWalk.toRegex("src/**/*.java").matcher("src/a/b/C.java").matches()).isTrue();
        assertThat(SourceWalk.toRegex("src/**/*.java").matcher("src/C.java").matches()).isTrue();
        assertThat(SourceWalk.toRegex("*.java").matcher("src/C.java").matches()).isFalse();
        assertThat(SourceWalk.toRegex("docs/").matcher("docs/a/b.md").matches()).isTrue();
    }
}
