package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

    @Test
    void shouldRoundTripPlainValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t unicode é \u0001");
        value.put("int", 42);
        value.put("long", 12_345_678_901L);
        value.put("double", 0.5);
        value.put("bool", true);
        value.put("none", null);
        value.put("list", List.of(1, "two", Map.of("three", 3)));
        String json = MiniJson.write(value);
        assertThat(MiniJson.parse(json)).isEqualTo(value);
    }

    @Test
    void shouldParseNumbersAsPlainTypes() {
        assertThat(MiniJson.parse("7")).isInstanceOf(Integer.class);
        assertThat(MiniJson.parse("-9000000000")).isEqualTo(-9_000_000_000L);
        assertThat(MiniJson.parse("1.5e2")).isEqualTo(150.0);
        assertThat(MiniJson.parse("\"\\u00e9\"")).isEqualTo("é");
    }

    @Test
    void shouldRejectBrokenJsonWithThePosition() {
        assertThatThrownBy(() -> MiniJson.parse("{\"a\": [1, 2}")).hasMessageContaining("character 11");
        assertThatThrownBy(() -> MiniJson.parse("{\"a\": 1} x")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> MiniJson.parse("\"open")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> MiniJson.parseObject("[]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void shouldRefuseHostileNesting() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> MiniJson.parse(deep)).hasMessageContaining("nested deeper than");
    }
}
