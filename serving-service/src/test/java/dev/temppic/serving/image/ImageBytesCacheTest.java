package dev.temppic.serving.image;

import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.serving.ServingProperties;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import dev.temppic.serving.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageBytesCacheTest {

    private final MutableClock clock = MutableClock.atSystemTime();
    private final AtomicInteger loads = new AtomicInteger();
    private final Function<ImageMetadata, byte[]> loader = image -> {
        loads.incrementAndGet();
        return new byte[(int) image.sizeBytes()];
    };

    @Test
    void secondGetIsServedFromMemory() {
        ImageBytesCache cache = cache(DataSize.ofMegabytes(1), DataSize.ofKilobytes(100), Duration.ofMinutes(5));
        ImageMetadata image = image(1000, null, clock.instant().plusSeconds(60));

        byte[] first = cache.get(image, loader);
        byte[] second = cache.get(image, loader);

        assertThat(second).isSameAs(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void acceptsOnlySmallImagesWithoutViewLimit() {
        ImageBytesCache cache = cache(DataSize.ofMegabytes(1), DataSize.ofBytes(1000), Duration.ofMinutes(5));
        Instant expiresAt = clock.instant().plusSeconds(60);

        assertThat(cache.accepts(image(1000, null, expiresAt))).isTrue();
        assertThat(cache.accepts(image(1001, null, expiresAt))).isFalse();
        assertThat(cache.accepts(image(10, 3, expiresAt))).isFalse();
        assertThatThrownBy(() -> cache.get(image(10, 3, expiresAt), loader))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroCapacityTurnsCacheOff() {
        ImageBytesCache cache = cache(DataSize.ofBytes(0), DataSize.ofKilobytes(100), Duration.ofMinutes(5));

        assertThat(cache.accepts(image(10, null, clock.instant().plusSeconds(60)))).isFalse();
    }

    @Test
    void entryNeverOutlivesExpiresAt() throws InterruptedException {
        // Caffeine measures entry age with its own ticker, so the expiry is waited out in real time.
        ImageBytesCache cache = cache(DataSize.ofMegabytes(1), DataSize.ofKilobytes(100), Duration.ofMinutes(5));
        ImageMetadata image = image(100, null, clock.instant().plusMillis(200));

        cache.get(image, loader);
        Thread.sleep(400);
        cache.get(image, loader);

        assertThat(loads).hasValue(2);
    }

    @Test
    void entryExpiresAfterTtl() throws InterruptedException {
        ImageBytesCache cache = cache(DataSize.ofMegabytes(1), DataSize.ofKilobytes(100), Duration.ofMillis(100));
        ImageMetadata image = image(100, null, clock.instant().plusSeconds(3600));

        cache.get(image, loader);
        Thread.sleep(300);
        cache.get(image, loader);

        assertThat(loads).hasValue(2);
    }

    @Test
    void evictAndInvalidateAllForceReload() {
        ImageBytesCache cache = cache(DataSize.ofMegabytes(1), DataSize.ofKilobytes(100), Duration.ofMinutes(5));
        ImageMetadata image = image(100, null, clock.instant().plusSeconds(60));

        cache.get(image, loader);
        cache.evict(image.id());
        cache.get(image, loader);
        cache.invalidateAll();
        cache.get(image, loader);

        assertThat(loads).hasValue(3);
    }

    @Test
    void failedLoadCachesNothing() {
        ImageBytesCache cache = cache(DataSize.ofMegabytes(1), DataSize.ofKilobytes(100), Duration.ofMinutes(5));
        ImageMetadata image = image(100, null, clock.instant().plusSeconds(60));

        assertThatThrownBy(() -> cache.get(image, failing -> {
            throw new DependencyUnavailableException(Dependency.STORE, failing.id(), new IOException("refused"));
        })).isInstanceOf(DependencyUnavailableException.class);
        cache.get(image, loader);

        assertThat(loads).hasValue(1);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new ServingProperties(null, null, null, null, DataSize.ofBytes(-1), null, null))
                .hasMessageContaining("image-cache-capacity");
        assertThatThrownBy(() -> new ServingProperties(null, null, null, null, null, DataSize.ofMegabytes(65), null))
                .hasMessageContaining("image-cache-max-image-size");
        assertThatThrownBy(() -> new ServingProperties(null, null, null, null, null, null, Duration.ofSeconds(-1)))
                .hasMessageContaining("image-cache-ttl");
    }

    private ImageBytesCache cache(DataSize capacity, DataSize maxImageSize, Duration ttl) {
        ServingProperties serving = new ServingProperties(null, null, null, null, capacity, maxImageSize, ttl);
        return new ImageBytesCache(clock, serving, new SimpleMeterRegistry());
    }

    private ImageMetadata image(long sizeBytes, Integer maxViews, Instant expiresAt) {
        ImageId id = ImageId.random();
        return new ImageMetadata(id, ObjectKey.of(clock.instant(), id), "image/png", "png", sizeBytes, 10, 10,
                expiresAt, maxViews, "wrapped");
    }
}
