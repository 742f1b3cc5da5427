package io.jenkins.plugins.slipway.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageReaderTest {
    private static final String DATA = "/io/jenkins/plugins/slipway/engine/tests/";

    @TempDir
    Path workspace;

    static Path resource(String path) throws URISyntaxException {
        return Path.of(CoverageReaderTest.class.getResource(DATA + path).toURI());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void shouldReadCoveragePyReportWrittenOnAnotherMachineAndMapItsPathsToTheWorkspace() throws Exception {
        copyTree(resource("python-formapp/project"), workspace);
        Files.copy(resource("python-formapp/coverage.xml"), workspace.resolve("coverage.xml"));

        CoverageReport report = new CoverageReader(workspace).read(Path.of("coverage.xml"), List.of());

        assertThat(report.formats()).containsExactly(CoverageFormat.COBERTURA_XML);
        // the report's own totals: lines-valid=28 lines-covered=22 branches-valid=12 branches-covered=6
        assertThat(report.lines()).isEqualTo(new Counter(22, 6));
        assertThat(report.branches()).isEqualTo(new Counter(6, 6));
        assertThat(report.lines().percent()).isEqualTo(78.57);
        assertThat(io.jenkins.plugins.slipway.engine.core.Json.write(report.lines()))
                .contains("\"percent\" : 78.57");
        assertThat(io.jenkins.plugins.slipway.engine.core.Json.MAPPER.readValue(
                io.jenkins.plugins.slipway.engine.core.Json.write(report.lines()), Counter.class))
                .isEqualTo(report.lines());
        assertThat(report.unresolvedFiles()).isZero();
        assertThat(report.files()).extracting(FileCoverage::path)
                .containsExactly("formapp/__init__.py", "formapp/app.py");
    }

    @Test
    void shouldReadRealJacocoXmlAndFindTheJavaSourceUnderSrcMainJava() throws Exception {
        copyTree(resource("maven-calc/project"), workspace);
        Files.copy(resource("maven-calc/reports/jacoco.xml"), workspace.resolve("jacoco.xml"));

        CoverageReport report = new CoverageReader(workspace).read(workspace.resolve("jacoco.xml"), List.of());

        assertThat(report.formats()).containsExactly(CoverageFormat.JACOCO_XML);
        assertThat(report.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("src/main/java/com/example/calc/Calculator.java");
            assertThat(f.resolved()).isTrue();
            assertThat(f.lines()).isEqualTo(new Counter(6, 8));
            assertThat(f.branches()).isEqualTo(new Counter(2, 6));
        });
    }

    @Test
    void shouldAnalyseRealJacocoExecAgainstClassFilesWithTheSameFiguresAsTheXmlReport() throws Exception {
        copyTree(resource("maven-calc/project"), workspace);
        Files.copy(resource("maven-calc/reports/calc-classes.jar"), workspace.resolve("calc-classes.jar"));
        Files.copy(resource("maven-calc/reports/jacoco.exec"), workspace.resolve("jacoco.exec"));
        Files.copy(resource("maven-calc/reports/jacoco.xml"), workspace.resolve("jacoco.xml"));
        CoverageReader reader = new CoverageReader(workspace);

        CoverageReport exec = reader.read(Path.of("jacoco.exec"), List.of(workspace.resolve("calc-classes.jar")));
        CoverageReport xml = reader.read(Path.of("jacoco.xml"), List.of());

        assertThat(exec.formats()).containsExactly(CoverageFormat.JACOCO_EXEC);
        assertThat(exec.files()).isEqualTo(xml.files());
        assertThat(exec.lines()).isEqualTo(new Counter(6, 8));
    }

    @Test
    void shouldSayWhichClassDirectoriesAreMissingForExecutionData() throws Exception {
        Files.copy(resource("maven-calc/reports/jacoco.exec"), workspace.resolve("jacoco.exec"));

        assertThatThrownBy(() -> new CoverageReader(workspace).read(Path.of("jacoco.exec"),
                List.of(workspace.resolve("target/classes"))))
                .isInstanceOf(CoverageException.class)
                .hasMessageContaining("jacoco.exec").hasMessageContaining("target/classes");
    }

    @Test
    void shouldLeaveAmbiguousFileNamesUnresolvedInsteadOfGuessing() throws Exception {
        Files.createDirectories(workspace.resolve("a"));
        Files.createDirectories(workspace.resolve("b"));
        Files.writeString(workspace.resolve("a/util.py"), "");
        Files.writeString(workspace.resolve("b/util.py"), "");
        Files.writeString(workspace.resolve("c.xml"), """
                <coverage><sources><source>/elsewhere/src</source></sources><packages><package><classes>
                <class filename="util.py"><methods><method><lines><line number="1" hits="1"/></lines></method></methods>
                <lines><line number="1" hits="1"/><line number="2" hits="0"/></lines></class>
                </classes></package></packages></coverage>""");

        CoverageReport report = new CoverageReader(workspace).read(Path.of("c.xml"), List.of());

        assertThat(report.unresolvedFiles()).isEqualTo(1);
        assertThat(report.lines()).as("method lines are not counted twice").isEqualTo(new Counter(1, 1));
    }

    /**
     * `slipway demo`'s case: the workspace holds the project twice (the service and its next version), so a class's
     * source name matches two files equally well; the copy in the project's own folder (the tests' working
     * directory) is the one meant, and the other copy alone is still no reason to guess.
     */
    @Test
    void shouldTakeTheFileInTheProjectsOwnFolderWhenTheWorkspaceHoldsASecondCopy() throws Exception {
        copyTree(resource("maven-calc/project"), workspace.resolve("service"));
        copyTree(resource("maven-calc/project"), workspace.resolve("service-next"));
        Files.copy(resource("maven-calc/reports/calc-classes.jar"), workspace.resolve("calc-classes.jar"));
        Files.copy(resource("maven-calc/reports/jacoco.exec"), workspace.resolve("jacoco.exec"));
        List<Path> classes = List.of(workspace.resolve("calc-classes.jar"));

        CoverageReport unguided = new CoverageReader(workspace).read(Path.of("jacoco.exec"), classes);
        CoverageReport wholeWorkspace = new CoverageReader(workspace, List.of(workspace)).read(Path.of("jacoco.exec"), classes);
        CoverageReport service = new CoverageReader(workspace, List.of(Path.of("service"))).read(Path.of("jacoco.exec"), classes);

        assertThat(unguided.files()).singleElement().satisfies(f -> {
            assertThat(f.resolved()).isFalse();
            assertThat(f.path()).isEqualTo("com/example/calc/Calculator.java");
        });
        assertThat(wholeWorkspace.unresolvedFiles()).isEqualTo(1);
        assertThat(service.unresolvedFiles()).isZero();
        assertThat(service.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("service/src/main/java/com/example/calc/Calculator.java");
            assertThat(f.lines()).isEqualTo(new Counter(6, 8));
        });
        assertThat(CoverageTable.html(service.files(), 10)).contains("service/src/main/java/com/example/calc/Calculator.java")
                .doesNotContain("not in workspace");
    }

    @Test
    void shouldRefuseExternalEntitiesAndNameTheFileAndLine() throws Exception {
        Path secret = workspace.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        Files.writeString(workspace.resolve("xxe.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE coverage [\n"
                + "<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n<coverage><sources><source>&xxe;</source>"
                + "</sources></coverage>\n");

        assertThatThrownBy(() -> new CoverageReader(workspace).read(Path.of("xxe.xml"), List.of()))
                .isInstanceOf(CoverageException.class)
                .hasMessageContaining("xxe.xml").hasMessageContaining("line 4")
                .hasMessageNotContaining("TOPSECRET");
    }

    @Test
    void shouldReportEmptyAndTruncatedReportsByName() throws Exception {
        Files.writeString(workspace.resolve("empty.xml"), "");
        Files.writeString(workspace.resolve("cut.xml"), "<coverage>\n<packages>\n<package name=\"x\"><cla",
                StandardCharsets.UTF_8);
        CoverageReader reader = new CoverageReader(workspace);

        assertThatThrownBy(() -> reader.read(Path.of("empty.xml"), List.of()))
                .hasMessageContaining("empty.xml").hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> reader.read(Path.of("cut.xml"), List.of()))
                .hasMessageContaining("cut.xml").hasMessageContaining("line 3");
    }
}
