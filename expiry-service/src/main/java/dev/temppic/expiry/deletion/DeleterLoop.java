package dev.temppic.expiry.deletion;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.schedule.ExpirySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * The deleter thread: runs {@link Deleter#deleteDueBatch()} whenever something is due, and otherwise sleeps
 * until the earliest due time or lease deadline in Redis, at most {@code max-idle}.
 *
 * <p>Consumers in the same instance call {@link #requestWakeUpAt(long)} for each new entry, so an entry due
 * before the planned wake-up (a deletion request, or an expiry consumed late) is handled at once. Entries
 * added by other instances are seen after at most {@code max-idle}. Full batches run back to back, which is
 * how a backlog after downtime is worked off.
 */
public class DeleterLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeleterLoop.class);

    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Deleter deleter;
    private final ExpirySchedule schedule;
    private final ExpiryProperties.Deleter settings;
    private final RetryBackoff redisBackoff;
    private final Clock clock;
    private final WakeUpSignal signal;
    private final DeletionMetrics metrics;

    private volatile Thread thread;
    private int consecutiveErrors;

    public DeleterLoop(Deleter deleter, ExpirySchedule schedule, DeletionMetrics metrics, ExpiryProperties.Deleter settings,
                       Clock clock) {
        this.metrics = metrics;
        this.deleter = deleter;
        this.schedule = schedule;
        this.settings = settings;
        this.redisBackoff = new RetryBackoff(settings.retryInitial(), settings.retryMax());
        this.clock = clock;
        this.signal = new WakeUpSignal(clock);
    }

    /** Makes the deleter look at the schedule by {@code dueMillis} (epoch ms) at the latest. */
    public void requestWakeUpAt(long dueMillis) {
        signal.requestWakeUpAt(dueMillis);
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        signal.resume();
        thread = new Thread(this::run, "expiry-deleter");
        thread.start();
        log.info("Deleter started: batches of up to {} entries, lease {}, idle check every {}",
                settings.batchSize(), settings.lease(), settings.maxIdle());
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        signal.stop();
        try {
            running.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            // Its claims stay leased and are retried by any deleter once the lease runs out.
            log.warn("Deleter thread did not stop within {} ms; interrupting it", STOP_TIMEOUT_MS);
            running.interrupt();
        }
        thread = null;
        log.info("Deleter stopped");
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        try {
            boolean running = true;
            while (running) {
                running = runOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one batch and sleeps as needed; returns false once stopped. */
    private boolean runOnce() throws InterruptedException {
        try {
            Deleter.BatchResult result = deleter.deleteDueBatch();
            onSuccess();
            if (result.pausedUntil().isPresent()) {
                return signal.sleepUntil(result.pausedUntil().getAsLong(), false);
            }
            if (result.claimed() >= settings.batchSize()) {
                return signal.sleepUntil(clock.millis(), false);
            }
            long wake = clock.millis() + settings.maxIdle().toMillis();
            OptionalLong next = schedule.nextWakeMillis();
            if (next.isPresent()) {
                wake = Math.min(wake, next.getAsLong());
            }
            return signal.sleepUntil(wake, true);
        } catch (RuntimeException e) {
            return signal.sleepUntil(clock.millis() + onError(e), false);
        }
    }

    private void onSuccess() {
        if (consecutiveErrors > 0) {
            log.info("Deleter works again after {} failed attempts", consecutiveErrors);
            consecutiveErrors = 0;
        }
    }

    /** Logs the first error of a streak with its stack trace and later ones at DEBUG; returns the wait in ms. */
    private long onError(RuntimeException e) {
        consecutiveErrors++;
        metrics.recordFailures("redis", 1);
        long delay = redisBackoff.delayMillis(consecutiveErrors);
        if (consecutiveErrors == 1) {
            log.warn("Deleter batch failed; claims made so far are retried after their lease. "
                    + "Retrying in {} ms, further failures are logged at DEBUG until it works again", delay, e);
        } else {
            log.debug("Deleter failed again (attempt {}); retrying in {} ms: {}", consecutiveErrors, delay, e.toString());
        }
        return delay;
    }
}
