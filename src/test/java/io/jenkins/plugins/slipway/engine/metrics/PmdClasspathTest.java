package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PMD's findings do not depend on the engine's own libraries: on a class extending Jackson's ObjectMapper (Jackson
 * is inside slipway.jar), Slipway reports what PMD's own command line reports, without and with the library on the
 * aux classpath.
 */
class PmdClasspathTest {

    @TempDir
    Path workspace;

    /** PMD's command line in its own JVM with PMD's libraries, but not Jackson (which PMD does not ship). */
    private List<String> pmdCli(String auxClasspath) throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("jackson")).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, "net.sourceforge.pmd.cli.PmdCli", "check", "--no-progress",
                "--no-cache", "-d", "src", "-R", "rulesets/java/quickstart.xml", "-f", "json", "-r", "pmd-own.json"));
        if (auxClasspath != null) {
            command.addAll(List.of("--aux-classpath", auxClasspath));
        }
        Process p = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectOutput(workspace.resolve("pmd-own.log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        List<String> found = new ArrayList<>();
        for (JsonNode file : Json.MAPPER.readTree(workspace.resolve("pmd-own.json").toFile()).path("files")) {
            String name = SourceWalk.relative(workspace, workspace.resolve(file.path("filename").asText()));
            for (JsonNode v : file.path("violations")) {
                found.add(name + ":" + v.path("beginline").asInt() + ":" + v.path("rule").asText());
            }
        }
        found.sort(null);
        return found;
    }

    private List<String> slipway(String auxClasspath) throws Exception {
        MetricsRequest request = new MetricsRequest(List.of("src"), null, null, null, null, auxClasspath, null, null,
                null, null, null, null, null, List.of("pmd"), null, null);
        MetricsResult result = new MetricsService().run(request, new TaskContext(Log.silent(), Secrets.none(),
                workspace));
        return result.violations().items().stream().map(v -> v.file() + ":" + v.line() + ":" + v.rule()).sorted()
                .toList();
    }

    @Test
    void shouldReportWhatPmdsOwnCommandLineReportsWhateverTheEngineBundles() throws Exception {
        MetricsServiceTest.copy("typed", workspace);
        String jackson = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String core = Path.of(com.fasterxml.jackson.core.JsonFactory.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        String annotations = Path.of(com.fasterxml.jackson.annotation.JsonInclude.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).toString();
        String libraries = String.join(File.pathSeparator, jackson, core, annotations);

        List<String> withoutLibrary = slipway(null);
        List<String> withLibrary = slipway(libraries);

        assertThat(withoutLibrary).isEqualTo(pmdCli(null)).isNotEmpty();
        assertThat(withLibrary).isEqualTo(pmdCli(libraries));
        // the library on the aux classpath is what makes PMD see the overridden methods
        assertThat(withLibrary).contains("src/shop/ShopMapper.java:11:MissingOverride");
        assertThat(withoutLibrary).noneMatch(v -> v.endsWith(":11:MissingOverride"));
    }
}
