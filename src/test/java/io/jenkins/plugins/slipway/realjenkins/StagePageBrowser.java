package io.jenkins.plugins.slipway.realjenkins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium logged in to the suite's Jenkins, for screenshots of what a user sees (saved under
 * {@code target/real-jenkins/screenshots/}). {@link #open} returns null when Chromium or chromedriver is missing.
 */
final class StagePageBrowser implements AutoCloseable {
    private final WebDriver driver;
    private final ChromeDriverService service;
    private final RealJenkins jenkins;

    private StagePageBrowser(RealJenkins jenkins, WebDriver driver, ChromeDriverService service) {
        this.jenkins = jenkins;
        this.driver = driver;
        this.service = service;
    }

    static StagePageBrowser open(RealJenkins jenkins) throws Exception {
        return open(jenkins, 900);
    }

    /** As {@link #open(RealJenkins)}, with a window {@code height} pixels high (1280 wide). */
    static StagePageBrowser open(RealJenkins jenkins, int height) throws Exception {
        Path chromium = ReportsAndRestartITest.firstExecutable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path driverExe = ReportsAndRestartITest.firstExecutable("/usr/bin/chromedriver");
        if (chromium == null || driverExe == null) {
            return null;
        }
        Files.createDirectories(ReportsAndRestartITest.SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280," + height, "--user-data-dir="
                        + Files.createTempDirectory(ReportsAndRestartITest.SHOTS.getParent(), "chrome-"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverExe.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.get(jenkins.url() + "login");
        driver.findElement(By.name("j_username")).sendKeys(RealJenkins.ADMIN);
        driver.findElement(By.name("j_password")).sendKeys(RealJenkins.PASSWORD);
        driver.findElement(By.name("Submit")).click();
        RealJenkins.waitFor("the login to land", Duration.ofSeconds(30),
                () -> driver.getCurrentUrl().contains("login") ? Optional.empty() : Optional.of(true));
        return new StagePageBrowser(jenkins, driver, service);
    }

    /** Opens {@code path} (relative to Jenkins' root), saves its screenshot as {@code <shot>.png}, returns the page's visible text. */
    String shoot(String path, String shot) throws Exception {
        driver.get(jenkins.url() + path);
        Files.write(ReportsAndRestartITest.SHOTS.resolve(shot + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return driver.findElement(By.tagName("body")).getText();
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
