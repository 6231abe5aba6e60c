package dev.temppic.expiry.schedule;

import java.util.UUID;

/**
 * Redis keys that only expiry-service reads and writes, next to the shared
 * {@link dev.temppic.model.keys.RedisKeys#EXPIRY_SCHEDULE} and {@link dev.temppic.model.keys.RedisKeys#EXPIRY_LEASES}.
 *
 * <ul>
 *   <li>{@value #REASONS}: hash, field = object key, value = {@code DeletionReason} name of a requested
 *       deletion; entries without a field are expiries.</li>
 *   <li>{@value #LEASE_DUE}: hash, field = object key of a claimed entry, value = its due time in epoch ms,
 *       so lateness stays measured from the due time after a claim is retried.</li>
 *   <li>{@code expiry:seen:{eventId}}: marker of an event the expiry consumer has processed, with a TTL.</li>
 *   <li>{@value #SWEEP_LOCK}: token of the instance whose sweep is running, with a TTL.</li>
 * </ul>
 */
public final class ExpiryKeys {

    /** Hash of requested-deletion reasons by object key. */
    public static final String REASONS = "expiry:reasons";

    /** Hash of the due time (epoch ms) of each claimed entry, by object key. */
    public static final String LEASE_DUE = "expiry:lease-due";

    /** Lock that lets one instance at a time sweep the bucket. */
    public static final String SWEEP_LOCK = "expiry:sweep:lock";

    private static final String SEEN_PREFIX = "expiry:seen:";

    private ExpiryKeys() {
    }

    /** Key of the marker that the expiry consumer has processed {@code eventId}. */
    public static String seen(UUID eventId) {
        return SEEN_PREFIX + eventId;
    }
}
