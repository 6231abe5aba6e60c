package dev.temppic.model.events;

import dev.temppic.model.id.ImageId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The object and metadata of an image are gone.
 *
 * @param eventId unique event id
 * @param imageId the image
 * @param objectKey key of the deleted object
 * @param reason why it was deleted
 * @param deletedAt time the object was removed
 * @param latenessMs milliseconds between the due time (expiresAt or request time) and
 *     {@code deletedAt}; 0 when on time
 */
public record ImageDeleted(
        UUID eventId,
        ImageId imageId,
        String objectKey,
        DeletionReason reason,
        Instant deletedAt,
        long latenessMs) implements ImageEvent {

    public ImageDeleted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deletedAt, "deletedAt");
        if (latenessMs < 0) {
            throw new IllegalArgumentException("latenessMs must not be negative, got " + latenessMs);
        }
    }
}
