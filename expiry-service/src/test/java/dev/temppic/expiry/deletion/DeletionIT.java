package dev.temppic.expiry.deletion;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.schedule.Claim;
import dev.temppic.expiry.schedule.ExpirySchedule;
import dev.temppic.expiry.store.ObjectRemover;
import dev.temppic.expiry.support.EventRecorder;
import dev.temppic.expiry.support.ExpiryIntegrationTest;
import dev.temppic.expiry.support.TestImage;
import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scheduled and requested deletions end to end: events in, objects and metadata gone, ImageDeleted out. */
class DeletionIT extends ExpiryIntegrationTest {

    @Autowired
    private ExpirySchedule schedule;
    @Autowired
    private DeleterLoop deleterLoop;
    @Autowired
    private ObjectRemover remover;
    @Autowired
    private DeletionPublisher publisher;
    @Autowired
    private DeletionMetrics metrics;
    @Autowired
    private MeterRegistry meters;

    @Test
    void expiredImageGoneWithinTwoSeconds() throws Exception {
        EventRecorder events = imageEvents();
        Instant now = Instant.now();
        TestImage image = storeImage(now, now.plusSeconds(3), null);

        publish(image.uploadedEvent());

        Thread.sleep(1_000);
        assertThat(objectExists(image.key())).as("object before expiresAt").isTrue();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !objectExists(image.key()));
        Instant goneAt = Instant.now();
        assertThat(Duration.between(image.expiresAt(), goneAt)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(redis.hasKey(RedisKeys.image(image.id()))).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.deletedEvents(Set.of(image.key())).size() == 1);
        ImageDeleted deleted = events.deletedEvents(Set.of(image.key())).get(0);
        assertThat(deleted.reason()).isEqualTo(DeletionReason.EXPIRED);
        assertThat(deleted.imageId()).isEqualTo(image.id());
        assertThat(deleted.latenessMs()).isBetween(0L, 2_000L);
        assertThat(deleted.deletedAt()).isAfterOrEqualTo(image.expiresAt());
        System.out.printf("Expired image deleted %d ms after expiresAt (ImageDeleted.latenessMs)%n",
                deleted.latenessMs());
    }

    @Test
    void userDeletionWithinTwoSeconds() throws Exception {
        EventRecorder events = imageEvents();
        Instant now = Instant.now();
        TestImage image = storeImage(now, now.plus(Duration.ofHours(1)), null);
        publish(image.uploadedEvent());
        // upload-service deletes the metadata before it sends the request.
        redis.delete(RedisKeys.image(image.id()));
        Instant requestedAt = Instant.now();

        publish(new ImageDeletionRequested(UUID.randomUUID(), image.id(), image.key(),
                DeletionRequestReason.USER_REQUESTED, requestedAt));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !objectExists(image.key()));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.deletedEvents(Set.of(image.key())).size() == 1);
        ImageDeleted deleted = events.deletedEvents(Set.of(image.key())).get(0);
        assertThat(deleted.reason()).isEqualTo(DeletionReason.USER_REQUESTED);
        assertThat(deleted.latenessMs()).isBetween(0L, 2_000L);
        assertThat(redis.opsForZSet().score(RedisKeys.EXPIRY_SCHEDULE, image.key())).isNull();
        assertThat(redis.opsForZSet().score(RedisKeys.EXPIRY_LEASES, image.key())).isNull();
    }

    @Test
    void viewLimitDeletionKeepsReason() throws Exception {
        EventRecorder events = imageEvents();
        Instant now = Instant.now();
        TestImage image = storeImage(now, now.plus(Duration.ofHours(1)), 1);
        publish(image.uploadedEvent());

        publish(new ImageDeletionRequested(UUID.randomUUID(), image.id(), image.key(),
                DeletionRequestReason.VIEW_LIMIT_REACHED, Instant.now()));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.deletedEvents(Set.of(image.key())).size() == 1);
        assertThat(events.deletedEvents(Set.of(image.key())).get(0).reason())
                .isEqualTo(DeletionReason.VIEW_LIMIT_REACHED);
        assertThat(objectExists(image.key())).isFalse();
    }

    @Test
    void missingObjectCountsAsDeleted() throws Exception {
        EventRecorder events = imageEvents();
        Instant now = Instant.now();
        ImageId id = ImageId.random();
        String objectKey = ObjectKey.of(now, id).value();
        double storeFailuresBefore = storeFailures();

        publish(new ImageUploaded(UUID.randomUUID(), id, objectKey, "image/png", 10, now, now.plusMillis(500), null));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.deletedEvents(Set.of(objectKey)).size() == 1);
        assertThat(events.deletedEvents(Set.of(objectKey)).get(0).reason()).isEqualTo(DeletionReason.EXPIRED);
        assertThat(storeFailures()).isEqualTo(storeFailuresBefore);
        assertThat(redis.opsForZSet().score(RedisKeys.EXPIRY_LEASES, objectKey)).isNull();
    }

    @Test
    void twoDeletersDeleteEachOnce() throws Exception {
        EventRecorder events = imageEvents();
        Deleter first = newDeleter(10);
        Deleter second = newDeleter(10);
        CyclicBarrier start = new CyclicBarrier(2);

        // The service's own deleter is stopped first, so the two test deleters get every entry.
        deleterLoop.stop();
        List<TestImage> images;
        int[] deleted;
        try {
            images = scheduleOverdueImages(200);
            CompletableFuture<Integer> firstRun = CompletableFuture.supplyAsync(() -> drain(first, start));
            CompletableFuture<Integer> secondRun = CompletableFuture.supplyAsync(() -> drain(second, start));
            deleted = new int[] {firstRun.get(60, TimeUnit.SECONDS), secondRun.get(60, TimeUnit.SECONDS)};
        } finally {
            deleterLoop.start();
        }

        Set<String> keys = images.stream().map(TestImage::key).collect(Collectors.toSet());
        System.out.printf("Two deleters deleted %d and %d of %d entries%n", deleted[0], deleted[1], images.size());
        assertThat(deleted[0]).as("deletions by the first deleter").isPositive();
        assertThat(deleted[1]).as("deletions by the second deleter").isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.deletedEvents(keys).size() >= images.size());
        Thread.sleep(500);
        List<ImageDeleted> deletedEvents = events.deletedEvents(keys);
        assertThat(deletedEvents).hasSize(images.size());
        assertThat(deletedEvents.stream().map(ImageDeleted::objectKey).distinct()).hasSize(images.size());
        for (TestImage image : images) {
            assertThat(objectExists(image.key())).as("object %s", image.key()).isFalse();
        }
    }

    @Test
    void crashedClaimsAreRetried() throws Exception {
        EventRecorder events = imageEvents();
        List<TestImage> images;

        deleterLoop.stop();
        try {
            images = scheduleOverdueImages(20);
            Set<String> keys = images.stream().map(TestImage::key).collect(Collectors.toSet());
            // A deleter claims the entries and "crashes" before deleting anything.
            long now = System.currentTimeMillis();
            List<Claim> claims = schedule.claimDue(now, now + 1_500, 1_000);
            assertThat(claims.stream().map(Claim::objectKey)).containsAll(keys);
            for (TestImage image : images) {
                assertThat(objectExists(image.key())).isTrue();
                assertThat(redis.opsForZSet().score(RedisKeys.EXPIRY_LEASES, image.key())).isNotNull();
            }
        } finally {
            deleterLoop.start();
        }

        Set<String> keys = images.stream().map(TestImage::key).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(15)).until(() -> events.deletedEvents(keys).size() >= images.size());
        Thread.sleep(500);
        List<ImageDeleted> deletedEvents = events.deletedEvents(keys);
        assertThat(deletedEvents).hasSize(images.size());
        // Lateness counts from the original due time (1 s before the claim), not from the lease.
        assertThat(deletedEvents).allSatisfy(event -> assertThat(event.latenessMs()).isGreaterThanOrEqualTo(2_400));
        for (TestImage image : images) {
            assertThat(objectExists(image.key())).isFalse();
            assertThat(redis.opsForZSet().score(RedisKeys.EXPIRY_LEASES, image.key())).isNull();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void storeOutageDelaysDeletions(CapturedOutput output) throws Exception {
        EventRecorder events = imageEvents();
        Instant now = Instant.now();
        List<TestImage> images = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestImage image = storeImage(now, now.plus(Duration.ofHours(1)), null);
            publish(image.uploadedEvent());
            images.add(image);
        }
        Set<String> keys = images.stream().map(TestImage::key).collect(Collectors.toSet());

        infrastructure().stopStore();
        try {
            for (TestImage image : images) {
                publish(new ImageDeletionRequested(UUID.randomUUID(), image.id(), image.key(),
                        DeletionRequestReason.USER_REQUESTED, Instant.now()));
            }
            Thread.sleep(3_000);
            assertThat(events.deletedEvents(keys)).isEmpty();
            for (TestImage image : images) {
                Double scheduled = redis.opsForZSet().score(RedisKeys.EXPIRY_SCHEDULE, image.key());
                Double leased = redis.opsForZSet().score(RedisKeys.EXPIRY_LEASES, image.key());
                assertThat(scheduled != null || leased != null).as("entry of %s kept", image.key()).isTrue();
            }
        } finally {
            infrastructure().startStore();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> events.deletedEvents(keys).size() >= images.size());
        Thread.sleep(500);
        List<ImageDeleted> deletedEvents = events.deletedEvents(keys);
        assertThat(deletedEvents).hasSize(images.size());
        assertThat(deletedEvents).extracting(ImageDeleted::reason).containsOnly(DeletionReason.USER_REQUESTED);
        for (TestImage image : images) {
            assertThat(objectExists(image.key())).isFalse();
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("Object store delete request failed for")))
                .as("warnings for one outage").hasSize(1);
        assertThat(output.getOut()).contains("Object store delete requests succeed again after");
    }

    private double storeFailures() {
        return meters.counter(DeletionMetrics.FAILURES, "stage", "store").count();
    }

    /** Stores images that expired 1 s ago and schedules them directly, as the expiry consumer would. */
    private List<TestImage> scheduleOverdueImages(int count) throws Exception {
        Instant now = Instant.now();
        List<TestImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestImage image = storeImage(now.minus(Duration.ofMinutes(5)), now.minusSeconds(1), null);
            schedule.schedule(image.key(), image.expiresAt().toEpochMilli(), DeletionReason.EXPIRED, UUID.randomUUID(),
                    Duration.ofMinutes(5));
            images.add(image);
        }
        return images;
    }

    private Deleter newDeleter(int batchSize) {
        ExpiryProperties.Deleter settings = new ExpiryProperties.Deleter(true, batchSize, Duration.ofSeconds(60),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30));
        return new Deleter(schedule, remover, publisher, redis, metrics, settings, Clock.systemUTC());
    }

    /** Runs batches until nothing is due; returns the number of completed deletions. */
    private static int drain(Deleter deleter, CyclicBarrier start) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Deleters did not start together", e);
        }
        int deleted = 0;
        while (true) {
            Deleter.BatchResult result = deleter.deleteDueBatch();
            deleted += result.deleted();
            if (result.claimed() == 0) {
                return deleted;
            }
        }
    }
}
