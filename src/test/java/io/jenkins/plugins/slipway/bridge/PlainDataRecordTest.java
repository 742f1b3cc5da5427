package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain data read back into records ({@link PlainData#toRecord}): the reverse of {@link PlainData#copyOf}. */
class PlainDataRecordTest {

    enum Colour { RED, GREEN }

    record Point(String label, int x, long y, double share, boolean shown, Colour colour) {
    }

    record Chart(String title, List<Point> points, Map<String, Long> totals, Point origin, Integer limit,
            List<String> notes) {
    }

    @Test
    void shouldReadWhatCopyOfWroteBackIntoTheSameRecord() {
        Chart chart = new Chart("deploys", List.of(new Point("a", 1, 20_000_000_000L, 0.5, true, Colour.GREEN)),
                Map.of("upload", 1200L), new Point("o", 0, 0, 0, false, Colour.RED), 7, List.of("n1", "n2"));
        Map<String, Object> plain = PlainData.copyOf(Map.of("chart", chart), "test");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) plain.get("chart");
        assertThat(PlainData.toRecord(inner, Chart.class, "the chart")).isEqualTo(chart);
        // and through the bridge's JSON, where every whole number comes back as the smallest type that holds it
        assertThat(PlainData.toRecord(MiniJson.parseObject(MiniJson.write(inner)), Chart.class, "the chart"))
                .isEqualTo(chart);
    }

    @Test
    void shouldIgnoreKeysTheRecordDoesNotDeclareAndDefaultTheOnesItMisses() {
        Point p = PlainData.toRecord(Map.of("label", "a", "extra", List.of(1, 2), "x", 3), Point.class, "p");
        assertThat(p).isEqualTo(new Point("a", 3, 0, 0.0, false, null));
        assertThat(PlainData.toRecord(Map.of(), Chart.class, "c")).isEqualTo(new Chart(null, null, null, null, null, null));
    }

    @Test
    void shouldNameThePathAndTheExpectedTypeOfAValueThatDoesNotFit() {
        assertThatThrownBy(() -> PlainData.toRecord(Map.of("points", List.of(Map.of("x", "three"))), Chart.class,
                "the chart"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the chart.points[0].x should be a number, was java.lang.String 'three'");
        assertThatThrownBy(() -> PlainData.toRecord(Map.of("colour", "BLUE"), Point.class, "p"))
                .hasMessage("p.colour should be one of [RED, GREEN], was java.lang.String 'BLUE'");
        assertThatThrownBy(() -> PlainData.toRecord(Map.of("origin", new java.util.ArrayList<>()), Chart.class, "c"))
                .hasMessage("c.origin should be an object (Point), was java.util.ArrayList []");
        assertThatThrownBy(() -> PlainData.toRecord(Map.of("shown", "yes"), Point.class, "p"))
                .hasMessage("p.shown should be true or false, was java.lang.String 'yes'");
    }
}
