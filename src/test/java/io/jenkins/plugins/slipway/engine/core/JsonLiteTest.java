package io.jenkins.plugins.slipway.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.slipway.engine.git.CommitInfo;
import io.jenkins.plugins.slipway.engine.git.GitService;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JsonLite} writes exactly Jackson's bytes, or leaves the value to Jackson. */
class JsonLiteTest {

    @TempDir
    Path dir;

    record Point(int x, long y, double z, Boolean on, String label) {
    }

    record Nested(String name, List<Point> points, Map<String, Object> extra, Outcome outcome, Point[] array,
            List<List<String>> grid, Map<String, Point> byName) {
    }

    record Empty() {
    }

    private record Hidden(String secret, char letter, float ratio, short s, byte b) {
    }

    record Renamed(@JsonProperty("other") String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SkipsNulls(String a, String b) {
    }

    record WithGetter(String a) {
        public String getB() {
            return "b";
        }
    }

    record WithIs(String a) {
        public boolean isReady() {
            return true;
        }
    }

    enum Plain { ONE, TWO_WORDS }

    enum Named {
        @JsonProperty("one") ONE
    }

    private static String jackson(Object value) throws Exception {
        return Json.MAPPER.writeValueAsString(value);
    }

    private static void assertSameAsJackson(Object value) throws Exception {
        assertThat(JsonLite.write(value)).as("written without Jackson").isNotNull().isEqualTo(jackson(value));
    }

    @Test
    void shouldWriteScalarsAsJacksonDoes() throws Exception {
        for (Object value : Arrays.asList(null, "", "plain", true, false, 0, -7, Integer.MAX_VALUE, Long.MIN_VALUE,
                (short) 3, (byte) -2, 0.0, -0.0, 0.1, 1.0, 100.0, 1e7, 1.0E-5, 123456789.125, Double.MAX_VALUE,
                Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5f, 0.1f,
                Float.NaN, new BigDecimal("1.50"), new BigDecimal("1E+3"), new BigInteger("123456789012345678901234567890"),
                'x', '"', Outcome.PASSED, Plain.TWO_WORDS)) {
            assertSameAsJackson(value);
        }
    }

    @Test
    void shouldEscapeStringsAsJacksonDoes() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        for (String s : List.of(every.toString(), "quote \" backslash \\ slash / tab\tnew\nline\r",
                "é ß 中文 \u2028 \u2029 \u007f \ufeff", "emoji 😀 (a surrogate pair)", "</script>")) {
            assertSameAsJackson(s);
            assertSameAsJackson(Map.of(s, s));
        }
    }

    @Test
    void shouldWriteRecordsMapsAndListsIndentedAsJacksonDoes() throws Exception {
        Point p = new Point(1, 2L, 3.5, null, "a \"label\"");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("none", null);
        extra.put("empty map", Map.of());
        extra.put("empty list", List.of());
        extra.put("set", new LinkedHashSet<>(List.of("b", "a")));
        extra.put("deep", Map.of("list", List.of(Map.of("k", List.of(1, 2)), List.of(), Map.of())));
        extra.put("empty record", new Empty());
        extra.put("strings", new String[] {"x", null});
        Nested nested = new Nested("n", List.of(p, new Point(-1, 0, -0.25, true, "")), extra, Outcome.UNSTABLE,
                new Point[] {p}, List.of(List.of("a", "b"), List.of()), new TreeMap<>(Map.of("z", p, "a", p)));
        for (Object value : List.of(p, nested, new Empty(), List.of(nested, nested), Map.of("only", nested),
                new Hidden("s", 'c', 0.5f, (short) 1, (byte) 2), List.of(), Map.of(), new ArrayList<>(List.of(1, "two")),
                new Object[] {1, null, "x"}, new Nested(null, null, null, null, null, null, null))) {
            assertSameAsJackson(value);
        }
    }

    @Test
    void shouldWriteRealCommitInfoAsJacksonDoes() throws Exception {
        CommitInfo none = new GitService().commitInfo(dir, false);
        assertThat(none.found()).isFalse();
        assertSameAsJackson(none);
        CommitInfo here = new GitService().commitInfo(Path.of("").toAbsolutePath(), false);
        assertSameAsJackson(here);
        assertSameAsJackson(Map.of("task", "version", "commit", here));
    }

    @Test
    void shouldLeaveToJacksonWhatItCannotPromiseToWriteTheSame() throws Exception {
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        for (Object value : List.of(Path.of("/tmp/x"), new Renamed("n"), new SkipsNulls("a", null), new WithGetter("a"),
                new WithIs("a"), Named.ONE, Json.MAPPER.createObjectNode().put("a", 1), new int[] {1, 2},
                new byte[] {1, 2}, Optional.of("x"), Instant.EPOCH, intKeys, "lone \ud800 surrogate", new Object(),
                List.of(new Point(1, 2, 3, true, "x"), Path.of("/nested")))) {
            assertThat(JsonLite.write(value)).as(String.valueOf(value)).isNull();
        }
    }

    @Test
    void shouldWriteFilesAsJacksonDoesWhicheverWritesThem() throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("task", "version");
        envelope.put("result", new Point(1, 2, 3, true, "x"));
        Map<String, Object> withPath = new LinkedHashMap<>(envelope);
        withPath.put("path", Path.of("/tmp/x"));
        withPath.put("renamed", new Renamed("n"));
        for (Map<String, Object> value : List.of(envelope, withPath)) {
            Path lite = dir.resolve("lite.json");
            JsonLite.writeFile(lite, value);
            Path viaJson = dir.resolve("sub/json.json");
            Json.writeFile(viaJson, value);
            String expected = jackson(value);
            assertThat(Files.readString(lite, StandardCharsets.UTF_8)).isEqualTo(expected);
            assertThat(Files.readString(viaJson, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("lite.json", "sub");
        }
    }

    record Limits(int retries, double ratio, boolean strict, String name, List<String> names) {
        Limits {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more");
            }
            names = names == null ? List.of("default") : names;
        }
    }

    record Picky(int value) {
        Picky {
            if (value == 0) {
                throw new IllegalArgumentException("value is required, e.g. value: 3");
            }
        }
    }

    @Test
    void shouldBindAnEmptyRequestAsJacksonDoes() throws Exception {
        for (Class<?> type : List.of(Limits.class, Empty.class, Point.class, Hidden.class)) {
            assertThat(JsonLite.bind(Map.of(), type, "t")).isEqualTo(Json.read(Json.MAPPER.createObjectNode(), type, "t"));
            assertThat(JsonLite.bind(null, type, "t")).isEqualTo(Json.read(Json.MAPPER.createObjectNode(), type, "t"));
        }
        assertThat(JsonLite.bind(Map.of(), Limits.class, "t").names()).containsExactly("default");
        assertThat(JsonLite.bind(Map.of(), Renamed.class, "t")).isEqualTo(new Renamed(null));

        assertThatThrownBy(() -> JsonLite.bind(Map.of(), Picky.class, "Parameters of 'picky'"))
                .isInstanceOf(SlipwayException.class)
                .hasMessage("Parameters of 'picky': value is required, e.g. value: 3")
                .hasMessage(messageOf(() -> Json.read(Json.MAPPER.createObjectNode(), Picky.class, "Parameters of 'picky'")))
                .satisfies(e -> assertThat(((SlipwayException) e).kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT));
    }

    @Test
    void shouldBindAGivenRequestThroughJackson() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("retries", 2);
        request.put("ratio", 0.5);
        request.put("names", List.of("a"));
        assertThat(JsonLite.bind(request, Limits.class, "t")).isEqualTo(new Limits(2, 0.5, false, null, List.of("a")));
        request.put("retries", -1);
        assertThatThrownBy(() -> JsonLite.bind(request, Limits.class, "Parameters of 'x'"))
                .hasMessage("Parameters of 'x': retries must be 0 or more");
        assertThatThrownBy(() -> JsonLite.bind(Map.of("retrys", 1), Limits.class, "Parameters of 'x'"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageStartingWith("Parameters of 'x': unknown parameter 'retrys'. Known parameters: ");
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static String messageOf(Call call) {
        try {
            call.call();
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
