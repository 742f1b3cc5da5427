package io.jenkins.plugins.slipway.realjenkins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the Slipway engine JVMs of this machine (found by their command line: the bridge's main class or the engine
 * jar) from outside, every {@code periodMillis}: each one's working directory, the first and the last time it was seen
 * alive and its peak RSS ({@code VmHWM} of {@code /proc/<pid>/status}, which only grows, so the last reading before the
 * process ends is its peak to within one period). Used by the real-Jenkins memory test and the Jenkins step benchmark.
 */
public final class EngineSampler implements AutoCloseable {
    private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\S+)");
    private final Map<Long, Engine> engines = new ConcurrentHashMap<>();
    private final java.util.Set<Long> others = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final Path under;
    private volatile boolean running = true;

    /** One engine JVM as seen so far. */
    public static final class Engine {
        public final long pid;
        public final String commandLine;
        public final Path workDir;
        public final Instant started;
        private volatile Instant lastSeen;
        private volatile long peakKb;

        Engine(long pid, String commandLine, Path workDir, Instant started) {
            this.pid = pid;
            this.commandLine = commandLine;
            this.workDir = workDir;
            this.started = started;
            this.lastSeen = started;
        }

        /** The largest {@code VmHWM} read, in MB. */
        public double peakMb() {
            return peakKb / 1024.0;
        }

        /** From the first to the last time it was seen alive (each to within one period). */
        public long lifeMillis() {
            return lastSeen.toEpochMilli() - started.toEpochMilli();
        }

        public Instant lastSeen() {
            return lastSeen;
        }

        /** The heap limit on its command line (the task's profile or a configured one), or "?". */
        public String maxHeap() {
            Matcher m = XMX.matcher(commandLine);
            String last = "?";
            while (m.find()) {
                last = m.group(1);
            }
            return last;
        }

        @Override
        public String toString() {
            return "engine pid " + pid + " in " + workDir + ": peak RSS " + Math.round(peakMb()) + " MB, -Xmx" + maxHeap()
                    + ", " + lifeMillis() + " ms";
        }
    }

    private EngineSampler(long periodMillis, Path under) {
        this.under = under;
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "engine-sampler");
        thread.setDaemon(true);
    }

    /** Watches the engines whose working directory is {@code under} or below it (other builds' engines are not ours). */
    public static EngineSampler start(long periodMillis, Path under) {
        EngineSampler sampler = new EngineSampler(periodMillis, under.toAbsolutePath().normalize());
        sampler.thread.start();
        return sampler;
    }

    /** Every engine seen so far, in the order they started. */
    public List<Engine> engines() {
        List<Engine> all = new ArrayList<>(engines.values());
        all.sort((a, b) -> a.started.compareTo(b.started));
        return all;
    }

    /** Forgets what was seen (between two rounds). */
    public void clear() {
        engines.clear();
    }

    private static boolean isEngine(ProcessHandle h) {
        String cmd = h.info().commandLine().orElse("");
        return (cmd.contains("io.jenkins.plugins.slipway.cli.AgentMain") || cmd.contains("slipway-engine.jar"))
                && h.info().command().orElse("").endsWith("/java");
    }

    private void sample() {
        ProcessHandle.allProcesses().forEach(h -> {
            Engine known = engines.get(h.pid());
            if (known == null && others.contains(h.pid())) {
                return;
            }
            if (known == null) {
                String exe = h.info().command().orElse("");
                // a child the engine is starting (pylint, a test command) shows the engine's command line until it
                // has exec'd: it is not an engine
                boolean child = h.parent().map(p -> engines.containsKey(p.pid()) || isEngine(p)).orElse(false);
                if (child || !isEngine(h)) {
                    if (!exe.endsWith("sh") && !exe.endsWith("/setsid") && !exe.endsWith("/java")) {
                        others.add(h.pid()); // not looked at again (a shell or setsid may still exec the engine)
                    }
                    return;
                }
                Path cwd;
                try {
                    cwd = Files.readSymbolicLink(Path.of("/proc", String.valueOf(h.pid()), "cwd"));
                } catch (IOException | RuntimeException e) {
                    return; // ended
                }
                if (!cwd.startsWith(under)) {
                    return;
                }
                // first seen, not the kernel's start time: ProcessHandle computes that from the boot time, known to the second
                known = new Engine(h.pid(), h.info().commandLine().orElse(""), cwd, Instant.now());
                engines.put(h.pid(), known);
            }
            try {
                Matcher m = HWM.matcher(Files.readString(Path.of("/proc", String.valueOf(h.pid()), "status")));
                if (m.find()) {
                    known.peakKb = Math.max(known.peakKb, Long.parseLong(m.group(1)));
                    known.lastSeen = Instant.now();
                }
            } catch (IOException | RuntimeException e) {
                // it has just ended
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
