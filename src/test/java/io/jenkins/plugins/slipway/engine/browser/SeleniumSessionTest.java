package io.jenkins.plugins.slipway.engine.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;

class SeleniumSessionTest {

    @Test
    void shouldReadAgainOnlyWhenTheElementWasReplacedWhileTheAppAnswered() {
        // what chromedriver says when the page changes between finding the body and reading its text
        assertThat(SeleniumSession.replaced(new WebDriverException("unknown error: unhandled inspector error: "
                + "{\"code\":-32000,\"message\":\"Node with given id does not belong to the document\"}"))).isTrue();
        assertThat(SeleniumSession.replaced(new StaleElementReferenceException("stale element reference"))).isTrue();
        assertThat(SeleniumSession.replaced(new WebDriverException("chrome not reachable"))).isFalse();
        assertThat(SeleniumSession.replaced(new WebDriverException((String) null))).isFalse();
    }
}
