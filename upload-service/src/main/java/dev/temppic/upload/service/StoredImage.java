package dev.temppic.upload.service;

import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.upload.validation.ImageFormat;

import java.time.Instant;
import java.util.Optional;

/**
 * An image that is stored, recorded in Redis and announced on Kafka.
 *
 * @param id the new image id
 * @param deleteToken the secret that deletes the image; returned once to the uploader, stored only as a hash
 * @param format the detected format
 * @param sizeBytes size of the stored image without metadata, before encryption
 * @param width width in pixels as viewers display it, after the EXIF orientation
 * @param height height in pixels as viewers display it, after the EXIF orientation
 * @param uploadedAt time of upload, in whole milliseconds
 * @param expiresAt time from which the image is unreachable
 * @param maxViews view limit, or empty when views are unlimited
 */
public record StoredImage(
        ImageId id,
        DeleteToken deleteToken,
        ImageFormat format,
        long sizeBytes,
        int width,
        int height,
        Instant uploadedAt,
        Instant expiresAt,
        Optional<Integer> maxViews) {
}
