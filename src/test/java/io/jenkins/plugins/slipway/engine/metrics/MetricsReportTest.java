package io.jenkins.plugins.slipway.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.RuleCount;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics page's tables per tool and per rule, from real PMD runs, with deltas against a previous result. */
class MetricsReportTest {

    @TempDir
    Path workspace;

    private TaskContext context() {
        return new TaskContext(Log.silent(), Secrets.none(), workspace);
    }

    @Test
    void shouldListFindingsPerToolAndPerRuleWithTheTopFilesAndTheChangeSinceTheBaseline() throws Exception {
        MetricsServiceTest.copy("sample", workspace);
        MetricsResult first = new MetricsService().run(MetricsServiceTest.request(List.of("coverage.xml"), null, null), context());
        RuleCount top = first.violations().topRules().get(0);
        assertThat(first.violations().topRules()).as("fewer rules than the baseline lists: all of them are there").hasSizeLessThan(20);
        // a baseline in which the most frequent rule had two findings fewer, and its tool too
        ObjectNode baseline = Json.MAPPER.valueToTree(first);
        ObjectNode violations = (ObjectNode) baseline.get("violations");
        ((ObjectNode) violations.get("byTool")).put(top.tool(), first.violations().byTool().get(top.tool()) - 2);
        ((ObjectNode) violations.withArray("topRules").get(0)).put("count", top.count() - 2);
        // and in which the last rule had not occurred at all
        RuleCount last = first.violations().topRules().get(first.violations().topRules().size() - 1);
        violations.withArray("topRules").remove(first.violations().topRules().size() - 1);
        Files.writeString(workspace.resolve("previous.json"), Json.MAPPER.writeValueAsString(baseline));

        MetricsResult second = new MetricsService().run(MetricsServiceTest.request(List.of("coverage.xml"), "previous.json", null),
                context());

        String html = Files.readString(workspace.resolve("slipway/metrics/index.html"), StandardCharsets.UTF_8);
        String perTool = html.substring(html.indexOf("<h2 id=\"per-tool\">"), html.indexOf("<h2 id=\"per-rule\">"));
        String perRule = html.substring(html.indexOf("<h2 id=\"per-rule\">"));
        perRule = perRule.substring(0, perRule.indexOf("</table>"));
        for (Map.Entry<String, Integer> tool : second.violations().byTool().entrySet()) {
            assertThat(perTool).contains("<tr><td>" + tool.getKey() + "</td><td class=\"n\">" + tool.getValue()
                    + (tool.getKey().equals(top.tool()) ? "<span class=\"delta worse\" title=\"since the baseline: +2\">▲ 2</span>"
                    : "<span class=\"delta same\""));
        }
        assertThat(perRule).contains("<td>" + top.rule() + "</td><td class=\"n\">P" + top.priority() + "</td><td class=\"n\">"
                + top.count() + "<span class=\"delta worse\" title=\"since the baseline: +2\">▲ 2</span>");
        assertThat(perRule).contains("<td>" + last.rule() + "</td><td class=\"n\">P" + last.priority() + "</td><td class=\"n\">"
                + last.count() + "<span class=\"delta worse\" title=\"since the baseline: +" + last.count() + "\">");
        // each rule's top files, most findings first, counted from the findings themselves
        Map<String, Long> filesOfTop = second.violations().items().stream()
                .filter(v -> v.tool().equals(top.tool()) && v.rule().equals(top.rule()))
                .collect(Collectors.groupingBy(Violation::file, Collectors.counting()));
        String busiest = filesOfTop.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).findFirst().orElseThrow().getKey();
        String row = perRule.substring(perRule.indexOf("<td>" + top.rule() + "</td>"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("<code>" + busiest + "</code> <span class=\"muted\">×" + filesOfTop.get(busiest) + "</span>");
        assertThat(html).doesNotContain("style=", "<style", "<script");
    }

    @Test
    void shouldShowNoDeltasWithoutABaseline() throws Exception {
        MetricsServiceTest.copy("sample", workspace);

        new MetricsService().run(MetricsServiceTest.request(List.of("coverage.xml"), null, null), context());

        String html = Files.readString(workspace.resolve("slipway/metrics/index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<h2 id=\"per-tool\">Findings per tool</h2>", "<h2 id=\"per-rule\">Findings per rule</h2>",
                "<code>src/main/java/demo/Orders.java</code>").doesNotContain("class=\"delta");
    }
}
