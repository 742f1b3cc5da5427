package io.jenkins.plugins.slipway.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.jenkins.chart.TrendChart;
import io.jenkins.plugins.slipway.jenkins.chart.TrendPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void shouldEscapeMarkupQuotesAndControlCharacters() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>\u0007\tz\n"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt; \tz&#10;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("")).isEmpty();
        assertThat(Html.escape("plain text: 100% ok")).isEqualTo("plain text: 100% ok");
        assertThat(Html.escape("ends with <")).isEqualTo("ends with &lt;");
    }

    @Test
    void shouldEscapeABuildLabelInTheJobPageChartLikeEveryReport() {
        String hostile = "#7 <script>alert('x')</script> & \"q\"";
        String svg = TrendChart.render(List.of(new TrendPoint(hostile, 3.0, 1.0, 80.0, 100.0),
                new TrendPoint("#8", 2.0, 1.0, 81.0, 110.0)));
        assertThat(svg).doesNotContain("<script>").contains(Html.escape(hostile));
    }
}
