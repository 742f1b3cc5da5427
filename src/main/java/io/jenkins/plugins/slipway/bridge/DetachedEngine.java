package io.jenkins.plugins.slipway.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An engine run that outlives whoever started it: a Jenkins controller restart, an agent JVM restart, a lost agent
 * connection. The engine runs under a small {@code sh} wrapper in a session of its own ({@code setsid}), with its
 * output going to a log file, and the wrapper writes the engine's exit code when it ends. Everything about one run
 * lives in its control directory ({@code <workspace>@tmp/slipway-<id>/}, mode 700):
 * <ul>
 *   <li>{@code pid}: the wrapper's process id, which is also the session's and the process group's;</li>
 *   <li>{@code log}: the engine's standard output and error, read from an offset the controller keeps;</li>
 *   <li>{@code result.json}: the engine's result envelope;</li>
 *   <li>{@code exit}: the engine's exit code, written (atomically) once the engine has ended;</li>
 *   <li>{@code archive.properties}: the class-data archive decision, finished when the run is collected.</li>
 * </ul>
 * The request envelope, secrets included, goes to the engine's standard input only, which is closed right after; it
 * is never in a file, on a command line or in the log. Uses only the JDK: it runs inside Jenkins agents.
 */
public final class DetachedEngine {
    static final String PID = "pid";
    static final String LOG = "log";
    static final String RESULT = "result.json";
    static final String EXIT = "exit";
    static final String ARCHIVE = "archive.properties";
    /** Exit code recorded when the engine was gone without its wrapper writing one (its machine went down). */
    public static final int GONE = -2;
    private static final int TAIL = 20;

    /**
     * {@code $1} is the control directory; the rest is the engine's command line. The wrapper records its pid, runs
     * the engine with the wrapper's standard input (the request envelope) and writes the exit code atomically.
     */
    private static final String WRAPPER = "d=\"$1\"; shift; echo $$ > \"$d/pid.tmp\" && mv \"$d/pid.tmp\" \"$d/pid\"; "
            + "\"$@\" > \"$d/log\" 2>&1; echo $? > \"$d/exit.tmp\"; mv \"$d/exit.tmp\" \"$d/exit\"";

    private DetachedEngine() {
    }

    /** What one look at a run found: new log bytes from the offset asked for, and the end once it has come. */
    public static final class Look {
        private final byte[] bytes;
        private final long offset;
        private final Integer exitCode;
        private final String resultJson;
        private final List<String> lastLines;
        private final boolean more;

        Look(byte[] bytes, long offset, Integer exitCode, String resultJson, List<String> lastLines, boolean more) {
            this.bytes = bytes;
            this.offset = offset;
            this.exitCode = exitCode;
            this.resultJson = resultJson;
            this.lastLines = List.copyOf(lastLines);
            this.more = more;
        }

        /** The log bytes after the offset asked for (at most the maximum asked for). */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The offset to ask from next time. */
        public long offset() {
            return offset;
        }

        /** Whether the run has ended and every log byte has been handed out. */
        public boolean ended() {
            return exitCode != null;
        }

        /** Whether more log bytes are waiting (ask again at once). */
        public boolean more() {
            return more;
        }

        /** The run's outcome, once {@link #ended}; its exit code is {@link #GONE} when the engine vanished. */
        public EngineProcess.Outcome outcome() {
            return new EngineProcess.Outcome(exitCode == null ? GONE : exitCode, resultJson, lastLines);
        }
    }

    /**
     * Starts the engine detached and returns once it has its request: {@code argv} is its full command line (see
     * {@link EngineProcess#agentArgs}), {@code envelope} its request envelope (which gets {@code workDir} and
     * {@code resultFile} here).
     */
    public static void start(List<String> argv, Map<String, Object> envelope, Path workDir, Map<String, String> env,
            Path controlDir, EngineArchive archive) throws IOException {
        createPrivateDirectory(controlDir);
        Files.createDirectories(workDir);
        if (archive != null) {
            archive.save(controlDir.resolve(ARCHIVE));
        }
        Map<String, Object> full = new LinkedHashMap<>(envelope);
        full.put("workDir", workDir.toAbsolutePath().toString());
        full.put("resultFile", controlDir.resolve(RESULT).toString());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        } else if (Files.isExecutable(Path.of("/bin/setsid"))) {
            command.add("/bin/setsid");
        }
        command.addAll(List.of("sh", "-c", WRAPPER, "slipway-engine", controlDir.toString()));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        EngineProcess.withoutJvmOptions(builder.environment());
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(MiniJson.write(full).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the engine died before reading its request; its log says why
        }
        // the wrapper is the session leader: a stop reaches it through its pid file, so wait until it is written
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(controlDir.resolve(PID)) && process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /**
     * Reads the log from {@code offset} (at most {@code max} bytes) and, once the engine has ended and the log is
     * read to its end, its exit code and result; finishes the class-data archive then. An engine that is no longer
     * running and left no exit code (its machine went down, or it was killed with its wrapper) ends the run with
     * {@link #GONE}.
     */
    public static Look look(Path controlDir, long offset, int max) throws IOException {
        Path log = controlDir.resolve(LOG);
        Path exit = controlDir.resolve(EXIT);
        // the exit file first: once it exists the log is complete
        boolean exited = Files.exists(exit);
        boolean gone = !exited && !running(controlDir);
        if (gone) {
            exited = Files.exists(exit); // it may have ended between the two looks
            gone = !exited;
        }
        long size = Files.exists(log) ? Files.size(log) : 0;
        long from = Math.min(Math.max(0, offset), size);
        int count = (int) Math.min(max, size - from);
        byte[] bytes = new byte[count];
        if (count > 0) {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                file.seek(from);
                file.readFully(bytes);
            }
        }
        long next = from + count;
        boolean more = next < size;
        if (more || !(exited || gone)) {
            return new Look(bytes, next, null, null, List.of(), more);
        }
        int code = gone ? GONE : readExit(exit);
        Path result = controlDir.resolve(RESULT);
        String json = Files.exists(result) ? Files.readString(result, StandardCharsets.UTF_8) : null;
        EngineArchive archive = EngineArchive.restore(controlDir.resolve(ARCHIVE));
        if (archive != null) {
            archive.finish(code >= 0 && code <= 3);
            Files.deleteIfExists(controlDir.resolve(ARCHIVE));
        }
        return new Look(bytes, next, code, json, tail(log), false);
    }

    /** Whether the run's wrapper still runs (the pid file, and a live process of that pid started no later). */
    static boolean running(Path controlDir) throws IOException {
        Optional<ProcessHandle> wrapper = wrapper(controlDir);
        if (wrapper.isEmpty()) {
            // no pid yet: just started, or never started (then the start reported it)
            return !Files.exists(controlDir.resolve(PID)) && Files.exists(controlDir)
                    && Files.getLastModifiedTime(controlDir).toInstant().isAfter(Instant.now().minusSeconds(60));
        }
        return wrapper.get().isAlive();
    }

    private static Optional<ProcessHandle> wrapper(Path controlDir) throws IOException {
        Path pidFile = controlDir.resolve(PID);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Instant written = Files.getLastModifiedTime(pidFile).toInstant();
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> p.info().startInstant()
                .map(started -> !started.isAfter(written.plusSeconds(5))).orElse(true));
    }

    /**
     * Stops a run as an abort does, also when whoever started it is gone: SIGTERM to the engine, which stops what it
     * started (test commands, the app and browser, a deploy with its rollback) within {@code grace}; then whatever
     * is left of the run's process tree and process group is killed. Returns what was done, for the build log.
     */
    public static List<String> stop(Path controlDir, Duration grace) throws IOException, InterruptedException {
        List<String> said = new ArrayList<>();
        Optional<ProcessHandle> wrapper = wrapper(controlDir);
        if (wrapper.isEmpty()) {
            said.add("the Slipway engine is not running any more");
            return said;
        }
        ProcessHandle leader = wrapper.get();
        Set<ProcessHandle> tree = new LinkedHashSet<>(leader.descendants().toList());
        leader.children().forEach(ProcessHandle::destroy); // the engine: SIGTERM, it cleans up
        long deadline = System.nanoTime() + grace.toNanos();
        while (!Files.exists(controlDir.resolve(EXIT)) && leader.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!Files.exists(controlDir.resolve(EXIT)) && leader.isAlive()) {
            said.add("the Slipway engine did not stop within " + grace.toSeconds() + " s; killing it");
        }
        tree.addAll(leader.descendants().toList());
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        killGroup(leader.pid());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (leader.isAlive() && !Files.exists(controlDir.resolve(EXIT)) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return said;
    }

    /** SIGKILL to the process group the wrapper leads: what left the tree (daemons, double forks) goes too. */
    private static void killGroup(long leader) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + leader)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: the tree was killed one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The run's whole log as text, or its last {@code max} bytes when it is longer (from a line's start): what an
     * engine that died had done, for the step's report.
     */
    public static String logText(Path controlDir, int max) throws IOException {
        Path log = controlDir.resolve(LOG);
        if (!Files.exists(log)) {
            return "";
        }
        long size = Files.size(log);
        int count = (int) Math.min(size, max);
        byte[] bytes = new byte[count];
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(size - count);
            file.readFully(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int firstLine = count < size ? text.indexOf('\n') + 1 : 0;
        return text.substring(firstLine);
    }

    /** Removes a collected run's control directory. */
    public static void remove(Path controlDir) {
        EngineProcess.deleteRecursively(controlDir);
    }

    private static int readExit(Path exit) throws IOException {
        try {
            return Integer.parseInt(Files.readString(exit, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return GONE;
        }
    }

    private static List<String> tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        long size = Files.size(log);
        int count = (int) Math.min(size, 16 * 1024);
        byte[] bytes = new byte[count];
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(size - count);
            file.readFully(bytes);
        }
        List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
        return lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        }
    }

    /** Writes {@code props} atomically (used for the archive decision). */
    static void writeProperties(Path file, Properties props) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(out, null);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
