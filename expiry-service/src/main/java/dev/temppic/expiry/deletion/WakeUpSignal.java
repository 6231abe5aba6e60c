package dev.temppic.expiry.deletion;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the deleter thread sleep until its next due time and be woken earlier when an entry due before then
 * is scheduled. Thread-safe.
 *
 * <p>A request that arrives while the deleter is busy is kept and shortens its next sleep, so an entry added
 * between the deleter's look at the schedule and its sleep is not missed.
 */
final class WakeUpSignal {

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long earliestRequestedMillis = Long.MAX_VALUE;
    private boolean stopped;

    /** @param clock the clock due times refer to; it must advance, or a sleep never ends */
    WakeUpSignal(Clock clock) {
        this.clock = clock;
    }

    /** Requests that the deleter wakes at {@code dueMillis} (epoch ms) at the latest. */
    void requestWakeUpAt(long dueMillis) {
        lock.lock();
        try {
            if (dueMillis < earliestRequestedMillis) {
                earliestRequestedMillis = dueMillis;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sleeps until {@code wakeMillis} (epoch ms), or until an earlier requested time when
     * {@code allowEarlyWakeUp} is set.
     *
     * @return false when {@link #stop()} was called
     */
    boolean sleepUntil(long wakeMillis, boolean allowEarlyWakeUp) throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                long target = allowEarlyWakeUp ? Math.min(wakeMillis, earliestRequestedMillis) : wakeMillis;
                long remaining = target - clock.millis();
                if (remaining <= 0) {
                    break;
                }
                changed.await(remaining, TimeUnit.MILLISECONDS);
            }
            if (allowEarlyWakeUp) {
                // The caller reads the schedule next, which contains every entry requested so far.
                earliestRequestedMillis = Long.MAX_VALUE;
            }
            return !stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Allows sleeping again after {@link #stop()}, for a deleter that is started again. */
    void resume() {
        lock.lock();
        try {
            stopped = false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the current and every later sleep at once, until {@link #resume()}. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
