package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent's engine cache used by agents on two Javas (17 and 25; an agent whose Java was upgraded, or two agents
 * sharing a cache): each Java gets a class-data archive of its own, made by itself, and never uses the other's. The
 * archive is decided where the agent runs, so each Java runs {@link ArchiveProbe} here, as its agent JVM would.
 */
class EngineArchiveJavasITest {
    static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path cache;

    @TempDir
    Path work;

    /** What one probe run printed. */
    record Probe(String vm, String archive, String exit, List<String> lines) {
    }

    private Probe probe(Path java, String mode, Path jar) throws Exception {
        String classpath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        Path control = work.resolve("@tmp").resolve("slipway-" + System.nanoTime());
        Process p = new ProcessBuilder(java.toString(), "-cp", classpath, ArchiveProbe.class.getName(), mode,
                jar.toString(), work.toString(), control.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<String> lines = out.lines().toList();
        return new Probe(value(lines, "vm="), value(lines, "archive="), value(lines, "exit="), lines);
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + lines));
    }

    /** The JVM identity an archive carries in its header: {@code … VM (<vm version>) …}. */
    private static String header(Path archive) throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        return new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldGiveJava17AndJava25EachTheirOwnArchiveAndNeverTheOthers() throws Exception {
        assumeTrue(Files.isExecutable(JAVA_17) && Files.isExecutable(JAVA_25), "needs " + JAVA_17 + " and " + JAVA_25);
        assumeTrue(Files.isRegularFile(EngineArchiveITest.ENGINE), "run 'mvn package' first");
        Files.createDirectories(cache.resolve("sha"));
        Path jar = Files.createSymbolicLink(cache.resolve("sha").resolve(EngineCache.JAR_NAME),
                EngineArchiveITest.ENGINE.toAbsolutePath());
        Path cds = cache.resolve("sha").resolve(EngineArchive.DIR);

        // a Pipeline step on each Java: the detached engine makes the archive at its first start
        Probe first17 = probe(JAVA_17, "detached", jar);
        Probe first25 = probe(JAVA_25, "detached", jar);
        assertThat(first17.exit()).isEqualTo("0");
        assertThat(first25.exit()).isEqualTo("0");
        assertThat(first17.vm()).startsWith("17.");
        assertThat(first25.vm()).startsWith("25.");
        assertThat(first17.archive()).as("one archive per Java").isNotEqualTo(first25.archive());
        Path archive17 = cds.resolve(first17.archive());
        Path archive25 = cds.resolve(first25.archive());
        assertThat(EngineArchive.check(archive17)).as("Java 17's archive made whole").isNull();
        assertThat(EngineArchive.check(archive25)).as("Java 25's archive made whole").isNull();
        try (Stream<Path> files = Files.list(cds)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).as("nothing else left")
                    .containsExactlyInAnyOrder(archive17.getFileName().toString(), archive17.getFileName() + ".check",
                            archive25.getFileName().toString(), archive25.getFileName() + ".check");
        }
        // each made by its own JVM: the header names the JVM that dumped it
        assertThat(header(archive17)).contains("(" + first17.vm() + ")").doesNotContain("(" + first25.vm() + ")");
        assertThat(header(archive25)).contains("(" + first25.vm() + ")").doesNotContain("(" + first17.vm() + ")");

        // the next start on each Java uses its own archive, the other's is left alone
        long made17 = Files.getLastModifiedTime(archive17).toMillis();
        long made25 = Files.getLastModifiedTime(archive25).toMillis();
        for (int round = 0; round < 2; round++) {
            Probe next25 = probe(JAVA_25, "attached", jar);
            Probe next17 = probe(JAVA_17, "attached", jar);
            assertThat(next25.lines()).as("Java 25 uses its own").contains("[slipway] using the class-data archive " + archive25)
                    .noneSatisfy(l -> assertThat(l).contains(archive17.getFileName().toString()))
                    .noneSatisfy(l -> assertThat(l).contains("refused"));
            assertThat(next17.lines()).as("Java 17 uses its own").contains("[slipway] using the class-data archive " + archive17)
                    .noneSatisfy(l -> assertThat(l).contains(archive25.getFileName().toString()))
                    .noneSatisfy(l -> assertThat(l).contains("refused"));
        }
        assertThat(Files.getLastModifiedTime(archive17).toMillis()).as("never replaced").isEqualTo(made17);
        assertThat(Files.getLastModifiedTime(archive25).toMillis()).as("never replaced").isEqualTo(made25);
        assertThat(mapsEngineClasses(JAVA_25, archive25, jar)).as("Java 25 maps the engine from its own archive").isTrue();
        assertThat(mapsEngineClasses(JAVA_17, archive17, jar)).as("Java 17 maps the engine from its own archive").isTrue();
        // and the other Java's archive would be of no use to it: the JVM itself refuses it
        assertThat(mapsEngineClasses(JAVA_25, archive17, jar)).isFalse();
        assertThat(mapsEngineClasses(JAVA_17, archive25, jar)).isFalse();
    }

    /** Whether {@code java} started with {@code archive} takes the engine's classes from it. */
    private boolean mapsEngineClasses(Path java, Path archive, Path jar) throws Exception {
        Process engine = new ProcessBuilder(java.toString(), "-Xshare:auto", "-Xlog:class+load=info",
                "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "version")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String log = new String(engine.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(engine.waitFor()).as(log).isZero();
        return log.contains("io.jenkins.plugins.slipway.engine.runtime.TaskRunner source: shared objects file (top)");
    }
}
