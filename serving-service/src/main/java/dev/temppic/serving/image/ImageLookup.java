package dev.temppic.serving.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.temppic.model.id.ImageId;
import dev.temppic.serving.ServingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the metadata of live images: from a small in-process cache of hot ids, else from Redis.
 *
 * <p>A cache entry lives at most {@code temppic.serving.metadata-cache-ttl} and never past the image's
 * expiresAt. {@link #find} checks expiry on every call as well, so an expired image is never returned even
 * while Redis still contains its key. Deletion events evict entries at once ({@link #evict}). Until the
 * Kafka consumer that delivers those events has its partitions, the cache is bypassed, because a deletion
 * published in that gap would never evict the entry. The same rules cover the {@link ImageBytesCache}: this class
 * evicts it together with the metadata, and callers use it only while {@link #cacheEnabled()} is true.
 */
@Component
public class ImageLookup {

    private static final Logger log = LoggerFactory.getLogger(ImageLookup.class);

    private final ImageMetadataRepository repository;
    private final ImageBytesCache bytes;
    private final Clock clock;
    private final Duration ttl;
    private final Cache<ImageId, ImageMetadata> cache;
    private volatile boolean evictionFeedLive;

    public ImageLookup(ImageMetadataRepository repository, ImageBytesCache bytes, Clock clock,
                       ServingProperties serving, MeterRegistry meterRegistry) {
        this.repository = repository;
        this.bytes = bytes;
        this.clock = clock;
        this.ttl = serving.metadataCacheTtl();
        this.cache = Caffeine.newBuilder()
                .maximumSize(serving.metadataCacheMaxSize())
                .expireAfter(Expiry.creating((ImageId id, ImageMetadata image) -> entryLifetime(image)))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meterRegistry, cache, "image-metadata");
    }

    /**
     * Returns the metadata of an image that exists and has not expired at {@code now}.
     *
     * @throws dev.temppic.serving.error.DependencyUnavailableException when Redis fails on a cache miss
     */
    public Optional<ImageMetadata> find(ImageId id, Instant now) {
        ImageMetadata image;
        if (evictionFeedLive) {
            // Loading inside the cache's compute means an eviction that races with the load removes the
            // loaded entry instead of being overtaken by it.
            image = cache.get(id, key -> repository.find(key).orElse(null));
        } else {
            image = repository.find(id).orElse(null);
        }
        if (image == null) {
            return Optional.empty();
        }
        if (image.expiredAt(now)) {
            cache.invalidate(id);
            return Optional.empty();
        }
        return Optional.of(image);
    }

    /**
     * Removes one image from the metadata cache and the {@link ImageBytesCache}, e.g. on a deletion event or when its
     * last view was served.
     */
    public void evict(ImageId id) {
        cache.invalidate(id);
        bytes.evict(id);
    }

    /** Starts using the cache: the deletion event consumer is receiving every partition from now on. */
    public void evictionFeedConnected() {
        cache.invalidateAll();
        bytes.invalidateAll();
        evictionFeedLive = true;
        log.info("Deletion events are being received; image metadata cache enabled");
    }

    /** Stops using the cache, because deletion events may be missed until the consumer is assigned again. */
    public void evictionFeedDisconnected() {
        evictionFeedLive = false;
        cache.invalidateAll();
        bytes.invalidateAll();
        log.info("Deletion events are not being received; image metadata cache bypassed");
    }

    /** Returns whether the metadata cache and the {@link ImageBytesCache} may be used. */
    public boolean cacheEnabled() {
        return evictionFeedLive;
    }

    private Duration entryLifetime(ImageMetadata image) {
        Duration untilExpiry = Duration.between(clock.instant(), image.expiresAt());
        if (untilExpiry.isNegative()) {
            return Duration.ZERO;
        }
        return untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
    }
}
