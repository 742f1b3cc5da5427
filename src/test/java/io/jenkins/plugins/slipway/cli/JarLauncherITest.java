package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.slipway.bridge.EngineArchive;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/slipway.jar test …} as a user types it: the command runs in a JVM of its own with the
 * test task's options and a class-data archive in the user's cache; the exit code and the output are the command's;
 * a damaged or foreign archive never stops it; a signal to the JVM the user started ends the whole tree.
 */
class JarLauncherITest {
    static final Path ENGINE = Path.of("target", "slipway.jar").toAbsolutePath(); // the launcher, as users run it

    @TempDir
    Path cacheHome;

    @TempDir
    Path project;

    @BeforeEach
    void reports() throws Exception {
        assumeTrue(Files.isRegularFile(ENGINE), "run 'mvn package' first");
        Files.writeString(project.resolve("TEST-one.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="app.CartTest" tests="2" failures="1">
                  <testcase classname="app.CartTest" name="adds" time="0.01"/>
                  <testcase classname="app.CartTest" name="totals" time="0.02">
                    <failure message="expected 3 but was 4">trace</failure>
                  </testcase>
                </testsuite>
                """);
    }

    record Run(int exit, String out, String err) {
    }

    private Run slipway(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", ENGINE.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Path out = project.resolve("out.txt");
        Path err = project.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Run test(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "--reports", "TEST-one.xml", "--exit-code", "0",
                "--no-ignore-stale", "--html", "", "--debug"));
        args.addAll(List.of(more));
        return slipway(List.of(), args.toArray(String[]::new));
    }

    private Path archive() throws Exception {
        Path dir = JarLauncher.archiveDir(ENGINE, Map.of("XDG_CACHE_HOME", cacheHome.toString()), null);
        return dir.resolve(EngineArchive.name("test", List.of()));
    }

    @Test
    void shouldRunTheTestCommandInItsOwnTunedJvmAndKeepItsExitCodeAndOutput() throws Exception {
        Run first = test();
        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        assertThat(first.out()).contains("UNSTABLE: 2 tests: 1 passed, 1 failed");
        assertThat(first.err()).contains("running in its own JVM: ").contains("-XX:+UseSerialGC")
                .contains("-Dslipway.launched=true").contains("class-data archive created: " + archive());
        assertThat(EngineArchive.check(archive())).isNull();

        Run second = test();
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).contains("using the class-data archive " + archive())
                .doesNotContain("creating it");
        try (Stream<Path> files = Files.list(archive().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder(archive().getFileName().toString(), archive().getFileName() + ".check");
        }

        // the same jar named by a relative path, from another directory: the same archive, and the JVM takes it
        ProcessBuilder relative = new ProcessBuilder(java(), "-jar", cacheHome.relativize(ENGINE).toString(), "test",
                "-C", project.toString(), "--reports", "TEST-one.xml", "--exit-code", "0", "--no-ignore-stale",
                "--html", "", "--debug").directory(cacheHome.toFile()).redirectErrorStream(true);
        relative.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        relative.environment().remove("JDK_JAVA_OPTIONS");
        relative.environment().remove("JAVA_TOOL_OPTIONS");
        Process third = relative.start();
        String thirdOut = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(thirdOut).contains("UNSTABLE: 2 tests: 1 passed, 1 failed")
                .contains("using the class-data archive " + archive()).contains(" -cp " + ENGINE + " ")
                .doesNotContain("refused");
    }

    @Test
    void shouldWriteNothingForHelp() throws Exception {
        for (String[] args : List.of(new String[] {"ec2", "launch", "--help"}, new String[] {"test", "--help"},
                new String[] {"version", "--help"})) {
            Run help = slipway(List.of(), args);
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).contains("Usage: slipway " + args[0]);
        }
        try (Stream<Path> written = Files.walk(cacheHome)) {
            assertThat(written.filter(p -> !p.equals(cacheHome)).toList()).as("nothing under the cache").isEmpty();
        }
    }

    @Test
    void shouldRunInTheJvmTheUserStartedWhenGivenJvmOptions() throws Exception {
        Run run = slipway(List.of("-Xmx256m"), "test", "--reports", "TEST-one.xml", "--exit-code", "0",
                "--no-ignore-stale", "--html", "", "--debug");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("running in this JVM: the JVM was started with options of its own (-Xmx256m)")
                .doesNotContain("running in its own JVM");
        assertThat(Files.exists(cacheHome.resolve("slipway"))).as("no archive made").isFalse();
    }

    @Test
    void shouldIgnoreADamagedArchiveAndAForeignOneAndStillRun() throws Exception {
        test();
        long size = Files.size(archive());
        archive().toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive().toFile(), "rw")) {
            file.seek(size / 2);
            file.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        Run damaged = test();
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.out()).contains("UNSTABLE: 2 tests");
        assertThat(damaged.err()).contains("not used").contains("damaged");
        assertThat(EngineArchive.check(archive())).as("replaced by a fresh one").isNull();

        // foreign: a file whose recorded size and checksum match, but which no JVM made for this jar
        Path foreign = archive();
        foreign.toFile().setWritable(true);
        byte[] junk = "not a class-data archive".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Files.write(foreign, junk);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(junk);
        Files.writeString(foreign.resolveSibling(foreign.getFileName() + ".check"),
                "size=" + junk.length + "\ncrc32c=" + Long.toHexString(crc.getValue()) + "\n");
        Run refused = test();
        assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("UNSTABLE: 2 tests");
        assertThat(refused.err()).as("the JVM's own messages stay out of the output")
                .doesNotContain("[cds").doesNotContain("A fatal error");
        Run next = test();
        assertThat(next.exit()).isEqualTo(1);
        assertThat(EngineArchive.check(archive())).as("made again after the JVM refused it").isNull();
        assertThat(Files.size(archive())).isNotEqualTo(junk.length);
    }

    @Test
    void shouldEndTheChildJvmAndTheTestCommandWhenTheStartedJvmIsTerminated() throws Exception {
        Path marker = project.resolve("started");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", ENGINE.toString(), "test", "--command",
                "touch " + marker + " && sleep 300", "--reports", "TEST-one.xml", "--html", "")
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolve("log.txt").toFile());
        builder.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        Process launcher = builder.start();
        List<ProcessHandle> tree = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(marker).as(Files.readString(project.resolve("log.txt"))).exists();
        launcher.descendants().forEach(tree::add);
        assertThat(tree).as("the child JVM and the test command").hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(p -> assertThat(p.info().command().orElse("")).endsWith("java"))
                .anySatisfy(p -> assertThat(p.info().commandLine().orElse("")).contains("sleep"));

        launcher.destroy(); // SIGTERM to the JVM the user started, as a CI system's cancel does
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle p : tree) {
            p.onExit().get(30, TimeUnit.SECONDS);
            assertThat(p.isAlive()).as("still running: " + p.info()).isFalse();
        }
    }
    @Test
    void launcherJarHoldsOnlyTheLauncherAndSaysWhenTheEngineJarIsNotBesideIt() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(ENGINE.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Class-Path")).isEqualTo("slipway-engine.jar");
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Version")).isNotBlank();
            List<String> classes = jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .toList();
            assertThat(classes).contains("io/jenkins/plugins/slipway/cli/JarLauncher.class")
                    .allMatch(n -> n.matches("io/jenkins/plugins/slipway/(cli/JarLauncher|bridge/(Engine(Archive|Process)|PrivateDir|CompilerDirectives)|request/Capability)"
                            + "(\\$.*)?\\.class"), "the launcher, the classes it starts the engine with and the task registry"
                            + " they read");
        }

        Path alone = Files.copy(ENGINE, project.resolve("slipway.jar"));
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", alone.toString(), "version")
                .directory(project.toFile()).redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("slipway.jar is the launcher of slipway-engine.jar, which is not beside it ("
                + project.resolve("slipway-engine.jar") + ")").contains("keep the two jars together")
                .doesNotContain("Exception");

        Path version = project.resolve("version.json");
        Run run = slipway(List.of(), "version", "--json", version.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Slipway engine").doesNotContain("PASSED");
        assertThat(Files.readString(version)).contains("\"outcome\"").contains("PASSED");
    }
}
