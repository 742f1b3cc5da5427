package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;

/**
 * Configuration as Code, as docs/pipeline.md shows it: a Jenkins of its own starts with {@code CASC_JENKINS_CONFIG}
 * naming the YAML block taken from the doc itself (so the doc cannot drift from what Jenkins accepts); every field of
 * the Slipway section has its value in the configuration object, in the saved XML and on Manage Jenkins → System;
 * {@code POST /manage/configuration-as-code/export} gives the same Slipway section back. The section's former name
 * ({@code slipwayGlobalConfiguration}) still configures it. Runs on both Jenkins lines (it lives in realjenkins/).
 */
class ConfigurationAsCodeITest {
    private static final Path DOC = RealJenkins.projectDir().resolve("docs/pipeline.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final List<String> FIELDS = List.of("awsRegion", "awsCredentialsId", "hostKeyPolicy",
            "engineJvmOptions", "cacheDirectory");
    private static final String READ = """
            def c = jenkins.model.GlobalConfiguration.all().find { it.class.name == '%s' }
            %s
            """.formatted(GlobalConfigITest.CONFIG, FIELDS.stream()
            .map(f -> "println '" + f + "=' + c." + f).reduce((a, b) -> a + "\n" + b).orElseThrow());

    @Test
    void theDocsYamlConfiguresEveryFieldAndExportsTheSameSection() throws Exception {
        RealJenkins.Distribution dist = RealJenkins.distribution();
        Assumptions.assumeTrue(dist.unusableBecause() == null, () -> "real-Jenkins suite skipped: " + dist.unusableBecause());
        String yaml = docYaml();
        Map<String, String> documented = section(yaml, "slipway");
        assertThat(documented).as("the Slipway section of docs/pipeline.md's YAML").containsOnlyKeys(FIELDS);

        Path casc = Files.createDirectories(RealJenkins.projectDir().resolve("target/real-jenkins"))
                .resolve("casc-" + System.getProperty("slipway.it.line", "min") + ".yaml");
        Files.writeString(casc, yaml);
        try (RealJenkins jenkins = RealJenkins.start(dist.folder(), Map.of("CASC_JENKINS_CONFIG", casc.toString()))) {
            // the configuration object
            assertThat(values(jenkins.script(READ))).as("the configuration after a start with " + casc).isEqualTo(documented);

            // the saved XML
            String xml = Files.readString(jenkins.home().resolve(GlobalConfigITest.CONFIG + ".xml"));
            documented.forEach((field, value) -> assertThat(xml).as("saved XML").contains("<" + field + ">" + value + "</" + field + ">"));

            // Manage Jenkins → System
            try (WebClient web = FreestyleFormsITest.browser(jenkins)) {
                HtmlPage page = web.getPage(jenkins.url() + "manage/configure");
                web.waitForBackgroundJavaScript(10_000);
                HtmlForm form = page.getFormByName("config");
                for (String text : List.of("awsRegion", "engineJvmOptions", "cacheDirectory")) {
                    assertThat(((HtmlInput) form.getFirstByXPath(".//*[@name='_." + text + "']")).getValue())
                            .as("the form's " + text).isEqualTo(documented.get(text));
                }
                for (String select : List.of("hostKeyPolicy", "awsCredentialsId")) {
                    HtmlSelect box = form.getFirstByXPath(".//select[@name='_." + select + "']");
                    assertThat(box.getSelectedOptions()).as("the form's " + select)
                            .extracting(o -> o.getValueAttribute()).containsExactly(documented.get(select));
                }
            }
            try (StagePageBrowser chromium = StagePageBrowser.open(jenkins, 1000)) {
                if (chromium != null) { // a screenshot of the Slipway section, to look at
                    chromium.driver().get(jenkins.url() + "manage/configure");
                    WebElement region = chromium.driver().findElement(By.name("_.awsRegion"));
                    ((JavascriptExecutor) chromium.driver()).executeScript(
                            "arguments[0].scrollIntoView({block: 'center'})", region);
                    assertThat(region.getDomProperty("value")).isEqualTo(documented.get("awsRegion"));
                    Files.write(ReportsAndRestartITest.SHOTS.resolve("casc-global-config-"
                            + System.getProperty("slipway.it.line", "min") + ".png"),
                            ((TakesScreenshot) chromium.driver()).getScreenshotAs(OutputType.BYTES));
                }
            }

            // the export
            Map<String, String> exported = section(export(jenkins), "slipway");
            assertThat(exported).as("the Slipway section of the exported configuration").isEqualTo(documented);

            // the section's former name, with the other host key policy
            Path legacy = casc.resolveSibling(casc.getFileName().toString().replace(".yaml", "-legacy.yaml"));
            Map<String, String> other = Map.of("awsRegion", "us-east-2", "awsCredentialsId", "legacy-aws",
                    "hostKeyPolicy", "acceptNew", "engineJvmOptions", "-Xmx640m", "cacheDirectory", "/srv/slipway-cache");
            StringBuilder legacyYaml = new StringBuilder("unclassified:\n  slipwayGlobalConfiguration:\n");
            other.forEach((k, v) -> legacyYaml.append("    ").append(k).append(": ").append(v).append('\n'));
            Files.writeString(legacy, legacyYaml);
            jenkins.script("io.jenkins.plugins.casc.ConfigurationAsCode.get().configure('"
                    + legacy.toUri() + "'); println 'applied'");
            assertThat(values(jenkins.script(READ))).as("after applying " + legacy).isEqualTo(other);
            assertThat(section(export(jenkins), "slipway")).as("exported after " + legacy).isEqualTo(other);
            assertThat(jenkins.warningRecords()).as("SEVERE records naming Slipway or Configuration as Code")
                    .noneMatch(r -> r.contains("\tSEVERE\t") && (r.contains("slipway") || r.contains("casc")));
        }
    }

    /** The doc's YAML block that configures {@code unclassified:}. */
    static String docYaml() throws Exception {
        Matcher m = YAML_BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            if (m.group(1).startsWith("unclassified:")) {
                return m.group(1);
            }
        }
        throw new AssertionError(DOC + " has no ```yaml block starting with 'unclassified:'");
    }

    /** {@code POST /manage/configuration-as-code/export} with a crumb, as a script would send it. */
    private static String export(RealJenkins jenkins) throws Exception {
        String crumbJson = jenkins.page("crumbIssuer/api/json");
        Matcher field = Pattern.compile("\"crumbRequestField\":\"([^\"]+)\"").matcher(crumbJson);
        Matcher crumb = Pattern.compile("\"crumb\":\"([^\"]+)\"").matcher(crumbJson);
        assertThat(field.find() && crumb.find()).as("a crumb in " + crumbJson).isTrue();
        HttpResponse<String> r = jenkins.postForm("manage/configuration-as-code/export",
                Map.of(field.group(1), crumb.group(1)));
        assertThat(r.statusCode()).as("export answered:\n" + RealJenkins.abbreviate(r.body())).isEqualTo(200);
        assertThat(r.body()).contains("unclassified:");
        System.out.println("exported configuration:\n" + r.body());
        return r.body();
    }

    /** The flat {@code key: value} entries of {@code unclassified: <name>:}; quotes around a value removed. */
    static Map<String, String> section(String yaml, String name) {
        Map<String, String> entries = new LinkedHashMap<>();
        boolean inUnclassified = false;
        int sectionIndent = -1;
        for (String line : yaml.split("\n")) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (indent == 0) {
                inUnclassified = line.equals("unclassified:");
                sectionIndent = -1;
                continue;
            }
            if (!inUnclassified) {
                continue;
            }
            if (sectionIndent < 0) {
                if (line.strip().equals(name + ":")) {
                    sectionIndent = indent;
                }
                continue;
            }
            if (indent <= sectionIndent) {
                break;
            }
            String entry = line.strip();
            int colon = entry.indexOf(": ");
            assertThat(colon).as("a flat 'key: value' line in the " + name + " section: " + line).isPositive();
            entries.put(entry.substring(0, colon), unquote(entry.substring(colon + 2).strip()));
        }
        assertThat(entries).as("the unclassified: " + name + ": section of\n" + yaml).isNotEmpty();
        return entries;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))
                ? v.substring(1, v.length() - 1) : v;
    }

    private static Map<String, String> values(String printed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : printed.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && FIELDS.contains(line.substring(0, eq))) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
