package dev.temppic.expiry.support;

import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;

import java.time.Instant;
import java.util.UUID;

/**
 * An image a test stored: object in the bucket and {@code img:{id}} in Redis.
 *
 * @param sizeBytes size of the stored object
 */
public record TestImage(ImageId id, ObjectKey objectKey, Instant uploadedAt, Instant expiresAt, Integer maxViews,
                        long sizeBytes) {

    /** Returns the object key in its text form. */
    public String key() {
        return objectKey.value();
    }

    /** Returns a new {@code ImageUploaded} event for this image. */
    public ImageUploaded uploadedEvent() {
        return new ImageUploaded(UUID.randomUUID(), id, key(), "image/png", sizeBytes, uploadedAt, expiresAt, maxViews);
    }
}
