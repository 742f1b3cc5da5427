package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.GateSeverity;
import io.jenkins.plugins.slipway.request.metrics.MetricsGates;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplicate;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.LanguageSize;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Location;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Real PMD and CPD on small fixtures with known violations and duplicates. */
class MetricsServiceTest {
    private static final String DATA = "/io/jenkins/plugins/slipway/engine/metrics/";

    @TempDir
    Path workspace;

    static void copy(String fixture, Path to) throws IOException, URISyntaxException {
        Path from = Path.of(MetricsServiceTest.class.getResource(DATA + fixture).toURI());
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private TaskContext context() {
        return new TaskContext(Log.silent(), Secrets.none(), workspace);
    }

    static MetricsRequest request(List<String> coverage, String baseline, MetricsGates gates) {
        return new MetricsRequest(null, null, null, null, null, null, null, null, baseline, coverage, null, gates,
                null, null, null, null);
    }

    @Test
    void shouldFindKnownViolationsDuplicatesAndSizesInJavaPythonAndJavaScript() throws Exception {
        copy("sample", workspace);

        MetricsResult result = new MetricsService().run(request(List.of("coverage.xml"), null, null), context());

        Set<String> rules = result.violations().items().stream().map(Violation::rule).collect(Collectors.toSet());
        assertThat(rules).contains("EmptyCatchBlock", "UnusedPrivateField", "EqualComparison");
        assertThat(result.violations().items()).anySatisfy(v -> {
            assertThat(v.file()).isEqualTo("src/main/java/demo/Orders.java");
            assertThat(v.rule()).isEqualTo("EmptyCatchBlock");
            assertThat(v.line()).isEqualTo(20);
        });
        assertThat(result.violations().items()).anySatisfy(v -> assertThat(v.file()).isEqualTo("web/cart.js"));
        assertThat(result.violations().total()).isEqualTo(result.violations().byPriority().values().stream()
                .mapToInt(Integer::intValue).sum());

        Set<String> duplicatedFiles = result.duplication().items().stream().flatMap(d -> d.locations().stream())
                .map(Location::file).collect(Collectors.toSet());
        assertThat(duplicatedFiles).contains("src/main/java/demo/Orders.java", "py/shop.py", "web/cart.js");
        assertThat(result.duplication().duplicatedLinesPercent()).isGreaterThan(10).isLessThan(100);
        Duplicate python = result.duplication().items().stream()
                .filter(d -> d.locations().get(0).file().equals("py/shop.py")).findFirst().orElseThrow();
        assertThat(python.locations()).extracting(Location::beginLine).contains(4, 12);

        Map<String, LanguageSize> languages = result.size().languages().stream()
                .collect(Collectors.toMap(LanguageSize::language, l -> l));
        assertThat(languages.get("Java").files()).isEqualTo(1);
        assertThat(languages.get("Java").commentLines()).isEqualTo(2);
        assertThat(languages.get("Java").blankLines()).isEqualTo(5);
        assertThat(languages.get("Java").codeLines()).isEqualTo(33);
        assertThat(languages.get("Python").commentLines()).isEqualTo(1);
        assertThat(languages.get("JavaScript").commentLines()).isEqualTo(1);
        // coverage.xml in the root is the test run's output, not code
        assertThat(languages).doesNotContainKey("XML");
        assertThat(result.size().largestFiles()).noneMatch(f -> f.path().equals("coverage.xml"));

        assertThat(result.coverage().linePercent()).isEqualTo(80.0);
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.skippedFiles()).isEmpty();

        Path out = workspace.resolve("slipway/metrics");
        assertThat(root(out.resolve("pmd.xml")).getDocumentElement().getTagName()).isEqualTo("pmd");
        assertThat(root(out.resolve("cpd.xml")).getDocumentElement().getTagName()).isEqualTo("pmd-cpd");
        JsonNode sarif = Json.MAPPER.readTree(out.resolve("pmd.sarif.json").toFile());
        assertThat(sarif.path("runs").get(0).path("results").size()).isEqualTo(result.violations().byTool().get("pmd"));
        JsonNode all = Json.MAPPER.readTree(out.resolve("findings.sarif.json").toFile());
        int inSarif = 0;
        for (JsonNode run : all.path("runs")) {
            inSarif += run.path("results").size();
        }
        assertThat(inSarif).isEqualTo(result.violations().total());
        JsonNode json = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertThat(json.path("violations").path("total").asInt()).isEqualTo(result.violations().total());
        String html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<svg", "EmptyCatchBlock", "Orders.java").doesNotContain("<script");
        assertThat(result.coverage().worstFiles()).isNotEmpty();
        assertThat(html).contains("Per file, worst first", result.coverage().worstFiles().get(0).path());
        // the first duplicated block: both places in its summary and its lines shown
        Duplicate first = result.duplication().items().get(0);
        Location at = first.locations().get(0);
        String firstLine = Files.readAllLines(workspace.resolve(at.file())).get(at.beginLine() - 1);
        assertThat(html).contains("<details class=\"dup\" open><summary><b>" + first.lines() + " lines</b>",
                "<code>" + at.file() + ":" + at.beginLine() + "-" + at.endLine() + "</code> and <code>",
                at.beginLine() + "  " + io.jenkins.plugins.slipway.engine.core.HtmlPage.esc(firstLine));
        assertThat(result.reports()).containsKeys("pmdXml", "cpdXml", "sarif", "html", "json");
    }

    private static Document root(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    @Test
    void shouldReportAndSkipUnparseableJavaAndPythonFilesAndStillAnalyseTheOthers() throws Exception {
        copy("broken", workspace);

        MetricsResult result = new MetricsService().run(request(null, null, null), context());

        assertThat(result.skippedFiles()).anySatisfy(s -> {
            assertThat(s.file()).isEqualTo("src/Broken.java");
            assertThat(s.tool()).isEqualTo("pmd");
            assertThat(s.reason()).isNotBlank();
        });
        assertThat(result.skippedFiles()).anySatisfy(s -> {
            assertThat(s.file()).isEqualTo("src/broken.py");
            assertThat(s.tool()).isEqualTo("cpd");
        });
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.size().files()).isEqualTo(4);
        assertThat(result.summary()).contains("files skipped");
    }

    @Test
    void shouldNotCountReportsThatTestRunsAndAnalysersWroteAsCode() throws Exception {
        Files.createDirectories(workspace.resolve("src"));
        Files.writeString(workspace.resolve("src/app.py"), "def add(a, b):\n    return a + b\n");
        Files.writeString(workspace.resolve("pom.xml"), "<?xml version=\"1.0\"?>\n<project>\n  <modelVersion>4.0.0"
                + "</modelVersion>\n</project>\n");
        Files.writeString(workspace.resolve("coverage.xml"), "<?xml version=\"1.0\" ?>\n<coverage version=\"7.2\" "
                + "line-rate=\"1\">\n<packages/>\n</coverage>\n");
        Files.writeString(workspace.resolve("result.xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?><testsuites>"
                + "<testsuite name=\"pytest\" tests=\"1\"><testcase name=\"t\"/></testsuite></testsuites>\n");
        Files.writeString(workspace.resolve("TEST-demo.AppTest.xml"), "<testsuite name=\"demo.AppTest\" tests=\"0\"/>");
        Files.writeString(workspace.resolve("jacoco.xml"), "<?xml version=\"1.0\"?><!DOCTYPE report PUBLIC "
                + "\"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"x\"></report>");
        Files.createDirectories(workspace.resolve("htmlcov"));
        Files.writeString(workspace.resolve("htmlcov/index.html"), "<html><body>coverage</body></html>\n");
        Files.writeString(workspace.resolve(".coverage"), "SQLite format 3");
        Files.createDirectories(workspace.resolve("slipway/tests"));
        Files.writeString(workspace.resolve("slipway/tests/junit.xml"), "<testsuites/>\n");

        MetricsResult result = new MetricsService().run(request(null, null, null), context());

        assertThat(result.size().largestFiles()).extracting(MetricsResult.FileSize::path)
                .containsExactlyInAnyOrder("src/app.py", "pom.xml");
        assertThat(result.size().files()).isEqualTo(2);
    }

    @Test
    void shouldMeasureThePythonFormApp() throws Exception {
        // the same copy of the seed's app the test stage runs pytest on
        copy("../tests/python-formapp/project", workspace);

        MetricsResult result = new MetricsService().run(request(null, null, null), context());

        assertThat(result.size().languages()).extracting(LanguageSize::language).contains("Python");
        assertThat(result.size().codeLines()).isGreaterThan(30);
        // PMD has no Python rules; the Python analysers installed here report on it
        assertThat(result.violations().byTool()).doesNotContainKey("pmd");
        assertThat(result.violations().total()).isEqualTo(result.analysers().stream()
                .mapToInt(MetricsResult.AnalyserRun::findings).sum());
        assertThat(result.duplication().analysedLines()).isGreaterThan(50);
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void shouldMakeTheBuildUnstableOrFailedWhenTheAbsoluteViolationGateIsMissed() throws Exception {
        copy("sample", workspace);
        MetricsGates unstable = new MetricsGates(Map.of("total", 0), 90.0, null, null, null, null, null);
        MetricsResult first = new MetricsService().run(request(null, null, unstable), context());
        assertThat(first.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(first.gates()).anySatisfy(g -> {
            assertThat(g.gate()).isEqualTo("violations");
            assertThat(g.passed()).isFalse();
            assertThat(g.message()).contains("missed", "UNSTABLE");
        });
        assertThat(first.gates()).anySatisfy(g -> {
            assertThat(g.gate()).isEqualTo("duplication");
            assertThat(g.passed()).isTrue();
        });

        MetricsGates failed = new MetricsGates(Map.of("total", 0), null, null, null, null, null,
                Map.of("violations", GateSeverity.FAILED));
        assertThat(new MetricsService().run(request(null, null, failed), context()).outcome())
                .isEqualTo(Outcome.FAILED);
    }

    @Test
    void shouldRefuseANamedBaselineThatCannotBeReadBeforeMeasuringAnything() throws Exception {
        copy("broken", workspace);
        MetricsGates delta = new MetricsGates(null, null, null, null, true, 0.5, null);

        assertThatThrownBy(() -> new MetricsService().run(request(null, "nowhere/metrics.json", delta), context()))
                .isInstanceOfSatisfying(MetricsException.class,
                        e -> assertThat(e.kind()).isEqualTo(io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind.BAD_INPUT))
                .hasMessageContaining("baseline: 'nowhere/metrics.json'").hasMessageContaining("no such file");
        assertThat(workspace.resolve("slipway/metrics")).as("nothing ran").doesNotExist();

        Files.writeString(workspace.resolve("half.json"), "{\"violations\": ");
        assertThatThrownBy(() -> new MetricsService().run(request(null, "half.json", delta), context()))
                .hasMessageContaining("baseline: 'half.json'").hasMessageContaining("cannot be read");
        Files.writeString(workspace.resolve("list.json"), "[1, 2]");
        assertThatThrownBy(() -> new MetricsService().run(request(null, "list.json", delta), context()))
                .hasMessageContaining("baseline: 'list.json'").hasMessageContaining("does not hold a JSON object");
    }

    @Test
    void shouldSayTheDeltaGatesWereNotEvaluatedWithoutABaseline() throws Exception {
        copy("broken", workspace);
        MetricsGates delta = new MetricsGates(null, null, null, null, true, 0.5, null);

        MetricsResult result = new MetricsService().run(request(null, null, delta), context());

        assertThat(result.baselineNote()).isEqualTo("No baseline (no earlier result to compare with): the delta gates "
                + "noNewHighPriorityViolations, maxCoverageDrop were not evaluated");
        assertThat(result.gates()).isEmpty();
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(Files.readString(workspace.resolve("slipway/metrics/index.html"))).contains("were not evaluated");
        MetricsResult plain = new MetricsService().run(request(null, null, MetricsGates.NONE), context());
        assertThat(plain.baselineNote()).isEqualTo("No baseline was given");
    }

    @Test
    void shouldFailTheDeltaGateWhenHighPriorityViolationsGrowAgainstThePreviousRun() throws Exception {
        copy("sample", workspace);
        Files.writeString(workspace.resolve("previous.json"),
                "{\"violations\":{\"byPriority\":{\"1\":0,\"2\":0}},\"coverage\":{\"linePercent\":90.0}}");
        MetricsGates delta = new MetricsGates(null, null, null, null, true, 0.5,
                Map.of("coverageDrop", GateSeverity.FAILED));

        MetricsResult result = new MetricsService().run(request(List.of("coverage.xml"), "previous.json", delta),
                context());

        assertThat(result.baselineNote()).contains("previous.json");
        assertThat(result.gates()).anySatisfy(g -> {
            assertThat(g.gate()).isEqualTo("coverageDrop");
            assertThat(g.actual()).isEqualTo(10.0);
            assertThat(g.passed()).isFalse();
            assertThat(g.effect()).isEqualTo(Outcome.FAILED);
        });
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        // the page shows the change next to each figure: coverage fell 10 points, high-priority findings did not change
        String html = Files.readString(workspace.resolve("slipway/metrics/index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<span class=\"delta worse\" title=\"since the baseline: -10.00\">▼ 10.00</span>");
        assertThat(result.violations().byPriority().getOrDefault("1", 0) + result.violations().byPriority().getOrDefault("2", 0))
                .as("high-priority findings, as many as in the baseline").isZero();
        assertThat(html).contains("<dt>high priority</dt><dd>0<span class=\"delta same\" title=\"unchanged since the baseline\">")
                .doesNotContain("<style", "style=", "<script").contains("<link rel=\"stylesheet\" href=\"slipway.css\">");
        assertThat(workspace.resolve("slipway/metrics/slipway.css")).hasContent(io.jenkins.plugins.slipway.engine.core.HtmlPage.css());
    }

    @Test
    void shouldRejectAMissingRuleSetAndAMissingSourceRootAsBadInput() throws Exception {
        copy("broken", workspace);
        MetricsRequest badRules = new MetricsRequest(null, null, null, List.of("no/such-rules.xml"), List.of(), null,
                null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> new MetricsService().run(badRules, context()))
                .isInstanceOf(MetricsException.class).hasMessageContaining("no/such-rules.xml")
                .satisfies(e -> assertThat(((SlipwayException) e).kind()).isEqualTo(SlipwayException.Kind.BAD_INPUT));
        MetricsRequest badRoot = new MetricsRequest(List.of("missing"), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> new MetricsService().run(badRoot, context()))
                .isInstanceOf(MetricsException.class).hasMessageContaining("'missing' does not exist");
    }

    @Test
    void shouldKeepThePmdCacheOutsideTheWorkspaceAndReuseIt() throws Exception {
        copy("sample", workspace.resolve("ws"));
        Path cache = workspace.resolve("cache/pmd.cache");
        MetricsRequest request = new MetricsRequest(null, null, null, null, null, null, null, cache.toString(), null,
                null, null, null, null, null, null, null);
        TaskContext ws = new TaskContext(Log.silent(), Secrets.none(), workspace.resolve("ws"));

        MetricsResult cold = new MetricsService().run(request, ws);
        MetricsResult warm = new MetricsService().run(request, ws);

        assertThat(cache).isRegularFile();
        assertThat(warm.violations().items()).isEqualTo(cold.violations().items());
    }
}
