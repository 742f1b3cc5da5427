package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.bridge.EngineProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code java -jar slipway.jar} decides before it runs a command: where, with which options, which archive. */
class JarLauncherTest {

    @Test
    void shouldStartAJvmOfItsOwnOnlyForCommandsWithTunedOptions() {
        assertThat(JarLauncher.task("test", "--reports", "x.xml")).isEqualTo("test");
        assertThat(JarLauncher.task("version")).isEqualTo("version");
        assertThat(JarLauncher.task("ec2", "launch", "--fleet", "web")).isEqualTo("ec2-launch");
        assertThat(JarLauncher.task("ec2", "list")).isEqualTo("ec2-list");
        assertThat(JarLauncher.task("ec2", "terminate")).isEqualTo("ec2-terminate");
        assertThat(JarLauncher.task("ec2", "--help")).isNull();
        assertThat(JarLauncher.task("metrics", "--dir", "app")).isEqualTo("metrics");
        assertThat(JarLauncher.task("deploy", "--host", "a")).as("a deploy gets its memory and class-data archive").isEqualTo("deploy");
        assertThat(JarLauncher.task("deploy", "rollback", "--to", "r1")).isEqualTo("deploy-rollback");
        assertThat(JarLauncher.task("deploy", "--help")).isNull();
        assertThat(JarLauncher.task("agent")).as("the bridge is started with its options already").isNull();
        assertThat(JarLauncher.task("--help")).isNull();
        // help writes nothing: no child JVM, so no class-data archive under the user's cache
        assertThat(JarLauncher.task("ec2", "launch", "--help")).isNull();
        assertThat(JarLauncher.task("ec2", "launch", "--fleet", "web", "-h")).isNull();
        assertThat(JarLauncher.task("test", "--help")).isNull();
        assertThat(JarLauncher.task("version", "-V")).isNull();
        assertThat(JarLauncher.task()).isNull();
    }

    @Test
    void shouldRunHereWhenTheUserChoseTheJvm() {
        String[] args = {"test", "--reports", "x.xml"};
        assertThat(JarLauncher.runHere(List.of("-jar", "slipway.jar", "test", "--reports", "x.xml"), args)).isNull();
        assertThat(JarLauncher.runHere(List.of("-Xmx2g", "-jar", "slipway.jar", "test", "--reports", "x.xml"), args))
                .isEqualTo("the JVM was started with options of its own (-Xmx2g)");
        assertThat(JarLauncher.runHere(List.of("-cp", "slipway.jar", "io.jenkins.plugins.slipway.cli.SlipwayCli",
                "test"), args)).startsWith("the JVM was started with options of its own");
        assertThat(JarLauncher.runHere(List.of(), args)).contains("unknown");
        assertThat(JarLauncher.runHere(List.of("-jar", "slipway.jar", "test"), args))
                .isEqualTo("the JVM's command line does not end with the arguments given");
    }

    @Test
    void shouldLeaveTheCollectorToOptionsFromTheEnvironment() {
        List<String> options = JarLauncher.environmentOptions(Map.of("JDK_JAVA_OPTIONS", " -XX:+UseG1GC  -Xmx1g ",
                "JAVA_TOOL_OPTIONS", "-Dx=y"));
        assertThat(options).containsExactly("-XX:+UseG1GC", "-Xmx1g", "-Dx=y");
        assertThat(EngineProcess.taskOptions("test", options)).doesNotContain("-XX:+UseSerialGC")
                .as("the environment's -Xmx wins over the task's heap").noneMatch(o -> o.startsWith("-Xm"));
        assertThat(EngineProcess.taskOptions("test", JarLauncher.environmentOptions(Map.of())))
                .containsExactly("-XX:+UseSerialGC", "-Xms16m", "-Xmx512m", "-Xss1m");
    }

    @Test
    void shouldKeepOneArchiveDirectoryPerJarInTheUsersCache(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("slipway.jar"), "jar");
        Path cache = dir.resolve("cache");
        Path first = JarLauncher.archiveDir(jar, Map.of("XDG_CACHE_HOME", cache.toString()), "/home/u");
        assertThat(first.getParent()).isEqualTo(cache.resolve("slipway").resolve("cli-cds"));
        assertThat(JarLauncher.archiveDir(jar, Map.of("XDG_CACHE_HOME", cache.toString()), null)).isEqualTo(first);
        assertThat(JarLauncher.archiveDir(jar, Map.of(), dir.toString()).getParent())
                .isEqualTo(dir.resolve(".cache").resolve("slipway").resolve("cli-cds"));
        assertThat(JarLauncher.archiveDir(jar, Map.of("XDG_CACHE_HOME", "relative/cache"), dir.toString()).getParent())
                .as("a relative XDG_CACHE_HOME is ignored, as the XDG specification says")
                .isEqualTo(dir.resolve(".cache").resolve("slipway").resolve("cli-cds"));
        assertThat(JarLauncher.archiveDir(jar, Map.of(), null)).as("no cache, no archive").isNull();

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(JarLauncher.archiveDir(jar, Map.of("XDG_CACHE_HOME", cache.toString()), null))
                .as("a rebuilt jar gets archives of its own").isNotEqualTo(first);
    }
    @Test
    void shouldSayWhenTheEngineJarItsManifestNamesIsNotBesideTheLauncherJar(@TempDir Path dir) throws Exception {
        Path launcher = jar(dir.resolve("slipway.jar"), "slipway-engine.jar");
        assertThat(JarLauncher.missingEngine(launcher)).isEqualTo("slipway.jar is the launcher of slipway-engine.jar, "
                + "which is not beside it (" + dir.resolve("slipway-engine.jar") + "): keep the two jars together, "
                + "as `mvn package` writes them to target/");
        jar(dir.resolve("slipway-engine.jar"), null);
        assertThat(JarLauncher.missingEngine(launcher)).isNull();
        assertThat(JarLauncher.missingEngine(dir.resolve("slipway-engine.jar"))).as("the engine names nothing").isNull();
        assertThat(JarLauncher.missingEngine(null)).as("run from a class directory").isNull();
    }

    private static Path jar(Path file, String classPath) throws Exception {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classPath);
        }
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            out.write('a');
        }
        return file;
    }
}
