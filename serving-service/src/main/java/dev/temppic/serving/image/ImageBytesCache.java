package dev.temppic.serving.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.temppic.model.id.ImageId;
import dev.temppic.serving.ServingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Decrypted bytes of small images that have no view limit, so that repeated views of a hot image skip the store
 * request, the data key unwrap and the decryption.
 *
 * <p>An entry lives at most {@code temppic.serving.image-cache-ttl} and never past the image's expiresAt. A scheduler
 * thread removes expired entries, so the plaintext leaves the cache at expiry even when no request touches it.
 * {@link ImageLookup} evicts an image here whenever it evicts its metadata, on deletion events and when the deletion
 * event feed connects or disconnects. The total size is bounded by {@code image-cache-capacity}, and Caffeine's
 * admission policy keeps the most requested images.
 *
 * <p>Thread-safe. {@link #get} loads inside Caffeine's {@code Cache.get}, which computes an id at most once at a
 * time. Concurrent requests for the same image wait for that load, and an eviction during it waits too and then
 * removes the loaded entry.
 */
@Component
public class ImageBytesCache {

    private final Clock clock;
    private final Duration ttl;
    private final long maxImageBytes;
    private final boolean enabled;
    private final Cache<ImageId, Entry> cache;

    public ImageBytesCache(Clock clock, ServingProperties serving, MeterRegistry meterRegistry) {
        this.clock = clock;
        this.ttl = serving.imageCacheTtl();
        this.maxImageBytes = serving.imageCacheMaxImageSize().toBytes();
        this.enabled = serving.imageCacheCapacity().toBytes() > 0 && maxImageBytes > 0 && !ttl.isZero();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(serving.imageCacheCapacity().toBytes())
                .weigher((ImageId id, Entry entry) -> entry.plaintext().length)
                .expireAfter(Expiry.creating((ImageId id, Entry entry) -> entryLifetime(entry.expiresAt())))
                .scheduler(Scheduler.systemScheduler())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meterRegistry, cache, "image-bytes");
    }

    /** Returns whether this cache keeps the bytes of {@code image}: no view limit, and small enough. */
    public boolean accepts(ImageMetadata image) {
        return enabled && !image.viewLimited() && image.sizeBytes() <= maxImageBytes;
    }

    /**
     * Returns the decrypted bytes of {@code image}, calling {@code loader} on a miss. Exceptions of the loader reach
     * the caller, and nothing is cached then.
     *
     * @throws IllegalArgumentException when the cache does not {@linkplain #accepts accept} the image
     */
    public byte[] get(ImageMetadata image, Function<ImageMetadata, byte[]> loader) {
        if (!accepts(image)) {
            throw new IllegalArgumentException("Image " + image.id() + " is not cacheable");
        }
        return cache.get(image.id(), id -> new Entry(loader.apply(image), image.expiresAt())).plaintext();
    }

    /** Removes one image. */
    public void evict(ImageId id) {
        cache.invalidate(id);
    }

    /** Removes every image. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    private Duration entryLifetime(Instant expiresAt) {
        Duration untilExpiry = Duration.between(clock.instant(), expiresAt);
        if (untilExpiry.isNegative()) {
            return Duration.ZERO;
        }
        return untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
    }

    private record Entry(byte[] plaintext, Instant expiresAt) {
    }
}
