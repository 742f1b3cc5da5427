package io.jenkins.plugins.slipway.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SameProblemTest {

    @Test
    void shouldPairTheFindingsOfEachToolOnOneLineInOrderAndKeepTheRest() {
        // "import os, sys" with both names unused: two findings of each tool, two merged findings
        List<Findings.Raw> raw = List.of(
                new Findings.Raw("flake8", "a.py", 1, "F401", 2, "'os' imported but unused"),
                new Findings.Raw("flake8", "a.py", 1, "F401", 2, "'sys' imported but unused"),
                new Findings.Raw("pylint", "a.py", 1, "unused-import", 3, "Unused import os"),
                new Findings.Raw("pylint", "a.py", 1, "unused-import", 3, "Unused import sys"),
                new Findings.Raw("pylint", "a.py", 1, "invalid-name", 4, "not one of the table"),
                new Findings.Raw("flake8", "a.py", 2, "F401", 2, "only flake8 on this line"),
                new Findings.Raw("pylint", "b.py", 1, "unused-import", 3, "another file"));

        List<Findings.Raw> merged = SameProblem.merge(raw);

        assertThat(merged).containsExactlyInAnyOrder(
                new Findings.Raw("flake8, pylint", "a.py", 1, "F401 / unused-import", 3, "'os' imported but unused"),
                new Findings.Raw("flake8, pylint", "a.py", 1, "F401 / unused-import", 3, "'sys' imported but unused"),
                new Findings.Raw("pylint", "a.py", 1, "invalid-name", 4, "not one of the table"),
                new Findings.Raw("flake8", "a.py", 2, "F401", 3, "only flake8 on this line"),
                new Findings.Raw("pylint", "b.py", 1, "unused-import", 3, "another file"));
        assertThat(SameProblem.identity("flake8, pylint", "F401 / unused-import"))
                .isEqualTo(SameProblem.identity("pylint", "W0611")).isEqualTo(SameProblem.identity("ruff", "F401"));
    }

    @Test
    void shouldBeTheTableTheDocsShow() throws Exception {
        String doc = Files.readString(Path.of("docs/steps/codeMetrics.md"));
        List<String> rows = new ArrayList<>();
        for (SameProblem.Problem p : SameProblem.TABLE) {
            List<String> cells = new ArrayList<>();
            for (String tool : List.of("flake8", "ruff", "pylint", "bandit")) {
                cells.add(String.join(", ", p.rules().stream().filter(r -> r.startsWith(tool + ":"))
                        .map(r -> "`" + r.substring(tool.length() + 1) + "`").toList()));
            }
            String row = "| `" + p.name() + "` | " + p.priority() + " | " + String.join(" | ", cells) + " |";
            rows.add(row);
        }
        assertThat(doc.lines().filter(l -> l.startsWith("| `") && l.chars().filter(c -> c == '|').count() == 7))
                .containsExactlyElementsOf(rows);
    }
}
