package dev.temppic.model.events;

import dev.temppic.model.id.ImageId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An image must be deleted now, before its expiry. The metadata key is already gone when this is
 * published, so the link no longer works; expiry-service deletes the object.
 *
 * @param eventId unique event id
 * @param imageId the image
 * @param objectKey key of the encrypted object
 * @param reason why the deletion was requested
 * @param requestedAt time of the request
 */
public record ImageDeletionRequested(
        UUID eventId,
        ImageId imageId,
        String objectKey,
        DeletionRequestReason reason,
        Instant requestedAt) implements ImageEvent {

    public ImageDeletionRequested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
