package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** A {@link BrowserSession} over a Selenium {@link WebDriver}. */
final class SeleniumSession implements BrowserSession {

    private final String name;
    private final WebDriver driver;
    private final Supplier<List<String>> console;
    private final Opener opener;
    private final Runnable afterQuit;

    /** Loads a page: HtmlUnit's {@code get} does not fail when nothing answers at the URL, so its opener checks. */
    interface Opener {
        /** @throws IllegalStateException saying why, when the browser could not load the URL at all */
        void open(String url);
    }

    SeleniumSession(String name, WebDriver driver, Supplier<List<String>> console, Opener opener, Runnable afterQuit) {
        this.name = name;
        this.driver = driver;
        this.console = console;
        this.opener = opener;
        this.afterQuit = afterQuit;
    }

    /** Console lines through the WebDriver logging API (Chrome). */
    static List<String> driverConsole(WebDriver driver) {
        List<String> lines = new ArrayList<>();
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                lines.add("[" + entry.getLevel() + "] " + entry.getMessage());
            }
        } catch (RuntimeException e) {
            lines.add("(the browser console log is not available: " + firstLine(e.getMessage()) + ")");
        }
        return lines;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void open(String url) {
        opener.open(url);
    }

    private static By by(Locator locator) {
        return switch (locator.kind()) {
            case ID -> By.id(locator.value());
            case NAME -> By.name(locator.value());
            case CSS -> By.cssSelector(locator.value());
            case LINK -> By.linkText(locator.value());
            case XPATH -> By.xpath(locator.value());
        };
    }

    private WebElement find(Locator locator) {
        try {
            return driver.findElement(by(locator));
        } catch (NoSuchElementException e) {
            throw new IllegalStateException("no element matches " + locator, e);
        }
    }

    @Override
    public boolean isPresent(Locator locator) {
        try {
            return !driver.findElements(by(locator)).isEmpty();
        } catch (WebDriverException e) {
            return false;
        }
    }

    @Override
    public void type(Locator locator, String text) {
        WebElement element = find(locator);
        try {
            element.clear();
            element.sendKeys(text);
        } catch (WebDriverException e) {
            throw new IllegalStateException("cannot type into " + locator + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void click(Locator locator) {
        WebElement element = find(locator);
        try {
            element.click();
        } catch (WebDriverException e) {
            throw new IllegalStateException("cannot click " + locator + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void submit(Locator locator) {
        WebElement element = find(locator);
        try {
            element.submit();
        } catch (WebDriverException e) {
            throw new IllegalStateException("cannot submit " + locator + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public String text(Locator locator) {
        for (int attempt = 1; ; attempt++) {
            try {
                return find(locator).getText();
            } catch (WebDriverException e) {
                if (attempt == 3 || !replaced(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String pageText() {
        for (int attempt = 1; ; attempt++) {
            try {
                List<WebElement> body = driver.findElements(By.tagName("body"));
                return body.isEmpty() ? "" : body.get(0).getText();
            } catch (WebDriverException e) {
                if (attempt == 3 || !replaced(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether the element was replaced between finding and reading it (the page was loading: after a submit, say):
     * then it is found again. Chrome sometimes says so as an "unhandled inspector error" instead of a stale element.
     */
    static boolean replaced(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || e.getMessage() != null && e.getMessage().contains("does not belong to the document");
    }

    @Override
    public String title() {
        String title = driver.getTitle();
        return title == null ? "" : title;
    }

    @Override
    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    @Override
    public String pageSource() {
        return driver.getPageSource();
    }

    @Override
    public boolean screenshot(Path png) {
        if (!(driver instanceof TakesScreenshot shooter)) {
            return false;
        }
        try {
            SafeOutput.write(png, shooter.getScreenshotAs(OutputType.BYTES));
            return true;
        } catch (WebDriverException | IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public List<String> drainConsole() {
        return console.get();
    }

    @Override
    public void reset() {
        try {
            driver.manage().deleteAllCookies();
            driver.get("about:blank");
        } catch (WebDriverException e) {
            // a broken page is replaced by the next scenario's first open
        }
    }

    @Override
    public void close() {
        // quitting talks to the driver over HTTP, which an interrupted thread cannot do; the flag is restored
        boolean interrupted = Thread.interrupted();
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // the driver process is stopped below regardless
        } finally {
            afterQuit.run();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
