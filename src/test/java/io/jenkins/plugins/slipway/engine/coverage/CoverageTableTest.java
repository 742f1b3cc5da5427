package io.jenkins.plugins.slipway.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-file coverage, worst first, from a real JaCoCo XML and a real coverage.py (Cobertura) report. */
class CoverageTableTest {

    @TempDir
    Path workspace;

    @Test
    void shouldListEveryFileWorstFirstWithItsMissedLinesForCoberturaAndJacoco() throws Exception {
        CoverageReaderTest.copyTree(CoverageReaderTest.resource("python-formapp/project"), workspace);
        Files.copy(CoverageReaderTest.resource("python-formapp/coverage.xml"), workspace.resolve("coverage.xml"));
        Files.copy(CoverageReaderTest.resource("maven-calc/reports/jacoco.xml"), workspace.resolve("jacoco.xml"));
        CoverageReader reader = new CoverageReader(workspace);
        CoverageReport cobertura = reader.read(Path.of("coverage.xml"), List.of());
        CoverageReport jacoco = reader.read(Path.of("jacoco.xml"), List.of());

        for (CoverageReport report : List.of(cobertura, jacoco)) {
            List<FileCoverage> sorted = CoverageTable.worstFirst(report.files());
            for (int i = 1; i < sorted.size(); i++) {
                Double before = sorted.get(i - 1).lines().percent();
                Double after = sorted.get(i).lines().percent();
                assertThat(before == null ? 101 : before).isLessThanOrEqualTo(after == null ? 101 : after);
            }
            assertThat(report.files()).isNotEmpty().allSatisfy(f -> {
                assertThat(f.missedLines()).isNotNull();
                assertThat(FileCoverage.parse(f.missedLines()).cardinality()).isEqualTo(f.lines().missed());
            });
            String html = CoverageTable.html(report.files(), 50);
            assertThat(html).contains("<th>Missed lines</th>", sorted.get(0).path());
            if (sorted.size() > 1) {
                assertThat(html.indexOf(sorted.get(0).path())).isLessThan(html.indexOf(sorted.get(sorted.size() - 1)
                        .path()));
            }
        }
        assertThat(cobertura.files()).hasSizeGreaterThan(1);
        FileCoverage app = cobertura.files().stream().filter(f -> f.path().equals("formapp/app.py")).findFirst()
                .orElseThrow();
        assertThat(app.lines().missed()).isPositive();
        assertThat(CoverageTable.html(cobertura.files(), 50)).contains(app.missedLines());
    }
}
