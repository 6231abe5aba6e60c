package dev.temppic.model.events;

import dev.temppic.model.id.ImageId;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An image was fully stored and its metadata written; published before upload-service sends its 201 response.
 *
 * @param eventId unique event id
 * @param imageId the new image
 * @param objectKey key of the encrypted object, in the {@code {yyyy-MM-ddTHH}/{id}} form
 * @param contentType detected media type
 * @param sizeBytes size of the stored image in bytes, before encryption
 * @param uploadedAt time of upload
 * @param expiresAt time from which the image must be unreachable
 * @param maxViews view limit, or {@code null} when views are unlimited
 */
public record ImageUploaded(
        UUID eventId,
        ImageId imageId,
        String objectKey,
        String contentType,
        long sizeBytes,
        Instant uploadedAt,
        Instant expiresAt,
        Integer maxViews) implements ImageEvent {

    public ImageUploaded {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
