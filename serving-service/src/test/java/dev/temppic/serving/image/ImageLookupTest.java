package dev.temppic.serving.image;

import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.serving.ServingProperties;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import dev.temppic.serving.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ImageLookupTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ImageMetadataRepository repository = mock(ImageMetadataRepository.class);
    private final ImageBytesCache bytes = mock(ImageBytesCache.class);
    private final ImageId id = ImageId.random();
    private ImageLookup lookup;

    @BeforeEach
    void createLookup() {
        lookup = new ImageLookup(repository, bytes, clock,
                new ServingProperties(TTL, 100L, null, null, null, null, null), new SimpleMeterRegistry());
    }

    @Test
    void readsRedisEveryTimeWhileFeedIsDown() {
        when(repository.find(id)).thenReturn(Optional.of(image(clock.instant().plusSeconds(60))));

        lookup.find(id, clock.instant());
        lookup.find(id, clock.instant());

        verify(repository, times(2)).find(id);
    }

    @Test
    void cachesWhileFeedIsLive() {
        lookup.evictionFeedConnected();
        when(repository.find(id)).thenReturn(Optional.of(image(clock.instant().plusSeconds(60))));

        lookup.find(id, clock.instant());
        lookup.find(id, clock.instant());

        verify(repository, times(1)).find(id);
    }

    @Test
    void evictForcesNextRedisRead() {
        lookup.evictionFeedConnected();
        when(repository.find(id)).thenReturn(Optional.of(image(clock.instant().plusSeconds(60))));
        lookup.find(id, clock.instant());

        lookup.evict(id);
        when(repository.find(id)).thenReturn(Optional.empty());

        assertThat(lookup.find(id, clock.instant())).isEmpty();
        verify(bytes).evict(id);
    }

    @Test
    void returnsNothingAtOrAfterExpiresAt() {
        lookup.evictionFeedConnected();
        Instant expiresAt = clock.instant().plusSeconds(60);
        when(repository.find(id)).thenReturn(Optional.of(image(expiresAt)));

        assertThat(lookup.find(id, expiresAt.minusMillis(1))).isPresent();
        assertThat(lookup.find(id, expiresAt)).isEmpty();
        assertThat(lookup.find(id, expiresAt.plusSeconds(1))).isEmpty();
    }

    @Test
    void entryExpiresAfterTtl() {
        // Caffeine measures entry age with its own ticker, so a short TTL is waited out in real time.
        ImageLookup shortLived = new ImageLookup(repository, bytes, clock,
                new ServingProperties(Duration.ofMillis(50), 100L, null, null, null, null, null),
                new SimpleMeterRegistry());
        shortLived.evictionFeedConnected();
        when(repository.find(id)).thenReturn(Optional.of(image(clock.instant().plusSeconds(3600))));

        shortLived.find(id, clock.instant());
        sleep(Duration.ofMillis(120));
        shortLived.find(id, clock.instant());

        verify(repository, times(2)).find(id);
    }

    @Test
    void entryNeverOutlivesExpiresAt() {
        lookup.evictionFeedConnected();
        // Expires in 50 ms of clock time, far below the 10 s TTL.
        when(repository.find(id)).thenReturn(Optional.of(image(clock.instant().plusMillis(50))));
        lookup.find(id, clock.instant());

        sleep(Duration.ofMillis(120));
        lookup.find(id, clock.instant());

        verify(repository, times(2)).find(id);
    }

    @Test
    void disconnectedFeedClearsCache() {
        lookup.evictionFeedConnected();
        when(repository.find(id)).thenReturn(Optional.of(image(clock.instant().plusSeconds(60))));
        lookup.find(id, clock.instant());

        lookup.evictionFeedDisconnected();
        lookup.find(id, clock.instant());

        assertThat(lookup.cacheEnabled()).isFalse();
        verify(repository, times(2)).find(id);
        // Once when the feed connected, once when it disconnected.
        verify(bytes, times(2)).invalidateAll();
    }

    @Test
    void redisFailurePropagates() {
        lookup.evictionFeedConnected();
        when(repository.find(id)).thenThrow(new DependencyUnavailableException(Dependency.REDIS, id, null));

        assertThatThrownBy(() -> lookup.find(id, clock.instant()))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void missingImageIsNotCached() {
        lookup.evictionFeedConnected();
        when(repository.find(id)).thenReturn(Optional.empty());

        lookup.find(id, clock.instant());
        lookup.find(id, clock.instant());

        verify(repository, times(2)).find(id);
    }

    private ImageMetadata image(Instant expiresAt) {
        return new ImageMetadata(id, ObjectKey.of(clock.instant(), id), "image/png", "png", 10, 1, 1, expiresAt,
                null, "d3JhcHBlZA==");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
