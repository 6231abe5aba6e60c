package dev.temppic.expiry.analytics;

import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.id.ImageLifetime;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Field names of the anonymous hourly counters in the Redis hash {@code stats:{yyyyMMddHH}}, and which event
 * increments which field. serving-service reads these names for {@code GET /api/stats}.
 *
 * <p>The hour is the UTC hour of the event's own time (uploadedAt, viewedAt, deletedAt), not the time it was
 * processed, so events consumed late still count in their hour. Every value is an integer written with
 * {@code HINCRBY}; a missing field means 0. The hash expires {@code temppic.expiry.stats-retention} (default
 * 90 days) after the end of its hour. No field or key names an image or a person.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>increment</th><th>event</th></tr>
 *   <tr><td>{@value #UPLOADS}</td><td>1</td><td>{@code ImageUploaded}</td></tr>
 *   <tr><td>{@value #BYTES}</td><td>sizeBytes (before encryption)</td><td>{@code ImageUploaded}</td></tr>
 *   <tr><td>{@value #BURN_AFTER_READ}</td><td>1 if maxViews = 1</td><td>{@code ImageUploaded}</td></tr>
 *   <tr><td>{@value #VIEW_LIMITED}</td><td>1 if maxViews is 2 or more (disjoint from
 *       {@value #BURN_AFTER_READ})</td><td>{@code ImageUploaded}</td></tr>
 *   <tr><td>{@value #CUSTOM_LIFETIME}</td><td>1 if expiresAt - uploadedAt is less than 24 h</td>
 *       <td>{@code ImageUploaded}</td></tr>
 *   <tr><td>{@value #VIEWS}</td><td>1</td><td>{@code ImageViewed}</td></tr>
 *   <tr><td>{@code deleted.EXPIRED}, {@code deleted.USER_REQUESTED}, {@code deleted.VIEW_LIMIT_REACHED},
 *       {@code deleted.SWEPT}</td><td>1</td><td>{@code ImageDeleted}, by reason</td></tr>
 * </table>
 *
 * {@code ImageDeletionRequested} counts nothing: its outcome is counted by the {@code ImageDeleted} that
 * follows.
 */
public final class StatsFields {

    public static final String UPLOADS = "uploads";
    public static final String BYTES = "bytes";
    public static final String BURN_AFTER_READ = "burnAfterRead";
    public static final String VIEW_LIMITED = "viewLimited";
    public static final String CUSTOM_LIFETIME = "customLifetime";
    public static final String VIEWS = "views";
    private static final String DELETED_PREFIX = "deleted.";

    private StatsFields() {
    }

    /** Returns the field that counts deletions for {@code reason}, e.g. {@code deleted.EXPIRED}. */
    public static String deleted(DeletionReason reason) {
        return DELETED_PREFIX + reason.name();
    }

    /** Returns the increments for {@code event}, or empty when it counts nothing. */
    static Optional<Increments> incrementsFor(ImageEvent event) {
        Map<String, Long> fields = new LinkedHashMap<>();
        if (event instanceof ImageUploaded uploaded) {
            fields.put(UPLOADS, 1L);
            fields.put(BYTES, uploaded.sizeBytes());
            Integer maxViews = uploaded.maxViews();
            if (maxViews != null && maxViews == 1) {
                fields.put(BURN_AFTER_READ, 1L);
            } else if (maxViews != null && maxViews > 1) {
                fields.put(VIEW_LIMITED, 1L);
            }
            Duration lifetime = Duration.between(uploaded.uploadedAt(), uploaded.expiresAt());
            if (lifetime.compareTo(ImageLifetime.MAX) < 0) {
                fields.put(CUSTOM_LIFETIME, 1L);
            }
            return Optional.of(new Increments(uploaded.uploadedAt(), fields));
        }
        if (event instanceof ImageViewed viewed) {
            fields.put(VIEWS, 1L);
            return Optional.of(new Increments(viewed.viewedAt(), fields));
        }
        if (event instanceof ImageDeleted deleted) {
            fields.put(deleted(deleted.reason()), 1L);
            return Optional.of(new Increments(deleted.deletedAt(), fields));
        }
        return Optional.empty();
    }

    /**
     * Counter increments of one event.
     *
     * @param at the event's time, which selects the hour
     * @param fields increment per field
     */
    record Increments(Instant at, Map<String, Long> fields) {
    }
}
