package dev.temppic.expiry.deletion;

import java.time.Duration;

/**
 * Exponential backoff: {@code initial}, twice that, four times that, and so on, up to {@code max}.
 *
 * @param initial wait before the first retry
 * @param max upper bound of the wait
 */
public record RetryBackoff(Duration initial, Duration max) {

    /** Returns the wait in milliseconds before retry number {@code attempt} (1 for the first retry). */
    public long delayMillis(int attempt) {
        long initialMillis = initial.toMillis();
        long maxMillis = Math.max(initialMillis, max.toMillis());
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long delay = initialMillis << doublings;
        return delay <= 0 || delay > maxMillis ? maxMillis : delay;
    }
}
