package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Slipway section of Manage Jenkins → System saved through the real form with every field set; after a restart
 * of Jenkins every value is still set, in the configuration object and on the page.
 */
@ExtendWith(RealJenkinsExtension.class)
class GlobalConfigITest {
    static final String CONFIG = "io.jenkins.plugins.slipway.jenkins.SlipwayGlobalConfiguration";
    static final String READ = """
            def c = jenkins.model.GlobalConfiguration.all().find { it.class.name == '%s' }
            println "region=${c.awsRegion}|credentials=${c.awsCredentialsId}|policy=${c.hostKeyPolicy}|jvm=${c.engineJvmOptions}|cache=${c.cacheDirectory}"
            """.formatted(CONFIG);

    @Test
    void everyFieldSurvivesASaveThroughTheFormAndARestart(RealJenkins jenkins) throws Exception {
        jenkins.script(Fixtures.awsCredentialScript("global-aws", "AKIAGLOBALGLOBALGLOB", "global-secret"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("awsRegion", "eu-central-1");
        fields.put("awsCredentialsId", "global-aws");
        fields.put("hostKeyPolicy", "acceptNew");
        fields.put("engineJvmOptions", "-Xmx512m -Dslipway.forms=1");
        fields.put("cacheDirectory", "/var/cache/slipway-forms");
        try {
            assertThat(FreestyleFormsITest.saveForm(jenkins, "manage/configure", "config", fields)).isEqualTo(200);
            String expected = "region=eu-central-1|credentials=global-aws|policy=acceptNew|jvm=-Xmx512m -Dslipway.forms=1"
                    + "|cache=/var/cache/slipway-forms";
            assertThat(jenkins.script(READ)).contains(expected);
            String xml = Files.readString(jenkins.home().resolve(CONFIG + ".xml"));
            assertThat(xml).contains("<awsRegion>eu-central-1</awsRegion>").contains("<awsCredentialsId>global-aws</awsCredentialsId>")
                    .contains("<hostKeyPolicy>acceptNew</hostKeyPolicy>").doesNotContain("global-secret");

            jenkins.restart();
            assertThat(jenkins.script(READ)).as("after a restart").contains(expected);
            try (WebClient web = FreestyleFormsITest.browser(jenkins)) {
                HtmlPage page = web.getPage(jenkins.url() + "manage/configure");
                web.waitForBackgroundJavaScript(10_000);
                HtmlForm form = page.getFormByName("config");
                assertThat(((HtmlInput) form.getFirstByXPath(".//*[@name='_.awsRegion']")).getValue()).isEqualTo("eu-central-1");
                assertThat(((HtmlInput) form.getFirstByXPath(".//*[@name='_.cacheDirectory']")).getValue())
                        .isEqualTo("/var/cache/slipway-forms");
                HtmlSelect policy = form.getFirstByXPath(".//select[@name='_.hostKeyPolicy']");
                assertThat(policy.getSelectedOptions()).extracting(o -> o.getValueAttribute()).containsExactly("acceptNew");
                HtmlSelect credentials = form.getFirstByXPath(".//select[@name='_.awsCredentialsId']");
                assertThat(credentials.getSelectedOptions()).extracting(o -> o.getValueAttribute()).containsExactly("global-aws");
            }
        } finally {
            jenkins.script("def c = jenkins.model.GlobalConfiguration.all().find { it.class.name == '" + CONFIG + "' }\n"
                    + "c.awsRegion = null; c.awsCredentialsId = null; c.hostKeyPolicy = null; c.engineJvmOptions = null;"
                    + " c.cacheDirectory = null; println 'reset'");
        }
    }
}
