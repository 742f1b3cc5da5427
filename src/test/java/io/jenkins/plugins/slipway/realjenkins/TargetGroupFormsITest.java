package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The load balancer fields of ec2Launch, ec2Terminate and sshDeploy in a real Jenkins, in headless Chromium: saved
 * values come back, the help of each answers. Screenshots land in {@code target/real-jenkins/screenshots/}.
 */
@ExtendWith(RealJenkinsExtension.class)
class TargetGroupFormsITest {
    static final String PKG = FreestyleFormsITest.PKG;

    @Test
    void theTargetGroupFieldsLookRightInABrowser(RealJenkins jenkins) throws Exception {
        jenkins.createJob("elb-launch", FreestyleFormsITest.freestyle(null, "<" + PKG + "ec2.Ec2LaunchBuilder><step>"
                + "<fleet>shop-42</fleet><ami>ami-0123456789abcdef0</ami><targetGroups>shop-web</targetGroups>"
                + "<waitHealthy>true</waitHealthy><replaces>shop-41</replaces><targetPort>8080</targetPort>"
                + "</step></" + PKG + "ec2.Ec2LaunchBuilder>"));
        jenkins.createJob("elb-terminate", FreestyleFormsITest.freestyle(null, "<" + PKG + "ec2.Ec2TerminateBuilder>"
                + "<step><fleet>shop-41</fleet><targetGroups>shop-web</targetGroups></step></" + PKG
                + "ec2.Ec2TerminateBuilder>"));
        jenkins.createJob("elb-deploy", FreestyleFormsITest.freestyle(null, "<" + PKG + "deploy.SshDeployBuilder><step>"
                + "<credentialsId>deploy-key</credentialsId><baseDir>/srv/shop</baseDir>"
                + "<hostList>deploy@127.0.0.1:2222</hostList><targetGroups>shop-web</targetGroups>"
                + "<awsRegion>eu-west-1</awsRegion></step></" + PKG + "deploy.SshDeployBuilder>"));
        Path shots = ReportsAndRestartITest.SHOTS;
        try (StagePageBrowser browser = StagePageBrowser.open(jenkins, 2400)) {
            assumeTrue(browser != null, "headless Chromium/chromedriver not installed");
            WebDriver driver = browser.driver();

            driver.get(jenkins.url() + "job/elb-launch/configure");
            assertThat(field(driver, "targetGroups").getAttribute("value")).isEqualTo("shop-web");
            expandAdvanced(driver);
            assertThat(field(driver, "replaces").getAttribute("value")).isEqualTo("shop-41");
            assertThat(field(driver, "targetPort").getAttribute("value")).isEqualTo("8080");
            assertThat(field(driver, "waitHealthy").isSelected()).isTrue();
            help(driver, "replaces", "Blue/green: the fleet this one replaces");
            scrollTo(driver, field(driver, "replaces"));
            NestedStepFormITest.shot(driver, shots, "freestyle-ec2Launch-targetGroups");

            driver.get(jenkins.url() + "job/elb-terminate/configure");
            assertThat(field(driver, "targetGroups").getAttribute("value")).isEqualTo("shop-web");
            help(driver, "targetGroups", "to take the instances out of first");
            NestedStepFormITest.shot(driver, shots, "freestyle-ec2Terminate-targetGroups");

            driver.get(jenkins.url() + "job/elb-deploy/configure");
            RealJenkins.waitFor("the sshDeploy form", Duration.ofSeconds(30),
                    () -> driver.findElements(By.name("_.baseDir")).stream().findFirst());
            expandAdvanced(driver);
            assertThat(field(driver, "targetGroups").getAttribute("value")).isEqualTo("shop-web");
            assertThat(field(driver, "awsRegion").getAttribute("value")).isEqualTo("eu-west-1");
            help(driver, "targetGroups", "AWS Elastic Load Balancing target groups");
            scrollTo(driver, field(driver, "targetGroups"));
            NestedStepFormITest.shot(driver, shots, "freestyle-sshDeploy-targetGroups");
        }
    }

    static WebElement field(WebDriver driver, String name) throws InterruptedException {
        return RealJenkins.waitFor("the field " + name, Duration.ofSeconds(30), () -> driver
                .findElements(By.name("_." + name)).stream().filter(WebElement::isDisplayed).findFirst());
    }

    /** Opens every "Advanced" section of the page. */
    static void expandAdvanced(WebDriver driver) throws InterruptedException {
        List<WebElement> buttons = RealJenkins.waitFor("the Advanced buttons", Duration.ofSeconds(30), () -> {
            List<WebElement> found = driver.findElements(By.cssSelector(".advanced-button, .advancedButton button,"
                    + " button.advancedButton"));
            return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found);
        });
        for (WebElement b : buttons) {
            if (b.isDisplayed()) {
                scrollTo(driver, b);
                b.click();
            }
        }
    }

    static void help(WebDriver driver, String field, String text) throws InterruptedException {
        NestedStepFormITest.openHelp(driver, field);
        RealJenkins.waitFor("the help of " + field, Duration.ofSeconds(20), () -> driver
                .findElements(By.cssSelector(".help-area .help")).stream().map(WebElement::getText)
                .filter(t -> t.contains(text)).findFirst());
    }

    static void scrollTo(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }
}
