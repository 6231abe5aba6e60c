package dev.temppic.expiry.schedule;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.deletion.DeleterLoop;
import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.id.ImageLifetime;
import dev.temppic.model.keys.ObjectKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Consumer group {@value Topics#GROUP_EXPIRY}: turns {@code ImageUploaded} into a schedule entry due at
 * expiresAt, and {@code ImageDeletionRequested} into one due at its request time, which the deleter handles
 * at once. Other events are ignored. Redelivered events are recognised by event id and change nothing.
 */
@Component
@ConditionalOnBooleanProperty(name = "temppic.expiry.consumers.expiry.enabled", matchIfMissing = true)
class ExpiryEventListener {

    private static final Logger log = LoggerFactory.getLogger(ExpiryEventListener.class);

    private final ExpirySchedule schedule;
    private final ObjectProvider<DeleterLoop> deleter;
    private final ExpiryProperties properties;

    ExpiryEventListener(ExpirySchedule schedule, ObjectProvider<DeleterLoop> deleter, ExpiryProperties properties) {
        this.schedule = schedule;
        this.deleter = deleter;
        this.properties = properties;
    }

    @KafkaListener(id = "expiry", groupId = Topics.GROUP_EXPIRY, topics = Topics.IMAGE_EVENTS)
    void onEvent(ConsumerRecord<String, ImageEvent> record) {
        ImageEvent event = record.value();
        if (event instanceof ImageUploaded uploaded) {
            scheduleExpiry(uploaded);
        } else if (event instanceof ImageDeletionRequested requested) {
            ObjectKey objectKey = validObjectKey(requested.objectKey(), requested.imageId());
            schedule(objectKey, requested.requestedAt(), requested.reason().toDeletionReason(), requested.eventId());
        }
    }

    private void scheduleExpiry(ImageUploaded uploaded) {
        ObjectKey objectKey = validObjectKey(uploaded.objectKey(), uploaded.imageId());
        // No image outlives the maximum lifetime, even if a producer sent a later expiresAt.
        Instant latest = uploaded.uploadedAt().plus(ImageLifetime.MAX);
        Instant due = uploaded.expiresAt();
        if (due.isAfter(latest)) {
            log.warn("Image {} has expiresAt {} more than {} after its upload at {}; deleting it at {} instead",
                    uploaded.imageId(), due, ImageLifetime.MAX, uploaded.uploadedAt(), latest);
            due = latest;
        }
        schedule(objectKey, due, DeletionReason.EXPIRED, uploaded.eventId());
    }

    private void schedule(ObjectKey objectKey, Instant due, DeletionReason reason, UUID eventId) {
        long dueMillis = due.toEpochMilli();
        ScheduleOutcome outcome = schedule.schedule(objectKey.value(), dueMillis, reason, eventId,
                properties.deduplicationWindow());
        log.debug("Deletion of {} at {} ({}): {}", objectKey, due, reason, outcome);
        if (outcome == ScheduleOutcome.SCHEDULED) {
            deleter.ifAvailable(loop -> loop.requestWakeUpAt(dueMillis));
        }
    }

    /**
     * Parses the object key and checks that it belongs to the event's image.
     *
     * @throws IllegalArgumentException when it does not; the record then goes to the dead-letter topic
     */
    private static ObjectKey validObjectKey(String text, ImageId imageId) {
        ObjectKey objectKey = ObjectKey.parse(text);
        if (!objectKey.imageId().equals(imageId)) {
            throw new IllegalArgumentException("Object key " + text + " does not belong to image " + imageId);
        }
        return objectKey;
    }
}
