package io.jenkins.plugins.slipway.engine.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external command with a timeout, streaming its merged output line by line, and always stops the
 * whole process tree (the command and every child) on timeout, interrupt or abort.
 */
public final class ProcessRunner {

    /** How a command ended. {@code lastLines} keeps the tail of its output for error messages. */
    public record Outcome(int exitCode, boolean timedOut, long durationMillis, List<String> lastLines) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    private static final int TAIL = 40;

    private ProcessRunner() {
    }

    public static Outcome run(List<String> command, Path workDir, Map<String, String> env, Duration timeout,
            Consumer<String> lines) throws SlipwayException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        BuildEnvironment.restore(builder.environment()).putAll(env);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "Cannot start " + String.join(" ", command)
                    + " in " + workDir + ": " + e.getMessage() + ". Check that the program is installed and on the PATH.", e);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> pump(process, lines, tail), "output of " + command.get(0));
        pump.setDaemon(true);
        pump.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            destroyTree(process, Duration.ofSeconds(5));
            throw e;
        }
        if (!finished) {
            destroyTree(process, Duration.ofSeconds(5));
        }
        pump.join(2000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        synchronized (tail) {
            return new Outcome(finished ? process.exitValue() : -1, !finished, millis, new ArrayList<>(tail));
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
            // the process went away; what it printed so far is kept
        }
    }

    /**
     * Stops a process and all its descendants: a polite SIGTERM first, so they can clean up, then SIGKILL for
     * whatever is still alive after {@code grace}.
     */
    public static void destroyTree(Process process, Duration grace) {
        destroyTree(process.toHandle(), grace);
    }

    public static void destroyTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // fall through to the forcible kill
                }
            }
        }
        // children started meanwhile are collected again
        List<ProcessHandle> still = new ArrayList<>(root.descendants().toList());
        still.addAll(all);
        still.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
