package io.jenkins.plugins.slipway.request;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every engine task, registered once: its name on the bridge and in the engine's task table, the JVM profile its
 * engine starts with, its command on the command line, its Pipeline step and the packages its code lives in
 * ({@code engine.<pkg>}, {@code jenkins.<pkg>}). The steps, the CLI, the bridge, the engine's task table and the
 * architecture test read it; a new capability is its own packages plus one line here (and its line in the engine's
 * task table, which the table's test checks against this one). JDK only, without lambdas or regular expressions: the
 * command line's launcher loads it before anything else.
 */
public enum Capability {
    VERSION("version", Profile.SHORT, "version", "slipwayVersion", "pipeline", Memory.TINY),
    PROBE("probe", Profile.SHORT, null, null, null, Memory.TINY),
    EC2_LAUNCH("ec2-launch", Profile.SHORT, "ec2 launch", "ec2Launch", "ec2", Memory.AWS),
    EC2_TERMINATE("ec2-terminate", Profile.SHORT, "ec2 terminate", "ec2Terminate", "ec2", Memory.AWS),
    EC2_LIST("ec2-list", Profile.SHORT, "ec2 list", null, "ec2", Memory.AWS),
    DEPLOY("deploy", Profile.SERIAL_GC, "deploy", "sshDeploy", "deploy", "-Xms16m", "-Xmx512m", "-Xss1m"),
    DEPLOY_ROLLBACK("deploy-rollback", Profile.SERIAL_GC, "deploy rollback", "sshDeploy", "deploy",
            "-Xms8m", "-Xmx256m", "-Xss1m"),
    TEST("test", Profile.SERIAL_GC, "test", "runTests", "tests", "-Xms16m", "-Xmx512m", "-Xss1m"),
    METRICS("metrics", Profile.SERIAL_GC, "metrics", "codeMetrics", "metrics", "-Xms32m", "-Xmx1g"),
    BROWSER("browser", Profile.DEFAULT, "browser", "browserTest", "browser"),
    LOCAL_LAUNCH("local-launch", Profile.SHORT, null, null, "local", Memory.SMALL),
    GIT_TAG("git-tag", Profile.SHORT, null, null, "git", Memory.SMALL);

    /*
     * Each task's memory, sized by its work, not by the machine (the JDK's default heap is a quarter of the memory;
     * eight executors' engines then held 4-5 GB for a small project): the most heap it may take (-Xmx; the serial
     * collector grows the heap only as the live data needs, so a large bound costs a small project nothing), thread
     * stacks and, for the short tasks, the code cache. The test task streams its JUnit and coverage reports (a 1 GB
     * report reads through this heap); metrics gets the most room (PMD's trees, pylint's output); a deploy streams the
     * artifact. A task that names none keeps the JVM's defaults.
     */
    /** The memory several short tasks share. */
    private static final class Memory {
        static final String[] TINY = {"-Xms8m", "-Xmx64m", "-Xss512k", "-XX:ReservedCodeCacheSize=32m"};
        static final String[] SMALL = {"-Xms8m", "-Xmx128m", "-Xss512k", "-XX:ReservedCodeCacheSize=32m"};
        static final String[] AWS = {"-Xms8m", "-Xmx128m", "-Xss512k", "-XX:ReservedCodeCacheSize=48m"};

        private Memory() {
        }
    }

    /** How the engine's JVM starts for a task ({@code EngineProcess.taskOptions}). */
    public enum Profile {
        /** Tiny or waiting on the network: C1 only and the serial collector. */
        SHORT(true, true),
        /** Streams through a small heap: the serial collector, the full compiler. */
        SERIAL_GC(false, true),
        /** The JVM's own choices. */
        DEFAULT(false, false);

        private final boolean c1Only;
        private final boolean serialGc;

        Profile(boolean c1Only, boolean serialGc) {
            this.c1Only = c1Only;
            this.serialGc = serialGc;
        }

        public boolean c1Only() {
            return c1Only;
        }

        public boolean serialGc() {
            return serialGc;
        }
    }

    private final String task;
    private final Profile profile;
    private final String command;
    private final String step;
    private final String pkg;
    private final List<String> memory;

    Capability(String task, Profile profile, String command, String step, String pkg, String... memory) {
        this.task = task;
        this.profile = profile;
        this.command = command;
        this.step = step;
        this.pkg = pkg;
        this.memory = List.of(memory);
    }

    /** The task's name on the bridge and in the engine's task table, e.g. {@code deploy-rollback}. */
    public String task() {
        return task;
    }

    public Profile profile() {
        return profile;
    }

    /**
     * The JVM's memory options for the task's engine ({@code -Xms}, {@code -Xmx}, {@code -Xss}, the code cache), each
     * left out when the configured JVM options set that limit themselves; empty for the JVM's own defaults.
     */
    public List<String> memory() {
        return memory;
    }

    /** The memory options of a task by name ({@link #memory}); empty for a task that is not registered. */
    public static List<String> memoryOf(String task) {
        Capability capability = ofTask(task);
        return capability == null ? List.of() : capability.memory;
    }

    /** The command line's command, e.g. {@code deploy rollback}; null for a task only the bridge or a pipeline runs. */
    public String command() {
        return command;
    }

    /** The Pipeline step's function name, e.g. {@code sshDeploy}; null for a task no step runs. */
    public String step() {
        return step;
    }

    /** The package of its code under {@code engine.} (and {@code jenkins.} for a step's); null for the engine's own. */
    public String pkg() {
        return pkg;
    }

    /** The capability of a task name, or null for none. */
    public static Capability ofTask(String task) {
        for (Capability c : values()) {
            if (c.task.equals(task)) {
                return c;
            }
        }
        return null;
    }

    /** The names of the tasks whose engine compiles with C1 only ({@code c1Only}) or collects serially. */
    public static Set<String> tasks(boolean c1Only, boolean serialGc) {
        Set<String> out = new LinkedHashSet<>();
        for (Capability c : values()) {
            if (c1Only && c.profile.c1Only || serialGc && c.profile.serialGc) {
                out.add(c.task);
            }
        }
        return Set.copyOf(out);
    }
}
