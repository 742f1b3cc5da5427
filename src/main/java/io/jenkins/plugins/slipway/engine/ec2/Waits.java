package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.HostKeyMode;

import java.time.Duration;

/**
 * How the wait loops poll: the first delay, growing by {@code factor} each round up to {@code max}. One
 * Describe call per round covers every instance, so the number of calls depends on time, not on fleet size.
 * {@code bestEffortHostKeys} bounds the wait for host keys in {@link HostKeyMode#BEST_EFFORT}.
 */
record Waits(Duration first, double factor, Duration max, Duration connectTimeout, Duration bestEffortHostKeys) {
    static final Waits DEFAULT = new Waits(Duration.ofSeconds(2), 1.5, Duration.ofSeconds(15), Duration.ofSeconds(3),
            Duration.ofSeconds(60));

    long delayMillis(int round) {
        double delay = first.toMillis() * Math.pow(factor, Math.min(round, 30));
        return (long) Math.min(delay, max.toMillis());
    }
}
