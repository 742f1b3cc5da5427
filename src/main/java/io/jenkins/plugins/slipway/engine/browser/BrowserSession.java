package io.jenkins.plugins.slipway.engine.browser;

import java.nio.file.Path;
import java.util.List;

/**
 * The browser as the scenario runner sees it. Element methods throw {@link IllegalStateException} with a
 * readable message when the element is missing or cannot be used.
 */
interface BrowserSession extends AutoCloseable {

    /** {@code htmlunit} or {@code chrome}. */
    String name();

    void open(String url);

    boolean isPresent(Locator locator);

    void type(Locator locator, String text);

    void click(Locator locator);

    void submit(Locator locator);

    /** Visible text of the element. */
    String text(Locator locator);

    /** Visible text of the whole page. */
    String pageText();

    String title();

    String currentUrl();

    String pageSource();

    /** Writes a PNG; false when this browser cannot take screenshots. */
    boolean screenshot(Path png);

    /** What the page wrote to its console since the last call. */
    List<String> drainConsole();

    /** Forgets cookies and leaves the page, so the next scenario starts clean. */
    void reset();

    @Override
    void close();
}
