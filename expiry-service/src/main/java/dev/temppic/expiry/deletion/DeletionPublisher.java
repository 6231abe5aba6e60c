package dev.temppic.expiry.deletion;

import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import dev.temppic.model.keys.ObjectKey;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates and sends {@link ImageDeleted} events, and counts each acknowledged one in {@link DeletionMetrics}.
 *
 * <p>The event id is derived from the object key (a name-based UUID), not random: an object is deleted once,
 * so a second event for it (a retry after the send succeeded but the claim was not yet dropped, or the sweep
 * and the deleter racing) is a duplicate, and consumers that deduplicate by event id count it once.
 */
@Component
public class DeletionPublisher {

    private final KafkaTemplate<String, ImageEvent> kafka;
    private final DeletionMetrics metrics;

    public DeletionPublisher(KafkaTemplate<String, ImageEvent> kafka, DeletionMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /** Returns the event id of the {@link ImageDeleted} event of {@code objectKey}. */
    public static UUID eventIdFor(String objectKey) {
        return UUID.nameUUIDFromBytes(("ImageDeleted:" + objectKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates the event for an object deleted at {@code deletedAt} that was due at {@code dueMillis}; lateness
     * is 0 when it was deleted before its due time.
     */
    public static ImageDeleted eventFor(ObjectKey objectKey, DeletionReason reason, Instant deletedAt, long dueMillis) {
        long lateness = Math.max(0, deletedAt.toEpochMilli() - dueMillis);
        return new ImageDeleted(eventIdFor(objectKey.value()), objectKey.imageId(), objectKey.value(), reason,
                deletedAt, lateness);
    }

    /**
     * Sends the events, keyed by image id, and waits up to {@code timeout} for Kafka to acknowledge them all.
     *
     * @return the events that were not acknowledged in time, with the first error
     */
    public PublishResult publish(List<ImageDeleted> events, Duration timeout) {
        Map<ImageDeleted, CompletableFuture<?>> sends = new LinkedHashMap<>();
        List<ImageDeleted> unsent = new ArrayList<>();
        Exception firstError = null;
        for (ImageDeleted event : events) {
            if (firstError != null) {
                // send() blocked for max.block.ms and failed; the other sends would block as long.
                unsent.add(event);
                continue;
            }
            try {
                sends.put(event, kafka.send(Topics.IMAGE_EVENTS, event.imageId().value(), event));
            } catch (RuntimeException e) {
                // send() itself throws when the producer cannot fetch metadata within max.block.ms.
                unsent.add(event);
                firstError = e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<ImageDeleted, CompletableFuture<?>> send : sends.entrySet()) {
            ImageDeleted event = send.getKey();
            try {
                send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                metrics.recordDeleted(event.reason(), event.latenessMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unsent.add(event);
                firstError = firstError == null ? e : firstError;
            } catch (ExecutionException | TimeoutException e) {
                unsent.add(event);
                firstError = firstError == null ? e : firstError;
            }
        }
        return new PublishResult(unsent, firstError);
    }

    /**
     * Outcome of {@link #publish}.
     *
     * @param unsent events Kafka did not acknowledge in time
     * @param firstError the first send error, or {@code null} when every event was acknowledged
     */
    public record PublishResult(List<ImageDeleted> unsent, Exception firstError) {
    }
}
