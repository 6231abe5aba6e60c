package dev.temppic.expiry.audit;

import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageUploaded;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Formats one lifecycle event as one line of JSON for the audit trail.
 *
 * <p>Fields are copied one by one from an allow-list (ids, times, sizes, reasons), never by serializing the
 * whole event, so a field added to an event later cannot reach the audit trail unnoticed. Examples:
 *
 * <pre>{@code
 * {"event":"ImageUploaded","eventId":"…","imageId":"…","objectKey":"2026-12-04T20/…","sizeBytes":48213,"uploadedAt":"2026-12-04T20:15:02Z","expiresAt":"2026-12-05T20:15:02Z","recordedAt":"…"}
 * {"event":"ImageDeletionRequested","eventId":"…","imageId":"…","objectKey":"…","reason":"USER_REQUESTED","requestedAt":"…","recordedAt":"…"}
 * {"event":"ImageDeleted","eventId":"…","imageId":"…","objectKey":"…","reason":"EXPIRED","deletedAt":"…","latenessMs":412,"recordedAt":"…"}
 * }</pre>
 *
 * {@code ImageViewed} is not audited: a view changes nothing in an image's lifecycle, and a trail of view
 * times per image would be a usage record of the people who view it.
 */
final class AuditLine {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditLine() {
    }

    /** Returns the line for {@code event}, or empty for events that are not audited. */
    static Optional<String> format(ImageEvent event, Instant recordedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event.getClass().getSimpleName());
        fields.put("eventId", event.eventId().toString());
        fields.put("imageId", event.imageId().value());
        if (event instanceof ImageUploaded uploaded) {
            fields.put("objectKey", uploaded.objectKey());
            fields.put("sizeBytes", uploaded.sizeBytes());
            fields.put("uploadedAt", uploaded.uploadedAt().toString());
            fields.put("expiresAt", uploaded.expiresAt().toString());
        } else if (event instanceof ImageDeletionRequested requested) {
            fields.put("objectKey", requested.objectKey());
            fields.put("reason", requested.reason().name());
            fields.put("requestedAt", requested.requestedAt().toString());
        } else if (event instanceof ImageDeleted deleted) {
            fields.put("objectKey", deleted.objectKey());
            fields.put("reason", deleted.reason().name());
            fields.put("deletedAt", deleted.deletedAt().toString());
            fields.put("latenessMs", deleted.latenessMs());
        } else {
            return Optional.empty();
        }
        fields.put("recordedAt", recordedAt.toString());
        return Optional.of(JSON.writeValueAsString(fields));
    }
}
