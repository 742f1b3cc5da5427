package io.jenkins.plugins.slipway.request.deploy;

/**
 * The per-host deploy lock, a group of the deploy's and the rollback's {@link Rollout}.
 *
 * @param breakStaleLockAfterMinutes break a lock older than this (never when absent)
 */
public record LockSettings(Integer breakStaleLockAfterMinutes) {
    public LockSettings {
        if (breakStaleLockAfterMinutes != null && breakStaleLockAfterMinutes < 1) {
            throw new IllegalArgumentException("lock.breakStaleLockAfterMinutes must be 1 or more, was " + breakStaleLockAfterMinutes);
        }
    }
}
