package io.jenkins.plugins.slipway.engine.ec2;

/** The one overall timeout of a call. */
final class Deadline {
    private final long start = System.nanoTime();
    private final long end;
    private final int seconds;

    Deadline(int seconds) {
        this.seconds = seconds;
        this.end = start + seconds * 1_000_000_000L;
    }

    long remainingMillis() {
        return Math.max(0, (end - System.nanoTime()) / 1_000_000);
    }

    boolean passed() {
        return System.nanoTime() - end >= 0;
    }

    int seconds() {
        return seconds;
    }

    long elapsedSeconds() {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    /** Sleeps for the round's delay, never past the deadline. */
    void sleep(Waits waits, int round) throws InterruptedException {
        long delay = Math.min(waits.delayMillis(round), remainingMillis());
        if (delay > 0) {
            Thread.sleep(delay);
        }
    }
}
