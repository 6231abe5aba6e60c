package dev.temppic.serving;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Tuning of serving-service, bound from {@code temppic.serving.*}.
 *
 * @param metadataCacheTtl maximum time an image's metadata stays in the in-process cache; an entry never
 *     outlives the image's expiresAt either
 * @param metadataCacheMaxSize maximum number of images whose metadata the in-process cache keeps
 * @param retryAfter value of {@code Retry-After} on 503 responses, sent in whole seconds
 * @param eventQueueCapacity maximum number of events waiting to be handed to the Kafka producer; events
 *     beyond it are dropped and counted
 * @param imageCacheCapacity maximum total size of the decrypted images that the in-process image cache keeps;
 *     0 turns the cache off
 * @param imageCacheMaxImageSize largest image that the image cache keeps
 * @param imageCacheTtl maximum time an image stays in the image cache; an entry never outlives the image's
 *     expiresAt either
 */
@ConfigurationProperties("temppic.serving")
public record ServingProperties(Duration metadataCacheTtl, Long metadataCacheMaxSize, Duration retryAfter,
                                Integer eventQueueCapacity, DataSize imageCacheCapacity,
                                DataSize imageCacheMaxImageSize, Duration imageCacheTtl) {

    /** Upper bound of image-cache-max-image-size, far below the 2 GiB that a Java array can contain. */
    private static final DataSize MAX_CACHED_IMAGE = DataSize.ofMegabytes(64);

    /** Returns the settings with every default. */
    public static ServingProperties defaults() {
        return new ServingProperties(null, null, null, null, null, null, null);
    }

    public ServingProperties {
        if (metadataCacheTtl == null) {
            metadataCacheTtl = Duration.ofSeconds(10);
        }
        if (metadataCacheMaxSize == null) {
            metadataCacheMaxSize = 10_000L;
        }
        if (retryAfter == null) {
            retryAfter = Duration.ofSeconds(5);
        }
        if (eventQueueCapacity == null) {
            eventQueueCapacity = 10_000;
        }
        if (imageCacheCapacity == null) {
            imageCacheCapacity = DataSize.ofMegabytes(64);
        }
        if (imageCacheMaxImageSize == null) {
            imageCacheMaxImageSize = DataSize.ofMegabytes(2);
        }
        if (imageCacheTtl == null) {
            imageCacheTtl = Duration.ofMinutes(5);
        }
        if (metadataCacheTtl.isNegative()) {
            throw new IllegalArgumentException(
                    "temppic.serving.metadata-cache-ttl must not be negative, got " + metadataCacheTtl);
        }
        if (metadataCacheMaxSize < 0) {
            throw new IllegalArgumentException(
                    "temppic.serving.metadata-cache-max-size must not be negative, got " + metadataCacheMaxSize);
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "temppic.serving.retry-after must be at least 1s, got " + retryAfter);
        }
        if (eventQueueCapacity < 1) {
            throw new IllegalArgumentException(
                    "temppic.serving.event-queue-capacity must be at least 1, got " + eventQueueCapacity);
        }
        if (imageCacheCapacity.isNegative()) {
            throw new IllegalArgumentException("temppic.serving.image-cache-capacity must not be negative, got "
                    + imageCacheCapacity + "; set 0 to turn the image cache off");
        }
        if (imageCacheMaxImageSize.isNegative() || imageCacheMaxImageSize.compareTo(MAX_CACHED_IMAGE) > 0) {
            throw new IllegalArgumentException("temppic.serving.image-cache-max-image-size must be between 0 and "
                    + MAX_CACHED_IMAGE + ", got " + imageCacheMaxImageSize);
        }
        if (imageCacheTtl.isNegative()) {
            throw new IllegalArgumentException(
                    "temppic.serving.image-cache-ttl must not be negative, got " + imageCacheTtl);
        }
    }
}
