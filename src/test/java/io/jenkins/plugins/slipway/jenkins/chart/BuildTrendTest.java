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

class BuildTrendTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element panel(Document doc, String name) {
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (name.equals(g.getAttribute("data-panel"))) {
                return g;
            }
        }
        throw new AssertionError("no panel " + name);
    }

    private static List<Element> links(Element panel) {
        List<Element> out = new ArrayList<>();
        NodeList a = panel.getElementsByTagName("a");
        for (int i = 0; i < a.getLength(); i++) {
            out.add((Element) a.item(i));
        }
        return out;
    }

    @Test
    void shouldStackPassedFailedAndSkippedPerBuildAndLinkEveryBarAndPointToItsBuild() throws Exception {
        List<BuildTrend.Build> builds = List.of(
                new BuildTrend.Build("#1", "1/", 8L, 2L, 0L, 70.0, 12.0, 3.5),
                new BuildTrend.Build("#2", "2/", null, null, null, null, 10.0, null), // no tests, no deploy
                new BuildTrend.Build("#3", "3/", 10L, 0L, 5L, 75.5, 9.0, 2.0));

        String svg = BuildTrend.render(builds);
        Document doc = parse(svg);

        List<Element> tests = links(panel(doc, "Tests"));
        assertThat(tests).extracting(a -> a.getAttribute("href")).containsExactly("1/", "3/");
        // build 1: 8 passed and 2 failed, on a scale to 20 (the nice ceiling of 15 tests) of 90 px
        NodeList rects1 = tests.get(0).getElementsByTagName("rect");
        assertThat(rects1.getLength()).isEqualTo(2);
        assertThat(((Element) rects1.item(0)).getAttribute("fill")).isEqualTo("#1a7f37");
        assertThat(((Element) rects1.item(0)).getAttribute("height")).isEqualTo("36.0");
        assertThat(((Element) rects1.item(1)).getAttribute("fill")).isEqualTo("#cf222e");
        assertThat(((Element) rects1.item(1)).getAttribute("height")).isEqualTo("9.0");
        assertThat(tests.get(1).getElementsByTagName("rect").getLength()).as("passed and skipped, no empty failed bar").isEqualTo(2);
        assertThat(tests.get(0).getElementsByTagName("title").item(0).getTextContent()).isEqualTo("#1: 8 passed, 2 failed, 0 skipped");

        assertThat(links(panel(doc, "Line coverage %"))).extracting(a -> a.getAttribute("href")).containsExactly("1/", "3/");
        assertThat(links(panel(doc, "Findings"))).extracting(a -> a.getAttribute("href")).containsExactly("1/", "2/", "3/");
        List<Element> deploys = links(panel(doc, "Deploy duration (s)"));
        assertThat(deploys).extracting(a -> a.getAttribute("href")).containsExactly("1/", "3/");
        assertThat(deploys.get(0).getElementsByTagName("title").item(0).getTextContent()).isEqualTo("#1: 3.50 s");
        assertThat(svg).doesNotContain("<script", "style=", "javascript:");
    }

    @Test
    void shouldSayNoDataForAFigureNoBuildMeasuredAndEscapeLabelsAndLinks() throws Exception {
        String svg = BuildTrend.render(List.of(new BuildTrend.Build("#1 <b>", "1/?a=\"x\"&b", null, null, null, null, 4.0, null)));
        Document doc = parse(svg);

        assertThat(panel(doc, "Tests").getTextContent()).contains("no data");
        assertThat(panel(doc, "Deploy duration (s)").getTextContent()).contains("no data");
        assertThat(links(panel(doc, "Findings"))).singleElement().satisfies(a -> assertThat(a.getAttribute("href")).isEqualTo("1/?a=\"x\"&b"));
        assertThat(svg).contains("#1 &lt;b&gt;").doesNotContain("<b>");
    }
}
