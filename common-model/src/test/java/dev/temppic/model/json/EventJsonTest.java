package dev.temppic.model.json;

import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private final ImageId imageId = ImageId.random();
    private final Instant now = Instant.parse("2026-12-04T20:15:30.250Z");
    private final String objectKey = ObjectKey.of(now, imageId).value();

    @Test
    void everyEventRoundTrips() {
        List<ImageEvent> events = List.of(
                new ImageUploaded(UUID.randomUUID(), imageId, objectKey, "image/jpeg", 1024, now, now.plusSeconds(60), 1),
                new ImageUploaded(UUID.randomUUID(), imageId, objectKey, "image/png", 2048, now, now.plusSeconds(86_400), null),
                new ImageDeletionRequested(UUID.randomUUID(), imageId, objectKey, DeletionRequestReason.USER_REQUESTED, now),
                new ImageViewed(UUID.randomUUID(), imageId, now),
                new ImageDeleted(UUID.randomUUID(), imageId, objectKey, DeletionReason.SWEPT, now, 1500));

        for (ImageEvent event : events) {
            assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
        }
    }

    @Test
    void jsonCarriesTypeDiscriminatorAndIsoTimes() {
        String json = EventJson.toJson(new ImageViewed(UUID.randomUUID(), imageId, now));

        assertThat(json).contains("\"type\":\"ImageViewed\"");
        assertThat(json).contains("\"viewedAt\":\"2026-12-04T20:15:30.250Z\"");
        assertThat(json).contains("\"imageId\":\"" + imageId.value() + "\"");
    }

    @Test
    void unknownPropertiesAreIgnored() {
        String json = "{\"type\":\"ImageViewed\",\"eventId\":\"" + UUID.randomUUID() + "\",\"imageId\":\""
                + imageId.value() + "\",\"viewedAt\":\"2026-12-04T20:15:30Z\",\"addedLater\":42}";

        ImageEvent event = EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(event).isInstanceOf(ImageViewed.class);
    }

    @Test
    void invalidRecordsRaiseInvalidEvent() {
        List<String> invalid = List.of(
                "not json",
                "{\"type\":\"Unknown\"}",
                "{\"type\":\"ImageViewed\",\"imageId\":\"" + imageId.value() + "\"}",
                "{\"type\":\"ImageViewed\",\"eventId\":\"" + UUID.randomUUID() + "\",\"imageId\":\"bad\",\"viewedAt\":\"2026-12-04T20:15:30Z\"}");

        for (String json : invalid) {
            assertThatThrownBy(() -> EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json)
                    .isInstanceOf(InvalidEventException.class);
        }
    }

    @Test
    void kafkaSerdeRoundTrips() {
        ImageEvent event = new ImageViewed(UUID.randomUUID(), imageId, now);

        byte[] bytes = new ImageEventSerializer().serialize("topic", event);

        assertThat(new ImageEventDeserializer().deserialize("topic", bytes)).isEqualTo(event);
        assertThat(new ImageEventSerializer().serialize("topic", null)).isNull();
    }
}
