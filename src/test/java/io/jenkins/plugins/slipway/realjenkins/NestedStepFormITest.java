package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A freestyle builder's form is its step's own form, nested: every "?" of a builder's configure page (the build
 * step's own, each step field's and the result file's) answers with the step's help, and the Snippet Generator shows
 * the same help for the Pipeline step. Screenshots of both pages land in {@code target/real-jenkins/screenshots/}.
 */
@ExtendWith(RealJenkinsExtension.class)
class NestedStepFormITest {
    static final String JOB = "nested-form";

    @Test
    void everyHelpLinkOfEveryBuilderFormAnswersWithTheStepsHelp(RealJenkins jenkins) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String builder : FreestyleFormsITest.BUILDERS.keySet()) {
            String job = "help-" + builder;
            String bare = builder.equals("ec2.Ec2LaunchBuilder")
                    ? "<" + FreestyleFormsITest.PKG + builder + "><step><fleet>f</fleet></step></" + FreestyleFormsITest.PKG + builder + ">"
                    : "<" + FreestyleFormsITest.PKG + builder + "/>";
            jenkins.createJob(job, FreestyleFormsITest.freestyle(null, bare));
            try (WebClient web = FreestyleFormsITest.browser(jenkins)) {
                HtmlPage page = web.getPage(jenkins.url() + "job/" + job + "/configure");
                web.waitForBackgroundJavaScript(10_000);
                List<HtmlElement> links = page.getByXPath("//div[contains(concat(' ', @class, ' '), ' repeated-chunk ')"
                        + " and starts-with(@descriptorid, '" + FreestyleFormsITest.PKG + "')]//*[@helpURL]");
                assertThat(links).as("help links of %s", builder).hasSizeGreaterThan(5);
                List<String> urls = new ArrayList<>();
                for (HtmlElement link : links) {
                    String url = link.getAttribute("helpURL");
                    urls.add(url);
                    var answer = jenkins.get(url.substring(1));
                    if (answer.statusCode() != 200 || !answer.body().contains("<div")) {
                        problems.add(builder + ": " + url + " answers " + answer.statusCode());
                    }
                }
                String step = FreestyleFormsITest.PKG + FreestyleFormsITest.BUILDERS.get(builder);
                // the build step's own "?" is its step's help.html (the builder has no help of its own)
                String own = "/descriptor/" + FreestyleFormsITest.PKG + builder + "/help/";
                assertThat(urls).as("help links of %s", builder).contains("/descriptor/" + step + "/help")
                        .contains(own + "resultFile")
                        .anyMatch(u -> u.startsWith("/descriptor/" + step + "/help/"))
                        .noneMatch(u -> u.startsWith(own) && !u.endsWith("/resultFile"));
            }
        }
        assertThat(problems).as("help links that do not answer").isEmpty();
    }

    @Test
    void theSshDeployFormAndItsSnippetLookRightInABrowser(RealJenkins jenkins) throws Exception {
        jenkins.createJob(JOB, FreestyleFormsITest.freestyle(null, "<" + FreestyleFormsITest.PKG
                + "deploy.SshDeployBuilder><step><credentialsId>deploy-key</credentialsId><baseDir>/srv/shop</baseDir>"
                + "<hostList>deploy@127.0.0.1:2222</hostList><batch>50%</batch></step></" + FreestyleFormsITest.PKG
                + "deploy.SshDeployBuilder>"));
        Path shots = ReportsAndRestartITest.SHOTS;
        try (StagePageBrowser browser = StagePageBrowser.open(jenkins, 2000)) {
            assumeTrue(browser != null, "headless Chromium/chromedriver not installed");
            WebDriver driver = browser.driver();
            driver.get(jenkins.url() + "job/" + JOB + "/configure");
            WebElement batch = RealJenkins.waitFor("the nested step form", Duration.ofSeconds(30),
                    () -> driver.findElements(By.name("_.batch")).stream().findFirst());
            assertThat(batch.getAttribute("value")).isEqualTo("50%");
            assertThat(driver.findElement(By.name("_.baseDir")).getAttribute("value")).isEqualTo("/srv/shop");
            openHelp(driver, "batch");
            String help = RealJenkins.waitFor("the batch help text", Duration.ofSeconds(20), () -> driver
                    .findElements(By.cssSelector(".help-area .help")).stream().map(WebElement::getText)
                    .filter(t -> t.contains("Hosts per batch")).findFirst());
            assertThat(help).contains("a percentage");
            shot(driver, shots, "freestyle-sshDeploy-configure");

            driver.get(jenkins.url() + "pipeline-syntax/");
            WebElement select = RealJenkins.waitFor("the snippet generator", Duration.ofSeconds(30),
                    () -> driver.findElements(By.cssSelector("select.dropdownList")).stream().findFirst());
            new org.openqa.selenium.support.ui.Select(select).selectByVisibleText(
                    "sshDeploy: Slipway: deploy a release over SSH (rolling, health-checked, with rollback)");
            RealJenkins.waitFor("the sshDeploy form", Duration.ofSeconds(30),
                    () -> driver.findElements(By.name("_.batch")).stream().filter(WebElement::isDisplayed).findFirst());
            openHelp(driver, "batch");
            RealJenkins.waitFor("the batch help text in the snippet generator", Duration.ofSeconds(20), () -> driver
                    .findElements(By.cssSelector(".help-area .help")).stream().map(WebElement::getText)
                    .filter(t -> t.contains("Hosts per batch")).findFirst());
            shot(driver, shots, "snippet-generator-sshDeploy");
        }
    }

    /** Clicks the "?" of the visible field {@code field}. */
    static void openHelp(WebDriver driver, String field) {
        List<WebElement> buttons = driver.findElements(By.cssSelector("[helpURL$='/help/" + field + "']"));
        WebElement button = buttons.stream().filter(WebElement::isDisplayed).findFirst()
                .orElseThrow(() -> new AssertionError("no visible help button for " + field + " among " + buttons.size()));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
        button.click();
    }

    static void shot(WebDriver driver, Path shots, String name) throws Exception {
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
