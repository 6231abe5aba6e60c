package dev.temppic.expiry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of expiry-service, bound from {@code temppic.expiry.*}.
 *
 * <p>Every part can be switched off per instance, so a deployment can run, for example, the consumers on
 * some instances and the deleter on others. The switches are read by the bean conditions of each part.
 *
 * @param consumers which of the three consumer groups this instance joins
 * @param deleter the deleter that removes due images
 * @param sweep the backstop sweep over the whole bucket
 * @param deduplicationWindow how long a consumer remembers a processed event id, so that a redelivered event
 *     is ignored. Each remembered id costs one small Redis key per consumer group.
 * @param statsRetention how long an hourly counters hash is kept, counted from the end of its hour
 */
@ConfigurationProperties("temppic.expiry")
@Validated
public record ExpiryProperties(
        @DefaultValue Consumers consumers,
        @DefaultValue Deleter deleter,
        @DefaultValue Sweep sweep,
        @DefaultValue("48h") Duration deduplicationWindow,
        @DefaultValue("90d") Duration statsRetention) {

    public ExpiryProperties {
        requirePositive(deduplicationWindow, "temppic.expiry.deduplication-window");
        requirePositive(statsRetention, "temppic.expiry.stats-retention");
    }

    /**
     * Consumer groups on {@code temppic.image-events}.
     *
     * @param expiry group {@code temppic-expiry}: schedules deletions
     * @param audit group {@code temppic-audit}: writes the audit trail
     * @param analytics group {@code temppic-analytics}: maintains the hourly counters
     */
    public record Consumers(@DefaultValue Switch expiry, @DefaultValue Switch audit, @DefaultValue Switch analytics) {
    }

    /**
     * On/off switch of one part.
     *
     * @param enabled whether this instance runs the part
     */
    public record Switch(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The deleter.
     *
     * @param enabled whether this instance deletes due images
     * @param batchSize maximum number of entries claimed and deleted together; the store accepts at most 1000
     *     keys in one multi-object delete request
     * @param lease how long a claim stays with this instance; a claim not finished by then (crash, hang) is
     *     retried by any instance
     * @param maxIdle longest sleep between two looks at the schedule; bounds the delay for entries that
     *     another instance added without waking this one
     * @param retryInitial wait before the first retry of a failed deletion
     * @param retryMax upper bound of the exponentially growing wait between retries
     * @param publishTimeout how long to wait for Kafka to acknowledge the {@code ImageDeleted} events of one
     *     batch
     */
    public record Deleter(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") int batchSize,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("2s") Duration maxIdle,
            @DefaultValue("1s") Duration retryInitial,
            @DefaultValue("60s") Duration retryMax,
            @DefaultValue("30s") Duration publishTimeout) {

        public Deleter {
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException(
                        "temppic.expiry.deleter.batch-size must be between 1 and 1000, got " + batchSize);
            }
            requirePositive(lease, "temppic.expiry.deleter.lease");
            requirePositive(maxIdle, "temppic.expiry.deleter.max-idle");
            requirePositive(retryInitial, "temppic.expiry.deleter.retry-initial");
            requirePositive(retryMax, "temppic.expiry.deleter.retry-max");
            requirePositive(publishTimeout, "temppic.expiry.deleter.publish-timeout");
            if (lease.compareTo(publishTimeout) <= 0) {
                throw new IllegalArgumentException("temppic.expiry.deleter.lease (" + lease
                        + ") must be longer than temppic.expiry.deleter.publish-timeout (" + publishTimeout
                        + "), or claims would expire while their events are still being sent");
            }
        }
    }

    /**
     * The backstop sweep.
     *
     * @param enabled whether this instance sweeps the bucket and sets the bucket lifecycle rule
     * @param initialDelay wait after startup before the first sweep
     * @param interval wait between the end of one sweep and the start of the next
     * @param grace extra time after the latest possible expiry of an hour prefix before the sweep deletes
     *     it, so the deleter handles normal expiries and the sweep only stragglers
     * @param orphanMinAge minimum age (by the object's last-modified time) of an object without metadata
     *     and without a schedule entry before it counts as a leftover of a failed upload
     * @param lockTimeout how long one instance's sweep excludes the others; a crashed sweep frees it then
     * @param lifecycleRule whether to set a bucket lifecycle rule that expires objects after one day
     */
    public record Sweep(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0s") Duration initialDelay,
            @DefaultValue("5m") Duration interval,
            @DefaultValue("10m") Duration grace,
            @DefaultValue("10m") Duration orphanMinAge,
            @DefaultValue("15m") Duration lockTimeout,
            @DefaultValue("true") boolean lifecycleRule) {

        public Sweep {
            requireNotNegative(initialDelay, "temppic.expiry.sweep.initial-delay");
            requirePositive(interval, "temppic.expiry.sweep.interval");
            requireNotNegative(grace, "temppic.expiry.sweep.grace");
            requirePositive(orphanMinAge, "temppic.expiry.sweep.orphan-min-age");
            requirePositive(lockTimeout, "temppic.expiry.sweep.lock-timeout");
        }
    }

    private static void requirePositive(Duration value, String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, got " + value);
        }
    }

    private static void requireNotNegative(Duration value, String property) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(property + " must not be negative, got " + value);
        }
    }
}
