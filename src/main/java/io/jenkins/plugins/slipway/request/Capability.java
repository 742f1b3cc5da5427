package io.jenkins.plugins.slipway.request;

import java.util.LinkedHashSet;
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
    VERSION("version", Profile.SHORT, "version", "slipwayVersion", "pipeline"),
    PROBE("probe", Profile.SHORT, null, null, null),
    EC2_LAUNCH("ec2-launch", Profile.SHORT, "ec2 launch", "ec2Launch", "ec2"),
    EC2_TERMINATE("ec2-terminate", Profile.SHORT, "ec2 terminate", "ec2Terminate", "ec2"),
    EC2_LIST("ec2-list", Profile.SHORT, "ec2 list", null, "ec2"),
    DEPLOY("deploy", Profile.SERIAL_GC, "deploy", "sshDeploy", "deploy"),
    DEPLOY_ROLLBACK("deploy-rollback", Profile.SERIAL_GC, "deploy rollback", "sshDeploy", "deploy"),
    TEST("test", Profile.SERIAL_GC, "test", "runTests", "tests"),
    METRICS("metrics", Profile.SERIAL_GC, "metrics", "codeMetrics", "metrics"),
    BROWSER("browser", Profile.DEFAULT, "browser", "browserTest", "browser"),
    LOCAL_LAUNCH("local-launch", Profile.SHORT, null, null, "local"),
    GIT_TAG("git-tag", Profile.SHORT, null, null, "git");

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

    Capability(String task, Profile profile, String command, String step, String pkg) {
        this.task = task;
        this.profile = profile;
        this.command = command;
        this.step = step;
        this.pkg = pkg;
    }

    /** The task's name on the bridge and in the engine's task table, e.g. {@code deploy-rollback}. */
    public String task() {
        return task;
    }

    public Profile profile() {
        return profile;
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
