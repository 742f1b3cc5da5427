package io.jenkins.plugins.slipway.engine.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every finding as one SARIF 2.1.0 log with one run per tool: the tool's rules, and results with the rule, a level
 * derived from the priority, the location relative to the workspace ({@code %SRCROOT%}), the Slipway priority and
 * fingerprint.
 */
final class SarifWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifWriter() {
    }

    static String level(int priority) {
        return priority <= 2 ? "error" : priority == 3 ? "warning" : "note";
    }

    private static String uri(String path) {
        try {
            return new java.net.URI(null, null, path, null).toASCIIString();
        } catch (java.net.URISyntaxException e) {
            return path;
        }
    }

    static void write(Path file, List<Violation> all, Path workDir) throws IOException {
        Map<String, List<Violation>> byTool = new TreeMap<>();
        for (Violation v : all) {
            byTool.computeIfAbsent(v.tool(), t -> new java.util.ArrayList<>()).add(v);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ArrayNode runs = root.putArray("runs");
        for (Map.Entry<String, List<Violation>> e : byTool.entrySet()) {
            ObjectNode run = runs.addObject();
            ObjectNode driver = run.putObject("tool").putObject("driver");
            driver.put("name", e.getKey());
            ArrayNode rules = driver.putArray("rules");
            Map<String, Integer> ruleIndex = new LinkedHashMap<>();
            for (Violation v : e.getValue()) {
                if (!ruleIndex.containsKey(v.rule())) {
                    ruleIndex.put(v.rule(), ruleIndex.size());
                    ObjectNode rule = rules.addObject();
                    rule.put("id", v.rule());
                    rule.putObject("defaultConfiguration").put("level", level(v.priority()));
                    rule.putObject("properties").put("priority", v.priority());
                }
            }
            run.putObject("originalUriBaseIds").putObject("%SRCROOT%").put("uri",
                    workDir.toUri().toString());
            ArrayNode results = run.putArray("results");
            for (Violation v : e.getValue()) {
                ObjectNode r = results.addObject();
                r.put("ruleId", v.rule());
                r.put("ruleIndex", ruleIndex.get(v.rule()));
                r.put("level", level(v.priority()));
                r.putObject("message").put("text", v.message().isEmpty() ? v.rule() : v.message());
                ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
                ObjectNode artifact = physical.putObject("artifactLocation");
                artifact.put("uri", uri(v.file()));
                artifact.put("uriBaseId", "%SRCROOT%");
                if (v.line() >= 1) {
                    physical.putObject("region").put("startLine", v.line());
                }
                r.putObject("partialFingerprints").put("slipway/v1", v.fingerprint());
                r.putObject("properties").put("priority", v.priority());
            }
        }
        Json.writeFile(file, root);
    }
}
