package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.bridge.CompilerDirectives;
import io.jenkins.plugins.slipway.bridge.EngineArchive;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The main class of {@code java -jar slipway.jar}. That jar holds this launcher only, and names the engine jar beside
 * it ({@code slipway-engine.jar}) in its manifest's {@code Class-Path}: {@code java -jar} reads the directory of the
 * jar it is given twice before {@code main}, and the engine's has 60,000 entries.
 *
 * <p>A jar cannot give its JVM options, so a command that runs better in a JVM tuned for it — {@code test},
 * {@code metrics} and {@code deploy} (the serial collector and a heap sized for the task: reports and artifacts
 * stream through it), {@code version} and the {@code ec2} commands (also C1 only: they are short) — runs in a
 * second JVM started as
 * the Jenkins bridge starts the engine on an agent: the same options ({@link EngineProcess#taskOptions}) and an
 * application class-data archive ({@link EngineArchive}) kept in the user's cache
 * ({@code $XDG_CACHE_HOME/slipway/cli-cds/<jar>/}, else {@code ~/.cache/…}), made by the first run and used by the
 * later ones. Standard input, output and error are the child's own (inherited), so secrets on standard input, the
 * terminal and the exit code are unchanged; a signal that ends this JVM ends the child too, which then cleans up as
 * it would on its own.
 *
 * <p>Nothing is relaunched when the user chose the JVM: any option before {@code -jar} (e.g.
 * {@code java -Xmx2g -jar slipway.jar test}) runs the command in that JVM, as does {@code -cp slipway.jar
 * io.jenkins.plugins.slipway.cli.SlipwayCli}. Options from {@code JDK_JAVA_OPTIONS} or {@code JAVA_TOOL_OPTIONS}
 * reach the child through its environment and keep their choice of collector, compiler or class sharing. If the
 * child JVM cannot be started, the command runs here. {@code --debug} prints what was decided.
 */
public final class JarLauncher {

    /** Set on the child JVM, so that it never relaunches itself. */
    static final String LAUNCHED = "slipway.launched";

    private JarLauncher() {
    }

    public static void main(String[] args) {
        String missing = missingEngine(ownJar());
        if (missing != null) {
            System.err.println("slipway: " + missing);
            System.exit(3);
        }
        String task = task(args);
        if (task != null && System.getProperty(LAUNCHED) == null) {
            Integer code = relaunch(task, args, new Debug(Arrays.asList(args).contains("--debug")));
            if (code != null) {
                System.exit(code);
            }
        }
        SlipwayCli.main(args);
    }

    /** The jar this class was loaded from, or null (a class directory, or a location that is not a file). */
    static Path ownJar() {
        try {
            java.security.CodeSource source = JarLauncher.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            return location != null && Files.isRegularFile(location) ? location : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * What is missing when {@code jar} is the launcher jar ({@code slipway.jar}) and the engine jar its manifest's
     * {@code Class-Path} names ({@code slipway-engine.jar}) is not beside it; null when nothing is (or {@code jar} is
     * null or the engine itself). Opening {@code jar} again costs nothing: the JVM's class loader holds it open.
     */
    static String missingEngine(Path jar) {
        if (jar == null) {
            return null;
        }
        String classPath;
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile(), false)) {
            java.util.jar.Manifest manifest = file.getManifest();
            classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        } catch (IOException e) {
            return null; // the JVM has just read it; let the command say what it finds
        }
        if (classPath == null || classPath.isBlank()) {
            return null;
        }
        for (String entry : classPath.trim().split(" +")) {
            Path engine = jar.resolveSibling(entry);
            if (!Files.isRegularFile(engine)) {
                return jar.getFileName() + " is the launcher of " + entry + ", which is not beside it (" + engine
                        + "): keep the two jars together, as `mvn package` writes them to target/";
            }
        }
        return null;
    }

    /**
     * The engine task whose JVM options suit the command {@code args} runs better than this JVM's defaults, or null
     * when it runs here: {@code test}, {@code metrics}, {@code deploy [rollback]}, {@code version},
     * {@code ec2 launch|list|terminate}; never for {@code --help}
     * or {@code --version}, which only print, and so write nothing (no archive under the user's cache).
     */
    static String task(String... args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (List.of("-h", "--help", "-V", "--version").contains(arg)) {
                return null; // help and version print text: no second JVM, and no class-data archive written
            }
        }
        for (String arg : args) {
            if (arg.startsWith("-")) {
                if (words.isEmpty()) {
                    continue; // slipway's own --help/--version: let the CLI answer
                }
                break;
            }
            words.add(arg);
            if (words.size() == 2) {
                break;
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        String task = switch (words.get(0)) {
            case "test", "version", "metrics" -> words.get(0);
            case "deploy" -> words.size() > 1 && words.get(1).equals("rollback") ? "deploy-rollback" : "deploy";
            case "ec2" -> words.size() > 1 && List.of("launch", "list", "terminate").contains(words.get(1))
                    ? "ec2-" + words.get(1) : null;
            default -> null;
        };
        return task == null || EngineProcess.taskOptions(task, List.of()).isEmpty() ? null : task;
    }

    /**
     * Why this JVM runs the command itself, or null when a child JVM may: {@code processArgs} are this JVM's own
     * arguments as the operating system knows them ({@code -jar <jar> <args>} when nothing was chosen).
     */
    static String runHere(List<String> processArgs, String[] args) {
        if (processArgs.size() < 2 || !"-jar".equals(processArgs.get(0))) {
            return "the JVM was started with options of its own (" + (processArgs.isEmpty() ? "unknown"
                    : processArgs.get(0)) + ")";
        }
        if (!processArgs.subList(2, processArgs.size()).equals(Arrays.asList(args))) {
            return "the JVM's command line does not end with the arguments given";
        }
        return null;
    }

    /** The options the environment gives every JVM ({@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS}). */
    static List<String> environmentOptions(Map<String, String> env) {
        List<String> options = new ArrayList<>();
        for (String name : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                options.addAll(Arrays.asList(value.trim().split("\\s+")));
            }
        }
        return options;
    }

    /**
     * Where the archives for {@code jar} live: one directory per jar path, size and modification time (the JVM itself
     * refuses an archive whose jar changed), under {@code cacheHome/slipway/cli-cds}; null without a cache home.
     */
    static Path archiveDir(Path jar, Map<String, String> env, String userHome) throws IOException {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : userHome == null || userHome.isBlank() || "?".equals(userHome) ? null
                : Path.of(userHome, ".cache");
        if (cache == null) {
            return null;
        }
        Path absolute = jar.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
        String identity = absolute + "\n" + attributes.size() + "\n" + attributes.lastModifiedTime().toMillis();
        return cache.resolve("slipway").resolve("cli-cds").resolve(EngineArchive.key(identity));
    }

    /**
     * This JVM's arguments after the executable: from {@code /proc/self/cmdline} where there is one (it keeps empty
     * arguments such as {@code --html ""}, which {@code ProcessHandle.Info} drops), else from {@code ProcessHandle}.
     */
    static List<String> processArguments() {
        Path cmdline = Path.of("/proc/self/cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                String all = new String(Files.readAllBytes(cmdline), java.nio.charset.Charset.defaultCharset());
                List<String> words = new ArrayList<>(Arrays.asList(all.split("\0", -1)));
                if (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
                    words.remove(words.size() - 1); // each argument ends with a NUL
                }
                return words.isEmpty() ? List.of() : words.subList(1, words.size());
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the portable answer
        }
        return ProcessHandle.current().info().arguments().map(Arrays::asList).orElse(List.of());
    }

    /** Runs the command in a child JVM and returns its exit code, or null when it must run here. */
    private static Integer relaunch(String task, String[] args, Consumer<String> debug) {
        List<String> processArgs = processArguments();
        String reason = runHere(processArgs, args);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (reason == null && !Files.isExecutable(java)) {
            reason = java + " cannot be run";
        }
        if (reason != null) {
            debug.accept("running in this JVM: " + reason);
            return null;
        }
        Path jar = Path.of(processArgs.get(1));
        List<String> userOptions = environmentOptions(System.getenv());
        EngineArchive archive = null;
        try {
            Path dir = archiveDir(jar, System.getenv(), System.getProperty("user.home"));
            if (dir == null) {
                debug.accept("no class-data archive: no cache directory (set XDG_CACHE_HOME or HOME)");
            } else {
                archive = EngineArchive.in(dir.toAbsolutePath(), task, userOptions, debug);
            }
        } catch (IOException | RuntimeException e) {
            debug.accept("no class-data archive: " + e);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(EngineProcess.taskOptions(task, userOptions));
        if (archive != null) {
            command.addAll(CompilerDirectives.options(task, archive.folder(), userOptions, debug));
        }
        if (archive != null) {
            command.addAll(archive.jvmOptions());
        }
        command.add("-D" + LAUNCHED + "=true");
        // as the archive is keyed (archiveDir): the archive records the class path as given, and is used from any directory
        command.addAll(List.of("-cp", jar.toAbsolutePath().normalize().toString(),
                "io.jenkins.plugins.slipway.cli.SlipwayCli"));
        command.addAll(Arrays.asList(args));
        debug.accept("running in its own JVM: " + String.join(" ", command));
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            debug.accept("running in this JVM: the child JVM did not start: " + e.getMessage());
            if (archive != null) {
                archive.finish(false);
            }
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new ChildStop(child));
        int code;
        while (true) {
            try {
                code = child.waitFor();
                break;
            } catch (InterruptedException e) {
                // only a signal ends this wait: the shutdown hook stops the child
            }
        }
        if (archive != null) {
            archive.finish(code >= 0 && code <= 3);
        }
        return code;
    }

    /*
     * What follows are small named classes, not lambdas: this JVM runs for a moment only, with the JDK's defaults, and
     * the first lambda of a JVM costs more than the rest of the launcher does.
     */

    /** This JVM is ending (a signal): the child ends too, given the time it takes to clean up after an abort. */
    private static final class ChildStop extends Thread {
        private final Process child;

        ChildStop(Process child) {
            super("slipway-child-stop");
            this.child = child;
        }

        @Override
        public void run() {
            if (!child.isAlive()) {
                return;
            }
            child.destroy();
            try {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code --debug}: what was decided, on standard error. */
    private static final class Debug implements Consumer<String> {
        private final boolean on;

        Debug(boolean on) {
            this.on = on;
        }

        @Override
        public void accept(String line) {
            if (on) {
                System.err.println("slipway: " + line);
            }
        }
    }
}
