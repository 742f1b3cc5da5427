package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The codeMetrics form in a real Jenkins, in headless Chromium: a saved job's wrong values are shown with the engine
 * record's own messages as the form loads (the {@code doCheckX} of each field), right values without any. Screenshots
 * land in {@code target/real-jenkins/screenshots/}.
 */
@ExtendWith(RealJenkinsExtension.class)
class MetricsFormChecksITest {
    static final String PKG = FreestyleFormsITest.PKG;

    @Test
    void theFormSaysWhatTheEngineRecordRefuses(RealJenkins jenkins) throws Exception {
        jenkins.createJob("metrics-wrong", FreestyleFormsITest.freestyle(null, "<" + PKG + "metrics.CodeMetricsBuilder>"
                + "<step><maxViolations>1=zero</maxViolations><analysers>pmd, eslint</analysers>"
                + "<minLineCoverage>150.0</minLineCoverage><cpdMinimumTokens>5</cpdMinimumTokens>"
                + "<gateSeverity>density=passed</gateSeverity></step></" + PKG + "metrics.CodeMetricsBuilder>"));
        jenkins.createJob("metrics-right", FreestyleFormsITest.freestyle(null, "<" + PKG + "metrics.CodeMetricsBuilder>"
                + "<step><maxViolations>1=0, total=200</maxViolations><analysers>PMD, pylint</analysers>"
                + "<minLineCoverage>80.0</minLineCoverage><cpdMinimumTokens>9</cpdMinimumTokens>"
                + "<gateSeverity>density=failed</gateSeverity></step></" + PKG + "metrics.CodeMetricsBuilder>"));
        Path shots = ReportsAndRestartITest.SHOTS;
        try (StagePageBrowser browser = StagePageBrowser.open(jenkins, 2400)) {
            assumeThat(browser).as("headless Chromium/chromedriver installed").isNotNull();
            WebDriver driver = browser.driver();

            driver.get(jenkins.url() + "job/metrics-wrong/configure");
            TargetGroupFormsITest.field(driver, "maxViolations");
            TargetGroupFormsITest.expandAdvanced(driver);
            for (String message : List.of("maxViolations 1=zero needs a whole number",
                    "analysers: unknown analyser 'eslint'", "minLineCoverage is a percentage between 0 and 100",
                    "cpdMinimumTokens must be >= 10", "gates.severity.density must be UNSTABLE or FAILED")) {
                RealJenkins.waitFor("the form's error '" + message + "'", Duration.ofSeconds(30), () -> errors(driver)
                        .stream().filter(e -> e.contains(message)).findFirst());
            }
            // the form names its own field, not the request's path to it
            org.assertj.core.api.Assertions.assertThat(errors(driver)).as("the form's errors")
                    .noneMatch(e -> e.contains("gates.minLineCoverage"));
            TargetGroupFormsITest.scrollTo(driver, TargetGroupFormsITest.field(driver, "maxViolations"));
            NestedStepFormITest.shot(driver, shots, "freestyle-codeMetrics-form-checks");

            driver.get(jenkins.url() + "job/metrics-right/configure");
            TargetGroupFormsITest.field(driver, "maxViolations");
            TargetGroupFormsITest.expandAdvanced(driver);
            // one wrong value (a sentinel: the page's checks have answered), the other values the record takes
            RealJenkins.waitFor("the form's error for cpdMinimumTokens 9", Duration.ofSeconds(30), () -> errors(driver)
                    .stream().filter(e -> e.contains("cpdMinimumTokens must be >= 10, was 9")).findFirst());
            Thread.sleep(2000);
            org.assertj.core.api.Assertions.assertThat(errors(driver)).as("no error for the values the record takes")
                    .noneMatch(e -> e.contains("maxViolations") || e.contains("analysers") || e.contains("gates."));
        }
    }

    private static List<String> errors(WebDriver driver) {
        return driver.findElements(By.cssSelector(".error")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).filter(t -> !t.isBlank()).toList();
    }
}
