package io.jenkins.plugins.slipway.bridge;

import io.jenkins.plugins.slipway.request.Capability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The agent side of the bridge: starts the engine in its own JVM, hands it the request envelope (with any
 * secrets) on standard input, streams its output lines as they come, and returns its JSON result.
 * When the calling thread is interrupted (a build abort), the engine gets SIGTERM and {@code grace} to clean
 * up; then whatever is left of its process tree is killed. Uses only the JDK: it runs inside Jenkins agents.
 */
public final class EngineProcess {

    /** What the engine left behind: its exit code, its result envelope (null if it wrote none), its last lines. */
    public static final class Outcome {
        private final int exitCode;
        private final String resultJson;
        private final List<String> lastLines;

        public Outcome(int exitCode, String resultJson, List<String> lastLines) {
            this.exitCode = exitCode;
            this.resultJson = resultJson;
            this.lastLines = List.copyOf(lastLines);
        }

        public int exitCode() {
            return exitCode;
        }

        public String resultJson() {
            return resultJson;
        }

        public List<String> lastLines() {
            return lastLines;
        }
    }

    private static final int TAIL = 20;

    private EngineProcess() {
    }

    /** The agent's own Java: {@code java.home} of the JVM running this code. */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts the engine as agents do: {@code java <jvmOptions> <engineArgs>}, where {@code engineArgs} is
     * {@code -jar <cached jar>} (then started as {@code -cp <jar> }{@link #AGENT_MAIN}, with the task's class-data
     * archive, see {@link EngineArchive}) or {@code -cp <classpath> <main class>}; otherwise as {@link #run}. Short tasks start with C1 only
     * ({@link #taskOptions}). A true {@code debug} in the envelope shows what was decided about the archive.
     */
    public static Outcome runEngine(String java, List<String> jvmOptions, List<String> engineArgs,
            Map<String, Object> envelope, Path workDir, Map<String, String> env, Duration grace, Consumer<String> lines)
            throws IOException, InterruptedException {
        Consumer<String> debug = Boolean.TRUE.equals(envelope.get("debug"))
                ? line -> lines.accept("[slipway] " + line) : line -> { };
        EngineArchive archive = engineArgs.size() == 2 && "-jar".equals(engineArgs.get(0))
                ? EngineArchive.forStart(Path.of(engineArgs.get(1)), String.valueOf(envelope.get("task")), jvmOptions,
                        debug)
                : null;
        List<String> command = command(java, String.valueOf(envelope.get("task")), jvmOptions, engineArgs, archive);
        Outcome outcome = null;
        try {
            outcome = run(command, envelope, workDir, env, grace, lines);
            return outcome;
        } finally {
            if (archive != null) {
                archive.finish(outcome != null && outcome.exitCode() >= 0 && outcome.exitCode() <= 3);
            }
        }
    }

    /**
     * The engine's main class for the bridge: with {@code -jar} the launcher would read the jar's directory (60,000
     * entries) for its manifest and load picocli, neither of which the archive can spare.
     */
    static final String AGENT_MAIN = "io.jenkins.plugins.slipway.engine.runtime.AgentMain";

    /**
     * Starts the engine as {@link #runEngine} does, but detached ({@link DetachedEngine}): it keeps running when the
     * calling JVM or its connection goes away, and {@link DetachedEngine#look} collects its log and result from
     * {@code controlDir}. Returns once the engine has its request.
     */
    public static void startDetached(String java, List<String> jvmOptions, List<String> engineArgs,
            Map<String, Object> envelope, Path workDir, Map<String, String> env, Duration grace, Path controlDir)
            throws IOException {
        EngineArchive archive = engineArgs.size() == 2 && "-jar".equals(engineArgs.get(0))
                ? EngineArchive.forStart(Path.of(engineArgs.get(1)), String.valueOf(envelope.get("task")), jvmOptions,
                        line -> { })
                : null;
        List<String> command = command(java, String.valueOf(envelope.get("task")), jvmOptions, engineArgs, archive);
        DetachedEngine.start(agentArgs(withPrivateDumps(command, controlDir), envelope, grace), envelope, workDir, env,
                controlDir, archive);
    }

    /** {@code command} followed by the bridge's own {@code agent --grace=N [--prefix=TEXT]}. */
    static List<String> agentArgs(List<String> command, Map<String, Object> envelope, Duration grace) {
        List<String> argv = new ArrayList<>(command);
        argv.add("agent");
        argv.add("--grace=" + Math.max(1, grace.toSeconds()));
        Object prefix = envelope.get("prefix");
        if (prefix != null) {
            argv.add("--prefix=" + prefix);
        }
        return argv;
    }

    /**
     * Tasks that are tiny or mostly wait on the network or a cloud API: their engine JVM compiles with C1 only, which
     * spares about a fifth of a start's CPU (C2 would compile hot start-up code that never runs again). Tasks that
     * crunch (tests, metrics, browser, deploy uploads) keep the full compiler.
     */
    static final Set<String> SHORT_TASKS = Capability.tasks(true, false);

    /**
     * Tasks whose engine JVM collects garbage with the serial collector: a short task's heap is tiny, the test task
     * streams its reports through a small heap, and a deploy streams its artifact; G1's concurrent threads, barriers
     * and eagerly grown young generation cost them CPU (a seventh of reading a 200 MB report) and memory for pauses they
     * do not have. Browser keeps the JVM's choice.
     */
    static final Set<String> SERIAL_GC_TASKS = Capability.tasks(false, true);

    /**
     * The JVM options the bridge puts before the configured ones for {@code task}: C1 only for short tasks, the
     * serial collector ({@link #SERIAL_GC_TASKS}), the task's memory ({@link Capability#memory}) — each unless the configured
     * options choose the compiler, the collector or that limit themselves (they come later on the command line too).
     */
    public static List<String> taskOptions(String task, List<String> jvmOptions) {
        boolean compilerChosen = false;
        boolean collectorChosen = false;
        for (String option : jvmOptions) {
            compilerChosen |= option.contains("TieredStopAtLevel") || option.contains("TieredCompilation")
                    || option.equals("-Xint") || option.equals("-Xcomp");
            collectorChosen |= option.matches("-XX:[+-]Use\\w*GC");
        }
        List<String> options = new ArrayList<>();
        if (!compilerChosen && SHORT_TASKS.contains(task)) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        if (!collectorChosen && SERIAL_GC_TASKS.contains(task)) {
            options.add("-XX:+UseSerialGC");
        }
        for (String limit : Capability.memoryOf(task)) {
            if (!chosen(limit, jvmOptions)) {
                options.add(limit);
            }
        }
        return options;
    }

    private static final List<String> HEAP = List.of("-Xms", "-Xmx", "-XX:InitialHeapSize=", "-XX:MaxHeapSize=", "-XX:MinHeapSize=",
            "-XX:InitialRAM", "-XX:MaxRAM", "-XX:MinRAM");

    /** Each limit's option and the other names that set the same thing. */
    private static final Map<String, List<String>> SAME_LIMIT = Map.of(
            // the heap's bounds go together: a configured -Xms above the task's -Xmx (or -Xmx below its -Xms) would not start
            "-Xms", HEAP,
            "-Xmx", HEAP,
            "-Xss", List.of("-Xss", "-XX:ThreadStackSize="),
            "-XX:ReservedCodeCacheSize=", List.of("-XX:ReservedCodeCacheSize="));

    /** Whether the configured options set the limit {@code option} sets (by any of its names). */
    private static boolean chosen(String option, List<String> jvmOptions) {
        for (Map.Entry<String, List<String>> limit : SAME_LIMIT.entrySet()) {
            if (option.startsWith(limit.getKey())) {
                for (String given : jvmOptions) {
                    for (String name : limit.getValue()) {
                        if (given.startsWith(name)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * The engine's command line as {@link #runEngine} starts it, up to (not including) {@code agent}: {@code java},
     * the task's options (with {@link CompilerDirectives} where an archive folder is at hand), the configured ones, the
     * archive's, then the engine — {@code -jar <jar>} becomes
     * {@code -cp <jar> }{@link #AGENT_MAIN} when an archive decision was made for it. Public for the benchmarks.
     */
    public static List<String> command(String java, String task, List<String> jvmOptions, List<String> engineArgs,
            EngineArchive archive) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(taskOptions(task, jvmOptions));
        if (archive != null) {
            command.addAll(CompilerDirectives.options(task, archive.folder(), jvmOptions, line -> { }));
        }
        command.addAll(jvmOptions);
        if (archive != null) {
            command.addAll(archive.jvmOptions());
        }
        command.addAll(archive != null ? List.of("-cp", engineArgs.get(1), AGENT_MAIN) : engineArgs);
        return command;
    }

    /**
     * Runs one engine task.
     *
     * @param command  the JVM command line up to the main class or jar, e.g. {@code java -Xmx1g -jar slipway.jar}
     * @param envelope the request envelope ({@code task}, {@code request}, {@code secrets}, …); {@code workDir}
     *                 and {@code resultFile} are filled in here
     * @param workDir  the workspace
     * @param env      environment variables for the engine (the build's environment), may be empty
     * @param grace    how long the engine may clean up after an abort
     * @param lines    receives every output line of the engine as it comes
     */
    public static Outcome run(List<String> command, Map<String, Object> envelope, Path workDir,
            Map<String, String> env, Duration grace, Consumer<String> lines) throws IOException, InterruptedException {
        Path tmp = privateTempDir();
        try {
            Path resultFile = tmp.resolve("result.json");
            Map<String, Object> full = new LinkedHashMap<>(envelope);
            full.put("workDir", workDir.toAbsolutePath().toString());
            full.put("resultFile", resultFile.toString());
            List<String> argv = agentArgs(withPrivateDumps(command, tmp), envelope, grace);
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            withoutJvmOptions(builder.environment());
            Process process = builder.start();
            Deque<String> tail = new ArrayDeque<>();
            Thread pump = new Thread(() -> pump(process, lines, tail), "slipway engine output");
            pump.setDaemon(true);
            pump.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(MiniJson.write(full).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the engine died before reading its request; its output says why
            }
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                abort(process, grace, lines);
                pump.join(5000);
                throw e;
            }
            pump.join(5000);
            String result = Files.exists(resultFile) ? Files.readString(resultFile, StandardCharsets.UTF_8) : null;
            synchronized (tail) {
                return new Outcome(exit, result, new ArrayList<>(tail));
            }
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** SIGTERM to the engine, time to clean up, then SIGKILL to whatever of its tree is still alive. */
    static void abort(Process process, Duration grace, Consumer<String> lines) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(process.descendants().toList());
        // ProcessHandle.destroy, not Process.destroy: the latter also closes our end of the engine's output,
        // and the engine's last words (what it cleaned up) must still reach the build log.
        process.toHandle().destroy();
        boolean exited;
        try {
            exited = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException again) {
            exited = false;
            Thread.currentThread().interrupt();
        }
        if (!exited) {
            lines.accept("Slipway engine did not stop within " + grace.toSeconds() + " s; killing it");
        }
        tree.addAll(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroy();
            }
        }
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static void pump(Process process, Consumer<String> lines, Deque<String> tail) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
                lines.accept(line);
            }
        } catch (IOException e) {
            // the engine went away; what it printed so far has been passed on
        }
    }

    /** Environment variables that would add options to the engine's JVM (from the build: the commit's to set). */
    static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /**
     * Removes {@link #JVM_OPTION_VARIABLES} from the engine's environment: a build could otherwise make the engine,
     * which holds the secrets, dump its heap into the workspace or load an agent of the commit's choosing. The
     * engine's JVM options are the ones configured for Slipway.
     */
    static void withoutJvmOptions(Map<String, String> environment) {
        for (String variable : JVM_OPTION_VARIABLES) {
            String value = environment.remove(variable);
            if (value != null) { // kept for the build's own commands, which the engine starts with it restored
                environment.put(KEPT_PREFIX + variable, value);
            }
        }
    }

    /**
     * The prefix under which the build's JVM option variables reach the engine: the engine's JVM ignores them, and
     * the commands it runs for the build (tests, the app, hooks) get them back under their own names.
     */
    static final String KEPT_PREFIX = "SLIPWAY_BUILD_";

    /**
     * {@code command} with the JVM's heap dumps and crash logs (which may hold the secrets) sent to the engine's
     * private temporary folder, which is removed when the engine ends; options the administrator configured come
     * later on the command line and win.
     */
    static List<String> withPrivateDumps(List<String> command, Path tmp) {
        List<String> argv = new ArrayList<>(command);
        String program = command.isEmpty() ? "" : Path.of(command.get(0)).getFileName().toString();
        if (program.equals("java") || program.equals("java.exe")) {
            argv.addAll(1, List.of("-XX:HeapDumpPath=" + tmp, "-XX:ErrorFile=" + tmp.resolve("hs_err_pid%p.log")));
        }
        return argv;
    }

    private static Path privateTempDir() throws IOException {
        try {
            return Files.createTempDirectory("slipway-engine-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempDirectory("slipway-engine-");
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a private temporary directory
        }
    }
}
