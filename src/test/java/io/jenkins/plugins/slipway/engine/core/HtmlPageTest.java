package io.jenkins.plugins.slipway.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlPageTest {

    @TempDir
    Path dir;

    @Test
    void shouldEscapeMarkupQuotesAndControlCharacters() {
        assertThat(HtmlPage.esc("<a href=\"x\" title='y'>&</a>\u0007\tz\n"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt; \tz&#10;");
        assertThat(HtmlPage.esc(null)).isEmpty();
    }

    @Test
    void shouldFrameThePageWithTheStylesheetAndNoStyleOrScriptOfItsOwn() {
        String page = HtmlPage.head("Run <1>") + HtmlPage.badge("ROLLED_BACK") + HtmlPage.badge("x\"><script>") + HtmlPage.foot();
        assertThat(page).contains("<link rel=\"stylesheet\" href=\"slipway.css\">", "<title>Run &lt;1&gt;</title>",
                "<span class=\"badge s-ROLLED_BACK\">ROLLED BACK</span>", "class=\"badge s-x___script_\"")
                .doesNotContain("<style", "style=", "<script");
    }

    @Test
    void shouldWriteThePageAndTheStylesheetBesideIt() throws Exception {
        Path page = dir.resolve("out/sub/index.html");
        HtmlPage.write(page, "<p>hello</p>");
        assertThat(page).hasContent("<p>hello</p>");
        assertThat(page.resolveSibling(HtmlPage.STYLESHEET)).hasContent(HtmlPage.css());
        try (var files = Files.list(page.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.html", "slipway.css");
        }
    }

    @Test
    void shouldShipAStylesheetWithStatusColoursAPrintLayoutAndNothingFromOutside() {
        String css = HtmlPage.css();
        assertThat(css).contains(".badge.s-PASSED", ".badge.s-FAILED", ".card.s-FAILED", "svg .f-FAILED", "@media print",
                        "print-color-adjust")
                .doesNotContain("@import", "url(", "http:", "https:");
    }

    @Test
    void shouldSayDurationsTheWayPeopleRead() {
        assertThat(HtmlPage.duration(850)).isEqualTo("850 ms");
        assertThat(HtmlPage.duration(12_340)).isEqualTo("12.3 s");
        assertThat(HtmlPage.duration(125_000)).isEqualTo("2 min 05 s");
    }
}
