package dev.temppic.expiry.schedule;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the deletion backlog, read from Redis when scraped and cached for one second:
 *
 * <ul>
 *   <li>{@value #DUE}: entries past their due time that no deleter has claimed.</li>
 *   <li>{@value #CLAIMED}: entries claimed and not finished, including those waiting for a retry.</li>
 *   <li>{@value #OLDEST_AGE} (seconds): how long the earliest overdue entry, claimed or not, has been due;
 *       0 when nothing is overdue. Above 60 the deletion promise is broken.</li>
 * </ul>
 *
 * Each gauge reads NaN while Redis is unreachable.
 */
@Component
class BacklogMetrics {

    static final String DUE = "temppic.expiry.backlog.due";
    static final String CLAIMED = "temppic.expiry.backlog.claimed";
    static final String OLDEST_AGE = "temppic.expiry.backlog.oldest.age";

    private static final Logger log = LoggerFactory.getLogger(BacklogMetrics.class);
    private static final long CACHE_MILLIS = 1000;

    private final ExpirySchedule schedule;
    private final Clock clock;
    private Backlog cached;
    private long cachedAtMillis;

    BacklogMetrics(ExpirySchedule schedule, Clock clock, MeterRegistry registry) {
        this.schedule = schedule;
        this.clock = clock;
        register(registry, DUE, "Overdue deletions that no deleter has claimed", null,
                backlog -> backlog.dueEntries());
        register(registry, CLAIMED, "Deletions claimed by a deleter and not finished", null,
                backlog -> backlog.claimedEntries());
        register(registry, OLDEST_AGE, "Time since the earliest overdue deletion was due", "seconds",
                backlog -> backlog.earliestDueMillis().isEmpty() ? 0
                        : Math.max(0, clock.millis() - backlog.earliestDueMillis().getAsLong()) / 1000.0);
    }

    private void register(MeterRegistry registry, String name, String description, String unit,
                          ToDoubleFunction<Backlog> value) {
        Gauge.builder(name, this, metrics -> {
                    Backlog backlog = metrics.current();
                    return backlog == null ? Double.NaN : value.applyAsDouble(backlog);
                })
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    private synchronized Backlog current() {
        long now = clock.millis();
        if (cached == null || now - cachedAtMillis >= CACHE_MILLIS) {
            try {
                cached = schedule.backlog(now);
            } catch (RuntimeException e) {
                log.debug("Failed to read the deletion backlog from Redis: {}", e.toString());
                cached = null;
            }
            cachedAtMillis = now;
        }
        return cached;
    }
}
