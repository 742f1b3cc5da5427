package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Slipway installed in a real Jenkins: active, quiet in the log, and every step known to the Snippet Generator. */
@ExtendWith(RealJenkinsExtension.class)
class PluginLoadITest {
    static final List<String> STEPS = List.of("browserTest", "codeMetrics", "ec2Launch", "ec2Terminate", "runTests",
            "slipwayVersion", "sshDeploy");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldBeActiveWithItsDependenciesAndNoWarningAboutIt(RealJenkins jenkins) throws Exception {
        JsonNode plugins = JSON.readTree(jenkins.page("pluginManager/api/json?depth=1&tree=plugins[shortName,active,enabled,version,dependencies[shortName,optional]]"))
                .get("plugins");
        JsonNode slipway = null;
        for (JsonNode p : plugins) {
            assertThat(p.get("active").asBoolean()).as("plugin %s active", p.get("shortName").asText()).isTrue();
            if (p.get("shortName").asText().equals("slipway")) {
                slipway = p;
            }
        }
        assertThat(slipway).as("slipway in the plugin manager").isNotNull();
        List<String> deps = new ArrayList<>();
        slipway.get("dependencies").forEach(d -> deps.add(d.get("shortName").asText()));
        assertThat(deps).contains("workflow-step-api", "structs", "credentials", "ssh-credentials", "ionicons-api");

        List<String> aboutSlipway = jenkins.warningRecords().stream()
                .filter(r -> r.toLowerCase(java.util.Locale.ROOT).contains("slipway")).toList();
        assertThat(aboutSlipway).as("SEVERE/WARNING log records about Slipway in %s", jenkins.logFile()).isEmpty();
    }

    @Test
    void shouldListEveryStepInTheSnippetGeneratorAndRoundTripEachOne(RealJenkins jenkins) throws Exception {
        String page = jenkins.page("pipeline-syntax/");
        for (String step : STEPS) {
            assertThat(page).as("Snippet Generator lists %s", step).contains(">" + step + ": ");
        }
        String out;
        try (InputStream in = getClass().getResourceAsStream("step-roundtrip.groovy")) {
            out = jenkins.script(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Matcher m = Pattern.compile("STEP (\\S+) (\\S+)\nARGS (.*)\nBACK (.*)\nSNIPPET (.*)").matcher(out);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            String step = m.group(1);
            seen.add(step);
            JsonNode args = JSON.readTree(m.group(3));
            assertThat(JSON.readTree(m.group(4))).as("%s arguments read back from the step object", step).isEqualTo(args);
            String snippet = m.group(5);
            assertThat(snippet).startsWith(step);
            // the same values through the Snippet Generator's HTTP form endpoint, as the page's "Generate" sends them
            ObjectNode form = JSON.createObjectNode();
            form.put("stapler-class", m.group(2));
            form.put("$class", m.group(2));
            for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray()) {
                    form.set(e.getKey(), e.getValue());
                }
            }
            String generated = jenkins.postForm("pipeline-syntax/generateSnippet", Map.of("json", form.toString())).body().trim();
            assertThat(generated).as("snippet of %s from the form", step).startsWith(step);
            for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    continue;
                }
                String rendered = e.getKey() + ": " + (e.getValue().isTextual() ? "'" + e.getValue().asText() + "'" : e.getValue().asText());
                assertThat(snippet).as("%s snippet from the DSL", step).contains(rendered);
                assertThat(generated).as("%s snippet from the form", step).contains(rendered);
            }
        }
        assertThat(out).doesNotContain("FAILED");
        assertThat(seen).containsExactlyElementsOf(STEPS);
    }

    static String read(String resource) throws IOException {
        try (InputStream in = PluginLoadITest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
