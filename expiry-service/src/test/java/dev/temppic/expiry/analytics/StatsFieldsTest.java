package dev.temppic.expiry.analytics;

import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StatsFieldsTest {

    private static final Instant UPLOADED_AT = Instant.parse("2026-12-04T20:15:02Z");
    private static final ImageId IMAGE = ImageId.random();
    private static final String OBJECT_KEY = ObjectKey.of(UPLOADED_AT, IMAGE).value();

    @Test
    void defaultUploadCountsUploadAndBytes() {
        StatsFields.Increments increments = StatsFields.incrementsFor(upload(Duration.ofHours(24), null)).orElseThrow();

        assertThat(increments.at()).isEqualTo(UPLOADED_AT);
        assertThat(increments.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("uploads", 1L, "bytes", 48_213L));
    }

    @Test
    void burnAfterReadUpload() {
        Map<String, Long> fields = StatsFields.incrementsFor(upload(Duration.ofHours(24), 1)).orElseThrow().fields();

        assertThat(fields).containsEntry("burnAfterRead", 1L);
        assertThat(fields).doesNotContainKey("viewLimited");
    }

    @Test
    void viewLimitedUpload() {
        Map<String, Long> fields = StatsFields.incrementsFor(upload(Duration.ofHours(24), 5)).orElseThrow().fields();

        assertThat(fields).containsEntry("viewLimited", 1L);
        assertThat(fields).doesNotContainKey("burnAfterRead");
    }

    @Test
    void shortLifetimeCountsAsCustom() {
        Map<String, Long> fields = StatsFields.incrementsFor(upload(Duration.ofMinutes(10), null)).orElseThrow().fields();

        assertThat(fields).containsEntry("customLifetime", 1L);
    }

    @Test
    void viewCountsInHourOfView() {
        Instant viewedAt = Instant.parse("2026-12-04T21:00:00Z");

        StatsFields.Increments increments =
                StatsFields.incrementsFor(new ImageViewed(UUID.randomUUID(), IMAGE, viewedAt)).orElseThrow();

        assertThat(increments.at()).isEqualTo(viewedAt);
        assertThat(increments.fields()).containsExactlyEntriesOf(Map.of("views", 1L));
    }

    @Test
    void deletionCountsByReason() {
        Instant deletedAt = Instant.parse("2026-12-05T20:15:03Z");
        ImageDeleted deleted = new ImageDeleted(UUID.randomUUID(), IMAGE, OBJECT_KEY, DeletionReason.SWEPT, deletedAt, 7);

        StatsFields.Increments increments = StatsFields.incrementsFor(deleted).orElseThrow();

        assertThat(increments.at()).isEqualTo(deletedAt);
        assertThat(increments.fields()).containsExactlyEntriesOf(Map.of("deleted.SWEPT", 1L));
    }

    @Test
    void deletionRequestCountsNothing() {
        ImageDeletionRequested requested = new ImageDeletionRequested(UUID.randomUUID(), IMAGE, OBJECT_KEY,
                DeletionRequestReason.USER_REQUESTED, UPLOADED_AT);

        assertThat(StatsFields.incrementsFor(requested)).isEmpty();
    }

    @Test
    void deletedFieldNamesFollowReason() {
        assertThat(StatsFields.deleted(DeletionReason.EXPIRED)).isEqualTo("deleted.EXPIRED");
        assertThat(StatsFields.deleted(DeletionReason.USER_REQUESTED)).isEqualTo("deleted.USER_REQUESTED");
        assertThat(StatsFields.deleted(DeletionReason.VIEW_LIMIT_REACHED)).isEqualTo("deleted.VIEW_LIMIT_REACHED");
    }

    private static ImageUploaded upload(Duration lifetime, Integer maxViews) {
        return new ImageUploaded(UUID.randomUUID(), IMAGE, OBJECT_KEY, "image/png", 48_213, UPLOADED_AT,
                UPLOADED_AT.plus(lifetime), maxViews);
    }
}
