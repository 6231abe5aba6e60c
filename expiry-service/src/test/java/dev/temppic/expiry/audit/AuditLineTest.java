package dev.temppic.expiry.audit;

import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-12-04T20:15:05Z");
    private static final Instant UPLOADED_AT = Instant.parse("2026-12-04T20:15:02Z");
    private static final ImageId IMAGE = ImageId.random();
    private static final String OBJECT_KEY = ObjectKey.of(UPLOADED_AT, IMAGE).value();

    @Test
    void uploadLineHasIdsTimesAndSize() {
        UUID eventId = UUID.randomUUID();
        ImageUploaded uploaded = new ImageUploaded(eventId, IMAGE, OBJECT_KEY, "image/png", 48_213, UPLOADED_AT,
                UPLOADED_AT.plusSeconds(3600), 3);

        JsonNode line = parse(AuditLine.format(uploaded, NOW).orElseThrow());

        assertThat(fieldNames(line)).containsExactly("event", "eventId", "imageId", "objectKey", "sizeBytes",
                "uploadedAt", "expiresAt", "recordedAt");
        assertThat(line.get("event").asString()).isEqualTo("ImageUploaded");
        assertThat(line.get("eventId").asString()).isEqualTo(eventId.toString());
        assertThat(line.get("imageId").asString()).isEqualTo(IMAGE.value());
        assertThat(line.get("sizeBytes").asLong()).isEqualTo(48_213);
        assertThat(line.get("expiresAt").asString()).isEqualTo("2026-12-04T21:15:02Z");
        assertThat(line.get("recordedAt").asString()).isEqualTo("2026-12-04T20:15:05Z");
    }

    @Test
    void deletionRequestLineHasReason() {
        ImageDeletionRequested requested = new ImageDeletionRequested(UUID.randomUUID(), IMAGE, OBJECT_KEY,
                DeletionRequestReason.VIEW_LIMIT_REACHED, NOW);

        JsonNode line = parse(AuditLine.format(requested, NOW).orElseThrow());

        assertThat(line.get("event").asString()).isEqualTo("ImageDeletionRequested");
        assertThat(line.get("reason").asString()).isEqualTo("VIEW_LIMIT_REACHED");
        assertThat(line.get("requestedAt").asString()).isEqualTo("2026-12-04T20:15:05Z");
    }

    @Test
    void deletedLineHasReasonAndLateness() {
        ImageDeleted deleted = new ImageDeleted(UUID.randomUUID(), IMAGE, OBJECT_KEY, DeletionReason.EXPIRED, NOW, 412);

        JsonNode line = parse(AuditLine.format(deleted, NOW).orElseThrow());

        assertThat(line.get("event").asString()).isEqualTo("ImageDeleted");
        assertThat(line.get("reason").asString()).isEqualTo("EXPIRED");
        assertThat(line.get("latenessMs").asLong()).isEqualTo(412);
    }

    @Test
    void viewsAreNotAudited() {
        assertThat(AuditLine.format(new ImageViewed(UUID.randomUUID(), IMAGE, NOW), NOW)).isEmpty();
    }

    @Test
    void lineIsOneLine() {
        ImageDeleted deleted = new ImageDeleted(UUID.randomUUID(), IMAGE, OBJECT_KEY, DeletionReason.SWEPT, NOW, 0);

        assertThat(AuditLine.format(deleted, NOW).orElseThrow()).doesNotContain("\n", "\r");
    }

    private static JsonNode parse(String line) {
        return JSON.readTree(line);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
