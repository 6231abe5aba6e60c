package dev.temppic.expiry.sweep;

import dev.temppic.expiry.deletion.DeletionMetrics;
import dev.temppic.expiry.deletion.DeletionPublisher;
import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.schedule.ExpirySchedule;
import dev.temppic.expiry.store.ObjectRemover;
import dev.temppic.expiry.support.EventRecorder;
import dev.temppic.expiry.support.ExpiryIntegrationTest;
import dev.temppic.expiry.support.TestImage;
import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The backstop sweep and the bucket lifecycle rule against a real S3Proxy. */
class SweepIT extends ExpiryIntegrationTest {

    @Autowired
    private BackstopSweeper sweeper;
    @Autowired
    private SweepLoop sweepLoop;
    @Autowired
    private ExpirySchedule schedule;
    @Autowired
    private ObjectRemover remover;
    @Autowired
    private DeletionPublisher publisher;
    @Autowired
    private DeletionMetrics metrics;
    @Autowired
    private ExpiryProperties properties;

    @Test
    void expiredPrefixIsSwept() throws Exception {
        EventRecorder events = imageEvents();
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
        String withoutMetadata = ObjectKey.of(threeDaysAgo, ImageId.random()).value();
        putObject(withoutMetadata, new byte[] {1, 2, 3});
        // Metadata that outlived its image (a wrong expiry) does not save the object.
        TestImage withMetadata = storeImage(threeDaysAgo, Instant.now().plus(Duration.ofHours(1)), null);

        BackstopSweeper.SweepReport report = sweeper.sweep();

        assertThat(report.ran()).isTrue();
        assertThat(report.expiredDeleted()).isGreaterThanOrEqualTo(2);
        assertThat(objectExists(withoutMetadata)).isFalse();
        assertThat(objectExists(withMetadata.key())).isFalse();
        assertThat(redis.hasKey(RedisKeys.image(withMetadata.id()))).isFalse();
        Set<String> keys = Set.of(withoutMetadata, withMetadata.key());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.deletedEvents(keys).size() == 2);
        assertThat(events.deletedEvents(keys)).extracting(ImageDeleted::reason).containsOnly(DeletionReason.SWEPT);
        // Uploaded 3 days ago, so at least 2 days past the latest possible expiry.
        assertThat(events.deletedEvents(keys)).allSatisfy(event ->
                assertThat(event.latenessMs()).isGreaterThan(Duration.ofDays(1).toMillis()));
    }

    @Test
    void orphansSweptTrackedObjectsStay() throws Exception {
        EventRecorder events = imageEvents();
        Instant now = Instant.now();
        String orphan = ObjectKey.of(now, ImageId.random()).value();
        putObject(orphan, new byte[] {4, 5, 6});
        TestImage withMetadata = storeImage(now, now.plus(Duration.ofHours(1)), null);
        // Metadata removed by a deletion request whose event was lost; the entry is still due in an hour.
        TestImage deletedEarly = scheduledWithoutMetadata(now, now.plus(Duration.ofHours(1)));
        // Fifteen minutes from now this one expired 5 minutes ago, which is the deleter's job.
        TestImage expired = scheduledWithoutMetadata(now, now.plus(Duration.ofMinutes(10)));
        // Fifteen minutes from now, every object above is older than the 10 min minimum age of a leftover.
        BackstopSweeper later = new BackstopSweeper(minio, store, remover, schedule, publisher, metrics, redis,
                properties.sweep(), Duration.ofSeconds(30), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(15)));

        BackstopSweeper.SweepReport report = later.sweep();

        assertThat(report.orphansDeleted()).isGreaterThanOrEqualTo(2);
        assertThat(objectExists(orphan)).isFalse();
        assertThat(objectExists(deletedEarly.key())).isFalse();
        assertThat(redis.opsForZSet().score(RedisKeys.EXPIRY_SCHEDULE, deletedEarly.key())).isNull();
        assertThat(objectExists(withMetadata.key())).isTrue();
        assertThat(objectExists(expired.key())).isTrue();
        Set<String> swept = Set.of(orphan, deletedEarly.key());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.deletedEvents(swept).size() == 2);
        assertThat(events.deletedEvents(swept)).extracting(ImageDeleted::reason).containsOnly(DeletionReason.SWEPT);
        assertThat(events.deletedEvents(Set.of(withMetadata.key(), expired.key()))).isEmpty();
    }

    @Test
    void recentOrphanIsKept() throws Exception {
        String orphan = ObjectKey.of(Instant.now(), ImageId.random()).value();
        putObject(orphan, new byte[] {7});

        sweeper.sweep();

        assertThat(objectExists(orphan)).as("upload younger than the minimum age").isTrue();
        remover.remove(List.of(orphan));
    }

    @Test
    void lockedSweepIsSkipped() {
        redis.opsForValue().set("expiry:sweep:lock", "another-instance", Duration.ofSeconds(30));
        try {
            assertThat(sweeper.sweep().ran()).isFalse();
        } finally {
            redis.delete("expiry:sweep:lock");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void unsupportedLifecycleRuleIsLoggedOnce(CapturedOutput output) {
        sweepLoop.runOnce();
        sweepLoop.runOnce();

        List<String> warnings = output.getOut().lines()
                .filter(line -> line.contains("does not support bucket lifecycle rules (501 NotImplemented)")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("WARN");
        assertThat(new LifecycleRuleInstaller(minio, store).install())
                .isEqualTo(LifecycleRuleInstaller.Outcome.UNSUPPORTED);
    }

    private TestImage scheduledWithoutMetadata(Instant uploadedAt, Instant expiresAt) throws Exception {
        TestImage image = storeImage(uploadedAt, expiresAt, null);
        redis.delete(RedisKeys.image(image.id()));
        schedule.schedule(image.key(), expiresAt.toEpochMilli(), DeletionReason.EXPIRED, UUID.randomUUID(),
                Duration.ofMinutes(5));
        return image;
    }
}
