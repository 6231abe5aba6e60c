package dev.temppic.model.keys;

import dev.temppic.model.id.ImageId;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Redis key names shared by the services.
 *
 * <ul>
 *   <li>{@code img:{id}}: hash described by {@link ImageRecord}, with {@code EXPIREAT} = expiresAt.</li>
 *   <li>{@value #EXPIRY_SCHEDULE}: sorted set, score = expiresAt in epoch milliseconds, member = object key.</li>
 *   <li>{@value #EXPIRY_LEASES}: sorted set of claimed schedule entries, score = lease deadline in epoch milliseconds.</li>
 *   <li>{@code stats:{yyyyMMddHH}}: hash of anonymous counters for one UTC hour.</li>
 * </ul>
 */
public final class RedisKeys {

    /** Sorted set of pending deletions: score = expiresAt (epoch ms), member = object key. */
    public static final String EXPIRY_SCHEDULE = "expiry:schedule";

    /** Sorted set of deletions claimed by a worker: score = lease deadline (epoch ms), member = object key. */
    public static final String EXPIRY_LEASES = "expiry:leases";

    private static final String IMAGE_PREFIX = "img:";
    private static final String STATS_PREFIX = "stats:";
    private static final DateTimeFormatter STATS_HOUR =
            DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private RedisKeys() {
    }

    /** Key of the metadata hash of one image. */
    public static String image(ImageId id) {
        return IMAGE_PREFIX + id.value();
    }

    /** Key of the counters hash for the UTC hour that contains {@code instant}. */
    public static String stats(Instant instant) {
        return STATS_PREFIX + STATS_HOUR.format(instant);
    }
}
