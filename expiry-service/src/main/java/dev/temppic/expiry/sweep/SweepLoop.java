package dev.temppic.expiry.sweep;

import dev.temppic.expiry.ExpiryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the backstop sweep at startup (after {@code initial-delay}) and then {@code interval} after the end of
 * each sweep, on its own thread. Before the first sweep that reaches the store it sets the bucket lifecycle
 * rule, when enabled.
 */
public class SweepLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweepLoop.class);
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final BackstopSweeper sweeper;
    private final LifecycleRuleInstaller lifecycleRule;
    private final ExpiryProperties.Sweep settings;

    private ScheduledExecutorService executor;
    private boolean lifecycleRuleSettled;
    private int consecutiveFailures;

    public SweepLoop(BackstopSweeper sweeper, LifecycleRuleInstaller lifecycleRule, ExpiryProperties.Sweep settings) {
        this.sweeper = sweeper;
        this.lifecycleRule = lifecycleRule;
        this.settings = settings;
        this.lifecycleRuleSettled = !settings.lifecycleRule();
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "expiry-sweep"));
        executor.scheduleWithFixedDelay(this::runOnce, settings.initialDelay().toMillis(), settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Backstop sweep scheduled every {} (grace {}, leftovers older than {})", settings.interval(),
                settings.grace(), settings.orphanMinAge());
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("Backstop sweep did not stop within {} ms", STOP_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Runs one sweep and logs a runtime exception, because a thrown one would cancel all later runs. */
    void runOnce() {
        if (!lifecycleRuleSettled) {
            lifecycleRuleSettled = lifecycleRule.install() != LifecycleRuleInstaller.Outcome.UNREACHABLE;
        }
        long start = System.nanoTime();
        try {
            BackstopSweeper.SweepReport report = sweeper.sweep();
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (consecutiveFailures > 0) {
                log.info("Backstop sweep works again after {} failed attempts", consecutiveFailures);
                consecutiveFailures = 0;
            }
            if (report.expiredDeleted() + report.orphansDeleted() + report.failed() > 0) {
                log.info("Backstop sweep deleted {} objects from expired hour prefixes and {} leftover objects, "
                                + "{} rejected by the store, in {} ms", report.expiredDeleted(), report.orphansDeleted(),
                        report.failed(), elapsedMs);
            } else {
                log.debug("Backstop sweep found nothing to delete in {} ms (ran: {})", elapsedMs, report.ran());
            }
        } catch (RuntimeException e) {
            consecutiveFailures++;
            if (consecutiveFailures == 1) {
                log.warn("Backstop sweep failed; retrying in {}, further failures are logged at DEBUG until a sweep "
                        + "succeeds", settings.interval(), e);
            } else {
                log.debug("Backstop sweep failed again (attempt {}): {}", consecutiveFailures, e.toString());
            }
        }
    }
}
