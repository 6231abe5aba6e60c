package dev.temppic.model.keys;

import dev.temppic.model.id.ImageId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {

    private final ImageId imageId = ImageId.random();

    @Test
    void objectKeyUsesUtcHourOfUpload() {
        ObjectKey key = ObjectKey.of(Instant.parse("2026-12-04T20:59:59.999Z"), imageId);

        assertThat(key.value()).isEqualTo("2026-12-04T20/" + imageId.value());
        assertThat(ObjectKey.parse(key.value())).isEqualTo(key);
        assertThat(ObjectKey.prefixOf(key.hour())).isEqualTo("2026-12-04T20/");
        assertThat(ObjectKey.parsePrefix("2026-12-04T20/")).contains(Instant.parse("2026-12-04T20:00:00Z"));
    }

    @Test
    void objectKeyParseRejectsOtherForms() {
        assertThat(ObjectKey.tryParse("2026-12-04T20")).isEmpty();
        assertThat(ObjectKey.tryParse("2026-12-04/" + imageId.value())).isEmpty();
        assertThat(ObjectKey.tryParse("2026-12-04T20/not-an-id")).isEmpty();
        assertThat(ObjectKey.tryParse(null)).isEmpty();
        assertThatThrownBy(() -> ObjectKey.parse("x/y")).hasMessageContaining("'x/y'");
    }

    @Test
    void redisKeysFollowTheSharedFormat() {
        assertThat(RedisKeys.image(imageId)).isEqualTo("img:" + imageId.value());
        assertThat(RedisKeys.stats(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("stats:2026010203");
    }

    @Test
    void imageRecordRoundTripsThroughHash() {
        Instant uploadedAt = Instant.parse("2026-12-04T20:15:00.123Z");
        ImageRecord record = new ImageRecord(imageId, ObjectKey.of(uploadedAt, imageId), "image/png", "png",
                1234, 640, 480, uploadedAt, uploadedAt.plusSeconds(3600), "ab".repeat(32), "d3JhcHBlZA==",
                Optional.of(3), 1);

        Map<String, String> hash = record.toHash();

        assertThat(ImageRecord.fromHash(imageId, hash)).contains(record);
        assertThat(hash).containsEntry(ImageRecord.FIELD_EXPIRES_AT, Long.toString(uploadedAt.plusSeconds(3600).toEpochMilli()));
        assertThat(ImageRecord.fromHash(imageId, Map.of())).isEmpty();
    }

    @Test
    void imageRecordWithoutViewLimitOmitsField() {
        Instant now = Instant.now();
        ImageRecord record = new ImageRecord(imageId, ObjectKey.of(now, imageId), "image/gif", "gif",
                1, 1, 1, now, now.plusSeconds(60), "00".repeat(32), "a2V5", Optional.empty(), 0);

        assertThat(record.toHash()).doesNotContainKey(ImageRecord.FIELD_MAX_VIEWS);
        assertThat(ImageRecord.fromHash(imageId, record.toHash()).orElseThrow().maxViews()).isEmpty();
    }

    @Test
    void imageRecordMissingFieldIsReported() {
        Map<String, String> hash = Map.of(ImageRecord.FIELD_CONTENT_TYPE, "image/png");

        assertThatThrownBy(() -> ImageRecord.fromHash(imageId, hash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objectKey");
    }
}
