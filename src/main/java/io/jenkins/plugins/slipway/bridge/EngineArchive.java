package io.jenkins.plugins.slipway.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The engine's application class-data-sharing (AppCDS) archive on an agent: the classes one task loaded, already
 * parsed and verified, mapped into every later engine JVM that runs the same task — most of an engine start is
 * loading classes. It lives next to the cached engine jar ({@code <cache>/<jar sha256>/cds/}), one archive per task
 * and per JVM (its {@code java.home}, version and the engine's JVM options), because an archive fits only the JVM
 * and the jar that made it.
 *
 * <p>The first start of a task dumps the archive at its exit ({@code -XX:ArchiveClassesAtExit}) into a temporary
 * file; {@link #finish} moves it into place only when the JVM's own log says it was written whole, and records its
 * size and CRC-32C. A later start uses it only when both still match, so a truncated or damaged archive (which the
 * JVM would crash on) never reaches the JVM. An archive the JVM itself refuses (made by another JVM build or for an
 * earlier jar: stale or foreign) is skipped by the JVM without a word in the build log (its class-sharing messages go
 * to a file of their own), and the next start replaces it. A cache directory that cannot be
 * written means no archive, nothing more. Whatever goes wrong, the step runs; what happened is said on the debug
 * log. JVM options that choose class sharing themselves ({@code -Xshare:…}, {@code -XX:SharedArchiveFile},
 * {@code -XX:ArchiveClassesAtExit}) switch this off.
 */
public final class EngineArchive {
    static final String DIR = "cds";
    private static final String SUFFIX = ".jsa";
    private static final String CHECK = ".check";
    private static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds*=off");

    private final Path archive;
    private final Path dump;
    private final Path dumpLog;
    private final List<String> options;
    private final Consumer<String> debug;

    private EngineArchive(Path archive, Path dump, Path dumpLog, List<String> options, Consumer<String> debug) {
        this.archive = archive;
        this.dump = dump;
        this.dumpLog = dumpLog;
        this.options = List.copyOf(options);
        this.debug = debug;
    }

    /**
     * Decides how one engine start uses the archive.
     *
     * @param jar        the cached engine jar the JVM runs with {@code -jar}
     * @param task       the task the engine will run
     * @param jvmOptions the engine's configured JVM options
     * @param debug      receives what was decided and why (only shown on a debug run)
     */
    public static EngineArchive forStart(Path jar, String task, List<String> jvmOptions, Consumer<String> debug) {
        return in(jar.toAbsolutePath().getParent().resolve(DIR), task, jvmOptions, debug);
    }

    /**
     * As {@link #forStart}, with the archive in {@code dir} instead of next to the jar (the command line keeps its
     * archives in the user's cache, one directory per jar).
     */
    public static EngineArchive in(Path dir, String task, List<String> jvmOptions, Consumer<String> debug) {
        for (String option : jvmOptions) {
            if (option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                    || option.contains("ArchiveClassesAtExit") || option.contains("SharedClassListFile")) {
                debug.accept("no class-data archive: the engine's JVM options choose class sharing (" + option + ")");
                return none(debug);
            }
        }
        if (!fitsLogOption(dir.toString())) {
            // the JVM's -Xlog option separates its parts with ':' and ',' (a Windows drive letter, for one)
            debug.accept("no class-data archive: the cache path " + dir + " cannot be given to -Xlog");
            return none(debug);
        }
        try {
            // the JVM maps the archive's classes as they are: only a folder no other user can write is trusted (the
            // size and CRC-32C below catch damage, not tampering; the private folder keeps others out)
            PrivateDir.ensure(dir);
        } catch (IOException | RuntimeException e) {
            debug.accept("cannot create a class-data archive in " + dir + " (only a private folder is used): "
                    + e.getMessage());
            return none(debug);
        }
        Path archive = dir.resolve(name(task, jvmOptions));
        String problem = check(archive);
        if (problem == null) {
            debug.accept("using the class-data archive " + archive);
            Path useLog = dir.resolve(archive.getFileName() + "." + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".use.log");
            List<String> use = new ArrayList<>(QUIET);
            use.add("-Xlog:cds=warning,cds+dynamic=warning:file=" + useLog + "::filecount=0");
            use.add("-XX:SharedArchiveFile=" + archive);
            return new EngineArchive(archive, null, useLog, use, debug);
        }
        debug.accept("class-data archive " + archive + " not used: " + problem);
        try {
            Path dump = Files.createTempFile(dir, archive.getFileName().toString() + ".", ".part");
            Path log = dump.resolveSibling(dump.getFileName() + ".log"); // the JVM makes it; no rotation
            List<String> create = new ArrayList<>(QUIET);
            create.add("-Xlog:cds=info,cds+dynamic=info:file=" + log + "::filecount=0");
            create.add("-XX:ArchiveClassesAtExit=" + dump);
            debug.accept("creating it at the engine's exit");
            return new EngineArchive(archive, dump, log, create, debug);
        } catch (IOException | RuntimeException e) {
            debug.accept("cannot create a class-data archive in " + dir + ": " + e);
            return none(debug);
        }
    }

    private static EngineArchive none(Consumer<String> debug) {
        return new EngineArchive(null, null, null, List.of(), debug);
    }

    /**
     * Keeps this decision in {@code file} for a detached engine run ({@link DetachedEngine}), whose end is seen by a
     * later call, maybe in another agent JVM: {@link #restore} reads it back then, and {@link #finish} is called.
     */
    void save(Path file) throws IOException {
        Properties props = new Properties();
        props.setProperty("archive", archive == null ? "" : archive.toString());
        props.setProperty("dump", dump == null ? "" : dump.toString());
        props.setProperty("log", dumpLog == null ? "" : dumpLog.toString());
        DetachedEngine.writeProperties(file, props);
    }

    /** The decision {@link #save} kept in {@code file}, or null when there is none. */
    static EngineArchive restore(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        Path archive = path(props, "archive");
        Path dump = path(props, "dump");
        Path log = path(props, "log");
        if (!restorable(archive, dump, log)) {
            return null; // not what save() wrote: the file sits beside the workspace, so nothing in it is acted on
        }
        return new EngineArchive(archive, dump, log, List.of(), line -> { });
    }

    /**
     * Whether a kept decision names only what {@link #forStart} makes: an archive {@code <name>.jsa} in a private
     * folder ({@link PrivateDir#check}), and, when it is being made, its {@code <name>.jsa.<n>.part} dump and that
     * dump's {@code .log} beside it. Anything else could make {@link #finish} move or delete a file of someone
     * else's choosing.
     */
    static boolean restorable(Path archive, Path dump, Path log) {
        if (archive == null) {
            return dump == null && log == null;
        }
        Path dir = archive.getParent();
        String name = archive.getFileName().toString();
        if (dir == null || !archive.isAbsolute() || !name.endsWith(SUFFIX)) {
            return false;
        }
        if (dump != null || log != null) {
            if (dump == null || log == null || !dir.equals(dump.getParent()) || !dir.equals(log.getParent())) {
                return false;
            }
            String part = dump.getFileName().toString();
            if (!part.startsWith(name + ".") || !part.endsWith(".part")
                    || !log.getFileName().toString().equals(part + ".log")) {
                return false;
            }
        }
        try {
            PrivateDir.check(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path path(Properties props, String key) {
        String value = props.getProperty(key, "");
        return value.isEmpty() ? null : Path.of(value);
    }

    /** The private folder of this start's archive, or null when no archive is used. */
    public Path folder() {
        return archive == null ? null : archive.getParent();
    }

    /** The JVM options for this start (put them before {@code -jar}). */
    public List<String> jvmOptions() {
        return options;
    }

    /**
     * After the engine JVM ended: keeps a freshly dumped archive when the JVM exited on its own ({@code normalExit})
     * and its log says the archive was written whole; removes the temporary files in any case.
     */
    public void finish(boolean normalExit) {
        if (dump == null) {
            if (dumpLog != null) {
                forgetIfRefused();
            }
            return;
        }
        try {
            String problem = normalExit ? dumpProblem() : "the engine did not end normally";
            if (problem != null) {
                debug.accept("class-data archive not kept: " + problem);
                return;
            }
            if (check(archive) == null) {
                return; // another build put one in place meanwhile
            }
            Files.move(dump, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path tmp = Files.createTempFile(archive.getParent(), archive.getFileName() + ".", ".tmp");
            Files.writeString(tmp, "size=" + Files.size(archive) + "\ncrc32c=" + crc32c(archive) + "\n");
            Files.move(tmp, checkFile(archive), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            debug.accept("class-data archive created: " + archive);
        } catch (IOException | RuntimeException e) {
            debug.accept("class-data archive not kept: " + e);
        } finally {
            deleteQuietly(dump);
            deleteQuietly(dumpLog);
        }
    }

    /**
     * The JVM refused the archive (made by another JVM build or for an earlier jar at the same place: stale):
     * forgetting its check makes the next start dump a fresh one in its place.
     */
    private void forgetIfRefused() {
        try {
            if (Files.isRegularFile(dumpLog)
                    && Files.readString(dumpLog, StandardCharsets.UTF_8).contains("Unable to use shared archive")) {
                debug.accept("the JVM refused the class-data archive " + archive + "; the next start makes a new one");
                Files.deleteIfExists(checkFile(archive));
            }
        } catch (IOException | RuntimeException e) {
            debug.accept("cannot read the JVM's class-sharing log: " + e);
        } finally {
            deleteQuietly(dumpLog);
        }
    }

    /** Why the dumped file cannot be trusted, or null: the JVM must have logged writing it, and all of it. */
    private String dumpProblem() throws IOException {
        if (!Files.isRegularFile(dumpLog) || !Files.isRegularFile(dump)) {
            return "the JVM wrote no archive";
        }
        String log = Files.readString(dumpLog, StandardCharsets.UTF_8);
        if (!log.contains("Written dynamic archive")) {
            return "the JVM did not finish writing it";
        }
        long end = 0;
        for (String line : log.split("\n")) {
            Matcher offset = DumpLog.REGION.matcher(line);
            Matcher size = DumpLog.REGION_SIZE.matcher(line);
            if (line.contains("Shared file region") && offset.find() && size.find()) {
                end = Math.max(end, Long.parseLong(offset.group(1), 16) + Long.parseLong(size.group(1)));
            }
        }
        long actual = Files.size(dump);
        if (end == 0 || actual < end) {
            return "it has " + actual + " bytes, its regions end at " + end;
        }
        return null;
    }

    /** Why {@code archive} must not be used, or null when its size and CRC-32C are the ones recorded. */
    public static String check(Path archive) {
        Path check = checkFile(archive);
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(check)) {
            return "there is none yet";
        }
        try {
            PrivateDir.checkFile(archive);
            PrivateDir.checkFile(check);
            Properties recorded = new Properties();
            try (InputStream in = Files.newInputStream(check)) {
                recorded.load(in);
            }
            if (!hasDynamicArchiveMagic(archive)) {
                return "it is not a dynamic class-data archive (foreign)"; // the JVM would skip it without a word
            }
            long size = Files.size(archive);
            if (!String.valueOf(size).equals(recorded.getProperty("size"))) {
                return "it has " + size + " bytes, " + recorded.getProperty("size") + " were written (truncated?)";
            }
            String crc = crc32c(archive);
            if (!crc.equals(recorded.getProperty("crc32c"))) {
                return "its CRC-32C is " + crc + ", " + recorded.getProperty("crc32c") + " was written (damaged)";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "it cannot be read: " + e;
        }
    }

    /** {@code <task>-<key>.jsa}; the key covers this JVM ({@code java.home}, version) and the engine's options. */
    public static String name(String task, List<String> jvmOptions) {
        String jvm = String.join("\n", System.getProperty("java.home"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("os.arch"), String.join(" ", jvmOptions));
        StringBuilder safeTask = new StringBuilder(task == null ? "engine" : task);
        for (int i = 0; i < safeTask.length(); i++) {
            char c = safeTask.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                safeTask.setCharAt(i, '_');
            }
        }
        return safeTask + "-" + key(jvm) + SUFFIX;
    }

    /**
     * A cache key for {@code identity}: 64-bit FNV-1a of its UTF-8 bytes, as 16 hex digits. Not a security measure
     * (the JVM checks that an archive fits it and its jar, and {@link #check} that it is whole), and cheap in a JVM
     * that has just started: a message digest would load the security providers first.
     */
    public static String key(String identity) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : identity.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        String hex = Long.toHexString(hash);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** Whether {@code path} can be given to {@code -Xlog}, whose option separates its parts with ':' and ','. */
    static boolean fitsLogOption(String path) {
        if (path.isEmpty()) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ':' || c == ',' || c == '"' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** The JVM's dynamic-archive header magic ({@code 0xf00baba8}), in either byte order. */
    static boolean hasDynamicArchiveMagic(Path archive) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        int little = (head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16 | (head[3] & 0xff) << 24;
        int big = (head[3] & 0xff) | (head[2] & 0xff) << 8 | (head[1] & 0xff) << 16 | (head[0] & 0xff) << 24;
        return little == 0xf00baba8 || big == 0xf00baba8;
    }

    /** The patterns of the JVM's dump log, compiled only when a dump is checked (not on every start). */
    private static final class DumpLog {
        static final Pattern REGION = Pattern.compile("file offset 0x([0-9a-fA-F]+)");
        static final Pattern REGION_SIZE = Pattern.compile("\\):?\\s*\\d+:\\s+(\\d+) bytes");
    }

    static Path checkFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + CHECK);
    }

    static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return Long.toHexString(crc.getValue());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file in the cache; harmless
        }
    }
}
