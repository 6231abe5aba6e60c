package dev.temppic.model.events;

/**
 * Kafka topic and consumer group names shared by producers, consumers and the local infrastructure.
 *
 * <p>Every lifecycle event goes to {@link #IMAGE_EVENTS}, keyed by image id, so the events of one
 * image stay in order within a partition.
 */
public final class Topics {

    /** The one topic for all image lifecycle events. */
    public static final String IMAGE_EVENTS = "temppic.image-events";

    /** Dead-letter topic for records that still fail after the consumer's retries. */
    public static final String IMAGE_EVENTS_DLT = IMAGE_EVENTS + ".DLT";

    /** Partition count of {@link #IMAGE_EVENTS}; bounds how many consumers of one group can work in parallel. */
    public static final int IMAGE_EVENTS_PARTITIONS = 6;

    /** Consumer group that schedules and performs deletions. */
    public static final String GROUP_EXPIRY = "temppic-expiry";

    /** Consumer group that writes the audit trail. */
    public static final String GROUP_AUDIT = "temppic-audit";

    /** Consumer group that maintains the anonymous hourly counters. */
    public static final String GROUP_ANALYTICS = "temppic-analytics";

    private Topics() {
    }
}
