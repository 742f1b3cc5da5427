package io.jenkins.plugins.slipway.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented priority mapping, on SARIF of the shapes CodeQL and Semgrep write, and the text formats. */
class ReportParsersTest {

    @TempDir
    Path ws;

    private ReportParsers.Parsed read(String name, String text) throws IOException {
        Path file = ws.resolve(name);
        Files.writeString(file, text);
        return ReportParsers.read(file, ws);
    }

    @Test
    void shouldMapSarifSecuritySeverityLevelsAndRuleDefaultsToPriorities() throws Exception {
        String sarif = """
                {"version": "2.1.0", "runs": [{
                  "tool": {"driver": {"name": "CodeQL", "rules": [
                    {"id": "py/sql-injection", "properties": {"security-severity": "8.8"}},
                    {"id": "py/unused-import", "defaultConfiguration": {"level": "note"}},
                    {"id": "py/command-line-injection", "properties": {"security-severity": "9.8"}}]}},
                  "originalUriBaseIds": {"SRC": {"uri": "%s"}},
                  "results": [
                    {"ruleId": "py/sql-injection", "ruleIndex": 0, "message": {"text": "SQL built from input"},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "shop/orders.py", "uriBaseId": "SRC"},
                                    "region": {"startLine": 15}}}]},
                    {"ruleId": "py/unused-import", "message": {"text": "Import of 'os' is not used."},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "shop/orders.py"},
                                    "region": {"startLine": 2}}}]},
                    {"ruleId": "py/command-line-injection", "level": "error", "message": {"text": "shell"},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "%s/shop/my%%20orders.py"},
                                    "region": {"startLine": 20}}}]}]},
                 {"tool": {"driver": {"name": "Semgrep OSS"}},
                  "results": [{"ruleId": "python.lang.eval", "level": "warning", "message": {"text": "eval"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "./shop/report.py"},
                                   "region": {"startLine": 18}}}]},
                   {"ruleId": "python.lang.note", "level": "none", "message": {"text": "fyi"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "shop/report.py"},
                                   "region": {"startLine": 3}}}]}]}]}
                """.formatted(ws.toUri(), ws.toUri().toString().replaceAll("/$", ""));

        ReportParsers.Parsed parsed = read("scan.sarif", sarif);

        assertThat(parsed.format()).isEqualTo("sarif");
        assertThat(parsed.findings()).containsExactly(
                new Findings.Raw("codeql", "shop/orders.py", 15, "py/sql-injection", 2, "SQL built from input"),
                new Findings.Raw("codeql", "shop/orders.py", 2, "py/unused-import", 4, "Import of 'os' is not used."),
                new Findings.Raw("codeql", "shop/my orders.py", 20, "py/command-line-injection", 1, "shell"),
                new Findings.Raw("semgrep oss", "shop/report.py", 18, "python.lang.eval", 3, "eval"),
                new Findings.Raw("semgrep oss", "shop/report.py", 3, "python.lang.note", 5, "fyi"));
    }

    @Test
    void shouldReadFlake8AndPylintTextAndMapTheirCodes() throws Exception {
        ReportParsers.Parsed flake8 = read("flake8.txt", """
                shop/orders.py:2:1: F401 'os' imported but unused
                shop/orders.py:9:5: E999 SyntaxError: invalid syntax
                shop/orders.py:12:80: E501 line too long (90 > 79 characters)
                shop/orders.py:30:1: C901 'price' is too complex (12)
                shop/orders.py:31:1: B006 Do not use mutable data structures for argument defaults
                """);
        ReportParsers.Parsed pylint = read("pylint.txt", """
                ************* Module shop.orders
                shop/orders.py:1: [C0114(missing-module-docstring), ] Missing module docstring
                shop/orders.py:23: [W0102(dangerous-default-value), price] Dangerous default value [] as argument
                shop/orders.py:40: [E1101(no-member), Order.describe] Instance of 'Order' has no 'name' member
                shop/orders.py:1: [F0001(fatal), ] No module named shop.orders
                """);

        assertThat(flake8.findings()).extracting(Findings.Raw::rule, Findings.Raw::priority).containsExactly(
                org.assertj.core.groups.Tuple.tuple("F401", 2), org.assertj.core.groups.Tuple.tuple("E999", 1),
                org.assertj.core.groups.Tuple.tuple("E501", 4), org.assertj.core.groups.Tuple.tuple("C901", 3),
                org.assertj.core.groups.Tuple.tuple("B006", 3));
        assertThat(pylint.format()).isEqualTo("pylint");
        assertThat(pylint.findings()).extracting(Findings.Raw::rule, Findings.Raw::priority).containsExactly(
                org.assertj.core.groups.Tuple.tuple("missing-module-docstring", 4),
                org.assertj.core.groups.Tuple.tuple("dangerous-default-value", 3),
                org.assertj.core.groups.Tuple.tuple("no-member", 2),
                org.assertj.core.groups.Tuple.tuple("fatal", 1));
        assertThatThrownBy(() -> read("notes.txt", "this is not a report\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("flake8");
    }

    @Test
    void shouldMapBanditConfidenceAndKeepFingerprintsWhenLinesMove() throws Exception {
        ReportParsers.Parsed bandit = read("bandit.json", """
                {"errors": [], "generated_at": "2026-11-30T10:00:00Z", "metrics": {}, "results": [
                  {"filename": "a.py", "line_number": 3, "test_id": "B602", "issue_severity": "HIGH",
                   "issue_confidence": "HIGH", "issue_text": "shell=True"},
                  {"filename": "a.py", "line_number": 5, "test_id": "B105", "issue_severity": "LOW",
                   "issue_confidence": "MEDIUM", "issue_text": "password"},
                  {"filename": "a.py", "line_number": 7, "test_id": "B311", "issue_severity": "LOW",
                   "issue_confidence": "LOW", "issue_text": "random"}]}
                """);
        assertThat(bandit.findings()).extracting(Findings.Raw::priority).containsExactly(1, 3, 4);

        Files.writeString(ws.resolve("a.py"), "import os\n\nos.system(x)\n\nos.system(x)\n");
        java.util.List<String> before = prints(3, 5);
        Files.writeString(ws.resolve("a.py"), "import os\n\n\n\nos.system(x)\n\nos.system(x)\n");
        java.util.List<String> moved = prints(5, 7);
        // same text, same rule: told apart by their order in the file, not by their line numbers
        assertThat(before).doesNotHaveDuplicates();
        assertThat(moved).isEqualTo(before);
        // another line's text is another finding; the first os.system(x) keeps its fingerprint
        assertThat(prints(1, 5)).contains(before.get(0)).doesNotContain(before.get(1)).doesNotHaveDuplicates();
    }

    private java.util.List<String> prints(int... lines) {
        java.util.List<Findings.Raw> raw = new java.util.ArrayList<>();
        for (int line : lines) {
            raw.add(new Findings.Raw("bandit", "a.py", line, "B605", 1, "a shell"));
        }
        return Findings.fingerprint(raw, ws, java.util.Map.of()).stream()
                .map(MetricsResult.Violation::fingerprint).toList();
    }
}
