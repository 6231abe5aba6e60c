package dev.temppic.serving;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
 */
@ConfigurationProperties("temppic.serving")
public record ServingProperties(Duration metadataCacheTtl, Long metadataCacheMaxSize, Duration retryAfter,
                                Integer eventQueueCapacity) {

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
    }
}
