package dev.temppic.model.keys;

import dev.temppic.model.id.ImageId;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Key of an image object in the store: {@code {yyyy-MM-ddTHH}/{id}}, the UTC hour of upload followed by
 * the image id. The hour prefix lets the backstop sweep list only prefixes older than 24 hours; the
 * original filename never appears in a key.
 *
 * @param hour the UTC hour of upload, truncated to the hour
 * @param imageId the image the object belongs to
 */
public record ObjectKey(Instant hour, ImageId imageId) {

    private static final DateTimeFormatter PREFIX =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    /** Validates that {@code hour} is a whole UTC hour. */
    public ObjectKey {
        if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
            throw new IllegalArgumentException("Object key hour must be a whole hour, got " + hour);
        }
    }

    /** Key for an image uploaded at {@code uploadedAt}. */
    public static ObjectKey of(Instant uploadedAt, ImageId imageId) {
        return new ObjectKey(uploadedAt.truncatedTo(ChronoUnit.HOURS), imageId);
    }

    /** Parses a key in the {@code {yyyy-MM-ddTHH}/{id}} form, or returns empty when it is not one. */
    public static Optional<ObjectKey> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<Instant> hour = parsePrefix(text.substring(0, slash));
        Optional<ImageId> imageId = ImageId.tryParse(text.substring(slash + 1));
        if (hour.isEmpty() || imageId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ObjectKey(hour.get(), imageId.get()));
    }

    /** Parses a key, failing with a message that names the invalid text. */
    public static ObjectKey parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "Invalid object key '" + text + "': expected {yyyy-MM-ddTHH}/{image id}"));
    }

    /** Returns the listing prefix of one hour, with its trailing slash, e.g. {@code 2026-12-04T20/}. */
    public static String prefixOf(Instant hour) {
        return PREFIX.format(hour) + "/";
    }

    /** Parses an hour prefix such as {@code 2026-12-04T20} (with or without the trailing slash). */
    public static Optional<Instant> parsePrefix(String prefix) {
        String bare = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        try {
            return Optional.of(LocalDateTime.parse(bare, PREFIX).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Returns the text form stored in events, Redis and the store. */
    public String value() {
        return prefixOf(hour) + imageId.value();
    }

    @Override
    public String toString() {
        return value();
    }
}
