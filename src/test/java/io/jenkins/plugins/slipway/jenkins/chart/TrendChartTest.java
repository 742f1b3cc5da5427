package io.jenkins.plugins.slipway.jenkins.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TrendChartTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element series(Document doc, String name) {
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (name.equals(g.getAttribute("data-series"))) {
                return g;
            }
        }
        throw new AssertionError("no series " + name);
    }

    @Test
    void shouldDrawOnePointPerBuildInEverySeriesAsWellFormedSvg() throws Exception {
        List<TrendPoint> points = new ArrayList<>();
        for (int b = 1; b <= 7; b++) {
            points.add(new TrendPoint("#" + b, 10.0 + b, 2.5, b == 3 ? null : 70.0 + b, 1000.0 * b));
        }

        Document doc = parse(TrendChart.render(points));

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(series(doc, "Violations").getElementsByTagName("circle").getLength()).isEqualTo(7);
        assertThat(series(doc, "Lines of code").getElementsByTagName("circle").getLength()).isEqualTo(7);
        assertThat(series(doc, "Line coverage %").getElementsByTagName("circle").getLength()).isEqualTo(6);
        assertThat(series(doc, "Violations").getElementsByTagName("polyline").getLength()).isEqualTo(1);
        String firstTitle = series(doc, "Violations").getElementsByTagName("circle").item(0).getTextContent();
        assertThat(firstTitle).isEqualTo("#1: 11");
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    }

    @Test
    void shouldSayNoDataForAnEmptyHistory() throws Exception {
        Document doc = parse(TrendChart.render(List.of()));
        assertThat(doc.getElementsByTagName("circle").getLength()).isZero();
        assertThat(doc.getDocumentElement().getTextContent()).contains("no data");
    }

    @Test
    void shouldDrawASingleBuildAsOnePointWithoutALineAndEscapeLabels() throws Exception {
        Document doc = parse(TrendChart.render(List.of(new TrendPoint("<b>&\"1\"", 3.0, 0.0, null, 120.0))));
        assertThat(series(doc, "Violations").getElementsByTagName("circle").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("polyline").getLength()).isZero();
        assertThat(series(doc, "Line coverage %").getTextContent()).contains("no data");
        assertThat(series(doc, "Violations").getTextContent()).contains("<b>&\"1\"");
    }
}
