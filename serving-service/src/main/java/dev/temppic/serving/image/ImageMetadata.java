package dev.temppic.serving.image;

import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;

import java.time.Instant;
import java.util.Objects;

/**
 * The part of an image's {@code img:{id}} record that serving needs, safe to keep in the in-process cache:
 * it leaves out the delete token hash and the view counter, which changes with every view.
 *
 * @param id the image
 * @param objectKey key of the encrypted object in the store
 * @param contentType media type detected at upload, e.g. {@code image/png}
 * @param extension file extension without the dot, e.g. {@code png}
 * @param sizeBytes size of the plaintext image in bytes
 * @param width width in pixels
 * @param height height in pixels
 * @param expiresAt time from which the image is unreachable
 * @param maxViews view limit, or {@code null} when views are unlimited
 * @param wrappedDataKey the image's data key wrapped by the master key, in Base64; never logged
 */
public record ImageMetadata(
        ImageId id,
        ObjectKey objectKey,
        String contentType,
        String extension,
        long sizeBytes,
        int width,
        int height,
        Instant expiresAt,
        Integer maxViews,
        String wrappedDataKey) {

    public ImageMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(wrappedDataKey, "wrappedDataKey");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, got " + sizeBytes);
        }
    }

    /** Copies the servable fields of a record read from Redis. */
    public static ImageMetadata from(ImageRecord record) {
        return new ImageMetadata(record.imageId(), record.objectKey(), record.contentType(), record.extension(),
                record.sizeBytes(), record.width(), record.height(), record.expiresAt(),
                record.maxViews().orElse(null), record.wrappedDataKey());
    }

    /** Returns whether every view is counted against a limit. */
    public boolean viewLimited() {
        return maxViews != null;
    }

    /** Returns whether the image is unreachable at {@code now}. Expiry is inclusive, to the millisecond. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Hides the wrapped data key. */
    @Override
    public String toString() {
        return "ImageMetadata[id=" + id + ", objectKey=" + objectKey + ", contentType=" + contentType
                + ", sizeBytes=" + sizeBytes + ", expiresAt=" + expiresAt + ", maxViews=" + maxViews + "]";
    }
}
