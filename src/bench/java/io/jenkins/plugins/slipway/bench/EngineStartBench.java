package io.jenkins.plugins.slipway.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.slipway.bridge.EngineArchive;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.bridge.MiniJson;
import io.jenkins.plugins.slipway.cli.SlipwayCli;
import io.jenkins.plugins.slipway.engine.runtime.TaskRunner;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.git.GitService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one engine start costs, and where it goes, next to a bare {@code java -version} measured in the same run.
 * <ol>
 * <li>CPU (user + system, children included, as {@code bash times} counts it) and wall time of whole processes:
 *     {@code java -version}, {@code slipway version} (CLI, through picocli), and the bridge's own start
 *     ({@code slipway agent} running the {@code version} task) — for an older jar too when one is given, so
 *     before and after sit side by side — and the bridge's start as agents do it: with the task's class-data
 *     archive (made in the warm-up round next to the jar, {@code target/cds/}), this short task's options (C1 only,
 *     the serial collector) and its main class ({@code -cp jar AgentMain}: {@code EngineProcess.command}).</li>
 * <li>The split of one start, measured inside a fresh JVM (main-thread CPU): building the command model,
 *     setting up JSON, reading the commit, running the task. "before" builds every command's model, a mapper with
 *     {@code findAndRegisterModules()} and reads the commit with JGit, as the engine used to; "after" is what the
 *     engine does now (the commit read from the repository's files).</li>
 * </ol>
 *
 * <pre>mvn -B -q package -DskipTests &amp;&amp; mvn -B -q -o test-compile
 * java -cp target/test-classes:target/slipway.jar io.jenkins.plugins.slipway.bench.EngineStartBench [runs] [older.jar]</pre>
 * The repository itself is the work directory, so the commit read is a real one.
 */
public final class EngineStartBench {

    private EngineStartBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--split")) {
            split(args[1], Path.of(args[2]));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path jar = Path.of("target", "slipway.jar").toAbsolutePath(); // the command line's launcher
        Path engine = Path.of("target", "slipway-engine.jar").toAbsolutePath(); // what agents run
        if (!Files.exists(jar) || !Files.exists(engine)) {
            throw new IllegalStateException("build the engine first: mvn -B -q package -DskipTests");
        }
        Path older = args.length > 1 ? Path.of(args[1]).toAbsolutePath() : null;
        // an older launcher with its engine jar beside it (as the build leaves them): agents start that engine jar
        Path olderEngine = older == null ? null : Files.exists(older.resolveSibling("slipway-engine.jar"))
                ? older.resolveSibling("slipway-engine.jar") : older;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Path.of("").toAbsolutePath();
        String envelope = "{\"task\":\"version\",\"request\":{},\"workDir\":\"" + work + "\"}";

        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("baseline: java -version", List.of(java, "-version"));
        if (older != null) {
            commands.put("before: slipway version (CLI)", List.of(java, "-jar", older.toString(), "version"));
            commands.put("before: bridge start (agent, version task)", List.of(java, "-jar", olderEngine.toString(), "agent"));
        }
        commands.put("now: slipway version (CLI)", List.of(java, "-jar", jar.toString(), "version"));
        commands.put("now: bridge start (agent, version task)", List.of(java, "-jar", engine.toString(), "agent"));

        // as agents start the engine (EngineProcess.command: archive, the task's options, AgentMain): the version task
        // (an empty request) and a test task with parameters (analysis only, reading no report)
        String testEnvelope = "{\"task\":\"test\",\"request\":{\"commandExitCode\":0,\"reports\":[\"no-such-dir/*.xml\"],"
                + "\"allowEmptyResults\":true,\"html\":\"\",\"normalisedJUnitXml\":\"\"},\"workDir\":\"" + work + "\"}";
        Map<String, Object[]> asOnAgents = new LinkedHashMap<>(); // label -> engine jar, task, envelope
        if (older != null) {
            asOnAgents.put("before: bridge start as on agents (archive, C1)", new Object[] {olderEngine, "version", envelope});
            if (olderEngine != older) {
                asOnAgents.put("before: as on agents, test task with parameters", new Object[] {olderEngine, "test", testEnvelope});
            }
        }
        asOnAgents.put("now: bridge start as on agents (archive, C1, serial GC, AgentMain)", new Object[] {engine, "version", envelope});
        asOnAgents.put("now: as on agents, test task with parameters", new Object[] {engine, "test", testEnvelope});
        asOnAgents.keySet().forEach(label -> commands.put(label, List.of()));

        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (int i = 0; i < runs + 1; i++) { // one warm-up round fills the page cache (and makes the archive)
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                double[] cpuWall;
                Object[] agentStart = asOnAgents.get(c.getKey());
                if (agentStart != null && agentStart[0] == older) { // an older launcher without its engine jar beside it
                    EngineArchive archive = EngineArchive.forStart(older, "version", List.of(), line -> { });
                    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1"));
                    command.addAll(archive.jvmOptions());
                    command.addAll(List.of("-jar", older.toString(), "agent"));
                    cpuWall = cpuAndWall(command, envelope, work);
                    archive.finish(true);
                } else if (agentStart != null) {
                    Path jarOfStart = (Path) agentStart[0];
                    String task = (String) agentStart[1];
                    EngineArchive archive = EngineArchive.forStart(jarOfStart, task, List.of(), line -> { });
                    List<String> command = new ArrayList<>(EngineProcess.command(java, task, List.of(),
                            List.of("-jar", jarOfStart.toString()), archive));
                    command.add("agent");
                    cpuWall = cpuAndWall(command, (String) agentStart[2], work);
                    archive.finish(true);
                } else {
                    cpuWall = cpuAndWall(c.getValue(), c.getKey().contains("agent") ? envelope : null, work);
                }
                if (i > 0) {
                    samples.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(cpuWall);
                }
            }
        }
        System.out.printf(Locale.ROOT, "runs: %d (after 1 warm-up round), %d cores, load %.1f; engine jar %.0f MB%n",
                runs, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Files.size(engine) / 1e6);
        System.out.printf(Locale.ROOT, "%-46s %9s %9s %9s %9s%n", "whole process (median)", "CPU ms", "x java", "wall ms",
                "x java");
        double baseCpu = median(samples.get("baseline: java -version"), 0);
        double baseWall = median(samples.get("baseline: java -version"), 1);
        for (Map.Entry<String, List<double[]>> s : samples.entrySet()) {
            double cpu = median(s.getValue(), 0);
            double wall = median(s.getValue(), 1);
            System.out.printf(Locale.ROOT, "%-46s %9.0f %9.1f %9.0f %9.1f%n", s.getKey(), cpu, cpu / baseCpu, wall,
                    wall / baseWall);
        }

        String cp = System.getProperty("java.class.path");
        System.out.printf(Locale.ROOT, "%nsplit of one start (main-thread CPU ms, median of %d fresh JVMs)%n", runs);
        System.out.printf(Locale.ROOT, "%-8s %12s %12s %12s %12s %12s%n", "", "model build", "JSON set-up", "git",
                "task", "sum");
        for (String mode : List.of("before", "after-cli", "after-agent")) {
            List<double[]> phases = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Process p = new ProcessBuilder(java, "-cp", cp, EngineStartBench.class.getName(), "--split", mode,
                        work.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                p.waitFor();
                String last = out.substring(out.lastIndexOf('\n') + 1);
                String[] f = last.split(" ");
                phases.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])});
            }
            double[] m = {median(phases, 0), median(phases, 1), median(phases, 2), median(phases, 3)};
            System.out.printf(Locale.ROOT, "%-11s %9.0f %12.0f %12.0f %12.0f %12.0f%n", mode, m[0], m[1], m[2], m[3],
                    m[0] + m[1] + m[2] + m[3]);
        }
        System.out.println("(after-agent builds no picocli model: MiniJson reads the envelope,"
                + " Jackson binds the request and writes the reply; the commit is read on its own thread while the task runs)");
    }

    /** Child JVM: one start, phase by phase; prints "model json git task" in ms of this thread's CPU. */
    private static void split(String mode, Path work) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        if (mode.equals("before")) {
            SlipwayCli.commandLine();
        } else if (mode.equals("after-cli")) {
            SlipwayCli.commandLine("version");
        }
        long t1 = mx.getCurrentThreadCpuTime();
        boolean agent = mode.equals("after-agent");
        ObjectMapper mapper = null;
        if (agent) { // the envelope read as AgentCommand reads it: no mapper at all
            MiniJson.parseObject("{\"task\":\"version\",\"request\":{},\"workDir\":\"" + work + "\"}");
        } else {
            mapper = mode.equals("before")
                    ? new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                            .enable(SerializationFeature.INDENT_OUTPUT).findAndRegisterModules()
                    : Json.MAPPER;
            mapper.createObjectNode();
        }
        long t2 = mx.getCurrentThreadCpuTime();
        Object commit = mode.equals("before") ? jgitCommit(work) : new GitService().commitInfo(work, false);
        long t3 = mx.getCurrentThreadCpuTime();
        TaskContext context = new TaskContext(Log.console(System.out, "", false, Secrets.none()), Secrets.none(), work);
        if (agent) { // bound and written as the bridge's start does: the plain request bound by Jackson
            Json.write(Map.of("result", TaskRunner.runTask("version", Map.of(), context), "commit", commit));
        } else {
            mapper.writeValueAsString(mapper.valueToTree(TaskRunner.runTask("version", mapper.createObjectNode(),
                    context)));
            mapper.writeValueAsString(commit);
        }
        long t4 = mx.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "%n%.1f %.1f %.1f %.1f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                (t4 - t3) / 1e6);
    }

    /** The commit as the engine used to read it for every result: through JGit. */
    private static Map<String, Object> jgitCommit(Path work) throws Exception {
        try (org.eclipse.jgit.lib.Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .readEnvironment().findGitDir(work.toFile()).setMustExist(true).build();
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            org.eclipse.jgit.revwalk.RevCommit c = walk.parseCommit(repo.resolve("HEAD"));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("id", c.name());
            info.put("branch", repo.getFullBranch());
            info.put("author", c.getAuthorIdent().getName());
            info.put("message", c.getShortMessage());
            return info;
        }
    }

    /** CPU ms (user + system of the process and its children, from bash's {@code times}) and wall ms. */
    public static double[] cpuAndWall(List<String> command, String stdin, Path work) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", "\"$@\" >/dev/null 2>&1; times", "bash"));
        argv.addAll(command);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(argv).directory(work.toFile()).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        String times = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        String children = times.substring(times.lastIndexOf('\n') + 1); // "0m0.412s 0m0.052s"
        double cpu = 0;
        for (String t : children.split(" ")) {
            int m = t.indexOf('m');
            cpu += Double.parseDouble(t.substring(0, m)) * 60_000 + Double.parseDouble(t.substring(m + 1, t.length() - 1)) * 1000;
        }
        return new double[] {cpu, wall};
    }

    public static double median(List<double[]> values, int index) {
        List<Double> sorted = new ArrayList<>();
        for (double[] v : values) {
            sorted.add(v[index]);
        }
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
