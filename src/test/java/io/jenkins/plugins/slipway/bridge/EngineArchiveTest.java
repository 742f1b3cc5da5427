package io.jenkins.plugins.slipway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive bookkeeping on its own; {@code EngineArchiveITest} runs it with the real engine JVM. */
class EngineArchiveTest {

    @TempDir
    Path cache;

    private final List<String> debug = new ArrayList<>();

    private Path archive(byte[] content) throws Exception {
        Path archive = cache.resolve("version-0123.jsa");
        Files.write(archive, content);
        Files.writeString(EngineArchive.checkFile(archive),
                "size=" + content.length + "\ncrc32c=" + EngineArchive.crc32c(archive) + "\n");
        return archive;
    }

    @Test
    void shouldTrustOnlyAnArchiveWhoseSizeAndChecksumAreTheRecordedOnes() throws Exception {
        byte[] content = new byte[200_000];
        new java.util.Random(3).nextBytes(content);
        Path foreign = archive(content);
        assertThat(EngineArchive.check(foreign)).as("no dynamic-archive magic").contains("foreign");
        Files.delete(EngineArchive.checkFile(foreign));
        Files.delete(foreign);
        byte[] magic = {(byte) 0xa8, (byte) 0xab, 0x0b, (byte) 0xf0}; // 0xf00baba8, little-endian
        System.arraycopy(magic, 0, content, 0, 4);
        Path archive = archive(content);
        assertThat(EngineArchive.check(archive)).isNull();

        content[100_000] ^= 1;
        Files.write(archive, content);
        assertThat(EngineArchive.check(archive)).contains("damaged");

        Files.write(archive, java.util.Arrays.copyOf(content, 150_000));
        assertThat(EngineArchive.check(archive)).contains("truncated");

        Files.delete(EngineArchive.checkFile(archive));
        assertThat(EngineArchive.check(archive)).contains("none yet");
    }

    @Test
    void shouldKeepOneArchivePerTaskAndPerJvmSetUp() {
        assertThat(EngineArchive.name("version", List.of())).startsWith("version-").endsWith(".jsa")
                .isEqualTo(EngineArchive.name("version", List.of()))
                .isNotEqualTo(EngineArchive.name("version", List.of("-Xmx2g")))
                .isNotEqualTo(EngineArchive.name("test", List.of()));
        assertThat(EngineArchive.name("../../etc/x", List.of())).doesNotContain("/");
        assertThat(EngineArchive.key("")).as("64-bit FNV-1a, offset basis").isEqualTo("cbf29ce484222325");
        assertThat(EngineArchive.key("a")).as("64-bit FNV-1a of 'a'").isEqualTo("af63dc4c8601ec8c");
        assertThat(EngineArchive.fitsLogOption("/home/u/.cache/slipway")).isTrue();
        assertThat(EngineArchive.fitsLogOption("C:/cache")).isFalse();
        assertThat(EngineArchive.fitsLogOption("/a b")).isFalse();
        assertThat(EngineArchive.fitsLogOption("/a,b")).isFalse();
    }

    @Test
    void shouldStepAsideWhenTheJvmOptionsChooseClassSharing() throws Exception {
        Path jar = Files.createFile(cache.resolve("slipway-engine.jar"));
        EngineArchive off = EngineArchive.forStart(jar, "version", List.of("-Xmx1g", "-Xshare:off"), debug::add);
        assertThat(off.jvmOptions()).isEmpty();
        assertThat(debug).anySatisfy(line -> assertThat(line).contains("-Xshare:off"));
        assertThat(cache.resolve(EngineArchive.DIR)).doesNotExist();
    }

    @Test
    void shouldRunWithoutAnArchiveWhenTheCacheCannotBeWritten() throws Exception {
        Path jar = Files.createFile(cache.resolve("slipway-engine.jar"));
        Files.writeString(cache.resolve(EngineArchive.DIR), "a file where the archive directory should be");
        EngineArchive none = EngineArchive.forStart(jar, "version", List.of(), debug::add);
        assertThat(none.jvmOptions()).isEmpty();
        assertThat(debug).anySatisfy(line -> assertThat(line).startsWith("cannot create a class-data archive"));
        none.finish(true);
    }

    @Test
    void shouldNeverMapAnArchiveFromAFolderAnotherUserCanWrite() throws Exception {
        Path jar = Files.createFile(cache.resolve("slipway-engine.jar"));
        Path dir = Files.createDirectories(cache.resolve(EngineArchive.DIR));
        Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        EngineArchive none = EngineArchive.forStart(jar, "version", List.of(), debug::add);

        assertThat(none.jvmOptions()).isEmpty();
        assertThat(debug).anySatisfy(line -> assertThat(line).contains("only a private folder is used")
                .contains("belongs to nobody"));
    }

    @Test
    void shouldDumpAtExitAndKeepNothingTheJvmDidNotWriteWhole() throws Exception {
        Path jar = Files.createFile(cache.resolve("slipway-engine.jar"));
        EngineArchive first = EngineArchive.forStart(jar, "version", List.of(), debug::add);
        assertThat(first.jvmOptions()).contains("-Xlog:cds*=off")
                .anySatisfy(o -> assertThat(o).startsWith("-XX:ArchiveClassesAtExit="));
        first.finish(true); // no JVM ran: nothing was written
        try (var files = Files.list(cache.resolve(EngineArchive.DIR))) {
            assertThat(files).isEmpty();
        }
        assertThat(debug).anySatisfy(line -> assertThat(line).contains("not kept"));
    }

    @Test
    void shouldStepAsideWhereTheCachePathCannotBeGivenToTheJvmsLogOption() throws Exception {
        Path odd = Files.createDirectories(cache.resolve("a,b c"));
        Path jar = Files.createFile(odd.resolve("slipway-engine.jar"));
        assertThat(EngineArchive.forStart(jar, "version", List.of(), debug::add).jvmOptions()).isEmpty();
        assertThat(debug).anySatisfy(line -> assertThat(line).contains("cannot be given to -Xlog"));
    }

    @Test
    void shouldActOnlyOnAKeptDecisionThatNamesItsOwnPrivateFiles() throws Exception {
        Path dir = Files.createDirectory(cache.resolve("private"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        Path archive = dir.resolve("version-0123.jsa");
        Path dump = dir.resolve("version-0123.jsa.42.part");
        Path log = dir.resolve("version-0123.jsa.42.part.log");
        assertThat(EngineArchive.restorable(archive, dump, log)).isTrue();
        assertThat(EngineArchive.restorable(null, null, null)).isTrue();
        // what a process of the build could write into the control folder beside the workspace
        Path victim = Files.writeString(cache.resolve("victim.txt"), "keep me");
        assertThat(EngineArchive.restorable(archive, victim, log)).isFalse();
        assertThat(EngineArchive.restorable(dir.resolve("x.txt"), null, null)).isFalse();
        assertThat(EngineArchive.restorable(archive, dump, dir.resolve("other.log"))).isFalse();
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(EngineArchive.restorable(archive, dump, log)).isFalse();

        Path kept = cache.resolve("archive.properties");
        Files.writeString(kept, "archive=" + archive + "\ndump=" + victim + "\nlog=" + log + "\n");
        assertThat(EngineArchive.restore(kept)).isNull();
        assertThat(victim).hasContent("keep me");
    }
}
