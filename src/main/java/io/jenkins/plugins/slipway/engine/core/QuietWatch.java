package io.jenkins.plugins.slipway.engine.core;

import java.time.Duration;

/**
 * Keeps a build log from going silent: while a task runs, a line {@code … still <what> (N s without output, M s in
 * all; last line: "…")} is printed whenever the task has printed nothing for {@code quiet} (10 s in the engine), then
 * again after twice as long, up to once a minute, for as long as the silence lasts. {@code <what>} is what the task
 * last said it waits for ({@link Log#waitingFor}), else {@code running <task>}.
 */
public final class QuietWatch implements AutoCloseable {
    public static final Duration QUIET = Duration.ofSeconds(10);
    private static final long MAX_INTERVAL = Duration.ofSeconds(60).toNanos();

    private final Log target;
    private final String task;
    private final long quietNanos;
    private final long started = System.nanoTime();
    private final Thread thread;
    private final Object lock = new Object();
    private long lastLine = started;
    private long interval;
    private long nextReport;
    private String lastText;
    private String waitingFor;
    private boolean closed;

    private QuietWatch(Log target, String task, Duration quiet) {
        this.target = target;
        this.task = task;
        this.quietNanos = quiet.toNanos();
        this.interval = quietNanos;
        this.nextReport = started + quietNanos;
        this.thread = new Thread(this::watch, "slipway-quiet-watch");
        thread.setDaemon(true);
    }

    /** Starts watching; hand {@link #log()} to the task and close the watch when it ends. */
    public static QuietWatch start(Log target, String task, Duration quiet) {
        QuietWatch watch = new QuietWatch(target, task, quiet);
        watch.thread.start();
        return watch;
    }

    /** The task's log: every line it prints resets the silence. */
    public Log log() {
        return new Watched();
    }

    private void watch() {
        synchronized (lock) {
            while (!closed) {
                long now = System.nanoTime();
                if (now - nextReport >= 0) {
                    target.progress("… still " + (waitingFor != null ? waitingFor : "running " + task) + " ("
                            + seconds(now - lastLine) + " s without output, " + seconds(now - started) + " s in all"
                            + (lastText == null ? "" : "; last line: \"" + shorten(lastText) + "\"") + ")");
                    interval = Math.max(quietNanos, Math.min(interval * 2, MAX_INTERVAL));
                    nextReport = now + interval;
                }
                try {
                    lock.wait(Math.max(1, (nextReport - now) / 1_000_000 + 1));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }

    private static String shorten(String line) {
        String one = line.strip();
        return one.length() > 100 ? one.substring(0, 100) + "…" : one;
    }

    private void printed(String text) {
        synchronized (lock) {
            lastLine = System.nanoTime();
            lastText = text;
            interval = quietNanos;
            nextReport = lastLine + quietNanos;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    /** The task's view: lines go to the target and reset the silence. */
    private final class Watched implements Log {
        @Override
        public void info(String message) {
            target.info(message);
            printed(message);
        }

        @Override
        public void warn(String message) {
            target.warn(message);
            printed(message);
        }

        @Override
        public void error(String message) {
            target.error(message);
            printed(message);
        }

        @Override
        public void debug(String message) {
            target.debug(message); // shown only with --debug: does not count as output
        }

        @Override
        public void progress(String message) {
            target.progress(message);
            printed(message);
        }

        @Override
        public void waitingFor(String what) {
            synchronized (lock) {
                waitingFor = what;
            }
        }
    }
}
