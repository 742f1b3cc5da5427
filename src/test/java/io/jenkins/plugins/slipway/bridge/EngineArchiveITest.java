package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive with the real engine jar and real JVMs, as an agent starts the engine: made on the first
 * start, used on the next, and a damaged, truncated, foreign or unwritable one never stops a step.
 */
class EngineArchiveITest {
    static final Path ENGINE = Path.of("target", "slipway-engine.jar");

    @TempDir
    Path cache;

    @TempDir
    Path workspace;

    private Path jar;
    private final List<String> lines = new ArrayList<>();

    @BeforeEach
    void installEngine() throws Exception {
        assumeTrue(Files.isRegularFile(ENGINE), "run 'mvn package' first");
        Files.createDirectories(cache.resolve("sha"));
        jar = Files.createSymbolicLink(cache.resolve("sha").resolve(EngineCache.JAR_NAME), ENGINE.toAbsolutePath());
    }

    private EngineReply version(List<String> jvmOptions) throws Exception {
        lines.clear();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("task", "version");
        envelope.put("request", Map.of());
        envelope.put("debug", true);
        EngineProcess.Outcome outcome = EngineProcess.runEngine(EngineProcess.currentJava(), jvmOptions,
                List.of("-jar", jar.toString()), envelope, workspace, Map.of(), Duration.ofSeconds(5), lines::add);
        EngineReply reply = EngineReply.of("version", outcome);
        assertThat(reply.status()).as(String.join("\n", lines)).isEqualTo("PASSED");
        assertThat(lines).as("the JVM's own class-sharing messages stay out of the build log")
                .noneSatisfy(line -> assertThat(line).containsAnyOf("[cds", "shared archive", "A fatal error"));
        return reply;
    }

    private Path archive() {
        return jar.getParent().resolve(EngineArchive.DIR).resolve(EngineArchive.name("version", List.of()));
    }

    /** Whether a JVM started with {@code archive} takes the engine's classes from it (its class-loading log says). */
    private boolean mapsEngineClasses(Path archive) throws Exception {
        Process engine = new ProcessBuilder(EngineProcess.currentJava(), "-Xlog:class+load=info",
                "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "version")
                .directory(workspace.toFile()).redirectErrorStream(true).start();
        String log = new String(engine.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(engine.waitFor()).isZero();
        return log.contains("io.jenkins.plugins.slipway.engine.runtime.TaskRunner source: shared objects file (top)");
    }

    @Test
    void shouldCreateTheArchiveOnTheFirstStartAndUseItOnTheNext() throws Exception {
        version(List.of());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("[slipway] class-data archive created"));
        assertThat(EngineArchive.check(archive())).isNull();
        assertThat(mapsEngineClasses(archive())).isTrue();
        try (var files = Files.list(archive().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder(archive().getFileName().toString(), archive().getFileName() + ".check");
        }

        version(List.of());
        assertThat(lines).anySatisfy(line -> assertThat(line).isEqualTo("[slipway] using the class-data archive " + archive()))
                .noneSatisfy(line -> assertThat(line).contains("refused"));
        try (var files = Files.list(archive().getParent())) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void shouldStartAShortStepFromTheArchiveAloneWithoutPicocliOrTheJarsDirectory() throws Exception {
        Path classLog = workspace.resolve("classes.log");
        List<String> options = List.of("-Xlog:class+load=info:file=" + classLog);
        version(options); // makes this start's archive
        Files.delete(classLog);
        version(options);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("[slipway] using the class-data archive"));
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).anySatisfy(line -> assertThat(line)
                .contains("io.jenkins.plugins.slipway.engine.runtime.AgentMain source: shared objects file (top)"));
        assertThat(loaded).as("every engine class from the archive")
                .filteredOn(line -> line.contains(" io.jenkins.plugins.slipway."))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("source: shared objects file"));
        assertThat(loaded).as("no picocli, the jar's directory never read")
                .noneSatisfy(line -> assertThat(line).containsAnyOf(" picocli.", " java.util.zip.ZipFile$Source "));
    }

    @Test
    void shouldIgnoreADamagedOrTruncatedArchiveAndMakeAFreshOne() throws Exception {
        version(List.of());
        long size = Files.size(archive());
        try (RandomAccessFile file = new RandomAccessFile(archive().toFile(), "rw")) {
            file.seek(size / 2);
            file.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        version(List.of());
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("not used").contains("damaged"));
        assertThat(EngineArchive.check(archive())).as("replaced by a fresh one").isNull();

        try (RandomAccessFile file = new RandomAccessFile(archive().toFile(), "rw")) {
            file.setLength(size / 2); // the JVM itself would crash (SIGBUS) mapping this one
        }
        version(List.of());
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("not used").contains("truncated"));
        assertThat(EngineArchive.check(archive())).isNull();
        assertThat(mapsEngineClasses(archive())).isTrue();
    }

    @Test
    void shouldRunWhenTheJvmRefusesAForeignArchive() throws Exception {
        // an archive made by an earlier engine jar at the same place: whole and valid, refused by this JVM for this jar
        Files.delete(jar);
        Files.copy(ENGINE, jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Path foreign = cache.resolve("foreign.jsa");
        Process dump = new ProcessBuilder(EngineProcess.currentJava(), "-Xlog:cds*=off",
                "-XX:ArchiveClassesAtExit=" + foreign, "-jar", jar.toString(), "version")
                .directory(workspace.toFile()).redirectErrorStream(true).start();
        dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor()).isZero();
        Files.delete(jar);
        Files.createSymbolicLink(jar, ENGINE.toAbsolutePath());
        Files.createDirectories(archive().getParent());
        Files.copy(foreign, archive());
        Files.writeString(EngineArchive.checkFile(archive()),
                "size=" + Files.size(archive()) + "\ncrc32c=" + EngineArchive.crc32c(archive()) + "\n");
        assertThat(mapsEngineClasses(archive())).as("the JVM refuses it").isFalse();

        version(List.of());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("[slipway] the JVM refused the class-data archive"));
        version(List.of());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("[slipway] class-data archive created"));
        assertThat(mapsEngineClasses(archive())).as("replaced by one this JVM takes").isTrue();
    }

    @Test
    void shouldRunWithoutAnArchiveWhereNoneCanBeWritten() throws Exception {
        Files.writeString(jar.getParent().resolve(EngineArchive.DIR), "not a directory");
        version(List.of());
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("[slipway] cannot create a class-data archive"));

        Files.delete(jar.getParent().resolve(EngineArchive.DIR));
        version(List.of("-Xshare:off"));
        assertThat(jar.getParent().resolve(EngineArchive.DIR)).doesNotExist();
    }
}
