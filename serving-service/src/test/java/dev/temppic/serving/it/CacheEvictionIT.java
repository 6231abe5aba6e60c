package dev.temppic.serving.it;

import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.serving.support.EventProbe;
import dev.temppic.serving.support.Http;
import dev.temppic.serving.support.ImageFixture;
import dev.temppic.serving.support.Resources;
import dev.temppic.serving.support.ServingInstance;
import dev.temppic.serving.support.StoredImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deletion events evict cached metadata on every instance: two serving application contexts in one JVM,
 * each with its own consumer group. One event reaches both only because the groups differ. The cache TTL is
 * an hour, so only the events can make them return 404 in time.
 */
@ExtendWith(TempPicInfraExtension.class)
class CacheEvictionIT {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration EVICTION_DEADLINE = Duration.ofSeconds(1);
    private static final Map<String, String> LONG_CACHE = Map.of("temppic.serving.metadata-cache-ttl", "1h");

    private static ServingInstance first;
    private static ServingInstance second;
    private static ImageFixture images;
    private static EventProbe events;

    @BeforeAll
    static void start() {
        first = ServingInstance.start(LONG_CACHE);
        second = ServingInstance.start(LONG_CACHE);
        images = new ImageFixture(TempPicInfraExtension.connection());
        events = new EventProbe(TempPicInfraExtension.connection());
        first.awaitCacheEnabled();
        second.awaitCacheEnabled();
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(events, images, second, first);
    }

    @Test
    void deletionRequestedEvictsOnBothInstances() throws Exception {
        StoredImage image = cachedOnBothInstances();

        events.publish(new ImageDeletionRequested(UUID.randomUUID(), image.id(),
                image.record().objectKey().value(), DeletionRequestReason.USER_REQUESTED, Instant.now()));

        assertNotFoundOnBothWithin(image, EVICTION_DEADLINE);
    }

    @Test
    void imageDeletedEvictsOnBothInstances() throws Exception {
        StoredImage image = cachedOnBothInstances();

        events.publish(new ImageDeleted(UUID.randomUUID(), image.id(), image.record().objectKey().value(),
                DeletionReason.EXPIRED, Instant.now(), 0));

        assertNotFoundOnBothWithin(image, EVICTION_DEADLINE);
    }

    /**
     * Stores an image, loads it into both caches, then deletes {@code img:{id}} as a delete request does and
     * checks that both instances still serve it from their caches.
     */
    private StoredImage cachedOnBothInstances() {
        StoredImage image = images.storePng(Instant.ofEpochMilli(System.currentTimeMillis()), DAY, null);
        for (ServingInstance instance : List.of(first, second)) {
            assertThat(Http.head(instance.uri(image.path())).statusCode()).isEqualTo(200);
        }
        images.removeRecord(image);
        for (ServingInstance instance : List.of(first, second)) {
            assertThat(Http.head(instance.uri(image.path())).statusCode()).isEqualTo(200);
        }
        return image;
    }

    private static void assertNotFoundOnBothWithin(StoredImage image, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        boolean firstGone = false;
        boolean secondGone = false;
        while (!(firstGone && secondGone) && System.nanoTime() - start < deadline.toNanos() * 3) {
            firstGone = firstGone || gone(first, image);
            secondGone = secondGone || gone(second, image);
            Thread.sleep(20);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(firstGone).as("first instance answers 404").isTrue();
        assertThat(secondGone).as("second instance answers 404").isTrue();
        assertThat(elapsed).as("time until both answer 404").isLessThan(deadline);
    }

    private static boolean gone(ServingInstance instance, StoredImage image) {
        return Http.head(instance.uri(image.path())).statusCode() == 404
                && Http.get(instance.uri("/api/images/" + image.id().value())).statusCode() == 404;
    }
}
