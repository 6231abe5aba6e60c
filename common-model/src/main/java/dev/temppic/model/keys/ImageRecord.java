package dev.temppic.model.keys;

import dev.temppic.model.id.ImageId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Metadata of one stored image, kept in the Redis hash {@code img:{id}} whose {@code EXPIREAT} is
 * {@link #expiresAt()}.
 *
 * <p>upload-service writes it once; serving-service reads it and increments {@link #FIELD_VIEWS} with
 * {@code HINCRBY}; it is removed on deletion. Times are stored as epoch milliseconds, the wrapped data
 * key as Base64. It never contains a filename, an IP address or a user agent.
 *
 * @param imageId the image
 * @param objectKey key of the encrypted object in the store
 * @param contentType media type detected from the content, e.g. {@code image/png}
 * @param extension file extension without the dot, e.g. {@code png}
 * @param sizeBytes size of the stored image in bytes, before encryption
 * @param width width in pixels
 * @param height height in pixels
 * @param uploadedAt time of upload
 * @param expiresAt time from which the image is unreachable; at most 24 hours after upload
 * @param deleteTokenHash lowercase hex SHA-256 of the delete token
 * @param wrappedDataKey the image's data key, encrypted with the master key
 * @param maxViews view limit, or empty when views are unlimited
 * @param views views counted so far
 */
public record ImageRecord(
        ImageId imageId,
        ObjectKey objectKey,
        String contentType,
        String extension,
        long sizeBytes,
        int width,
        int height,
        Instant uploadedAt,
        Instant expiresAt,
        String deleteTokenHash,
        String wrappedDataKey,
        Optional<Integer> maxViews,
        long views) {

    public static final String FIELD_OBJECT_KEY = "objectKey";
    public static final String FIELD_CONTENT_TYPE = "contentType";
    public static final String FIELD_EXTENSION = "extension";
    public static final String FIELD_SIZE_BYTES = "sizeBytes";
    public static final String FIELD_WIDTH = "width";
    public static final String FIELD_HEIGHT = "height";
    public static final String FIELD_UPLOADED_AT = "uploadedAt";
    public static final String FIELD_EXPIRES_AT = "expiresAt";
    public static final String FIELD_DELETE_TOKEN_HASH = "deleteTokenHash";
    public static final String FIELD_WRAPPED_DATA_KEY = "wrappedDataKey";
    public static final String FIELD_MAX_VIEWS = "maxViews";
    /** Counter incremented atomically for every view that sends bytes. */
    public static final String FIELD_VIEWS = "views";

    /** Returns the hash fields, as written to Redis with {@code HSET}. */
    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(FIELD_OBJECT_KEY, objectKey.value());
        hash.put(FIELD_CONTENT_TYPE, contentType);
        hash.put(FIELD_EXTENSION, extension);
        hash.put(FIELD_SIZE_BYTES, Long.toString(sizeBytes));
        hash.put(FIELD_WIDTH, Integer.toString(width));
        hash.put(FIELD_HEIGHT, Integer.toString(height));
        hash.put(FIELD_UPLOADED_AT, Long.toString(uploadedAt.toEpochMilli()));
        hash.put(FIELD_EXPIRES_AT, Long.toString(expiresAt.toEpochMilli()));
        hash.put(FIELD_DELETE_TOKEN_HASH, deleteTokenHash);
        hash.put(FIELD_WRAPPED_DATA_KEY, wrappedDataKey);
        maxViews.ifPresent(limit -> hash.put(FIELD_MAX_VIEWS, Integer.toString(limit)));
        hash.put(FIELD_VIEWS, Long.toString(views));
        return hash;
    }

    /**
     * Reads a record from the fields of {@code img:{id}}.
     *
     * @return empty when the hash is empty (the key does not exist)
     * @throws IllegalArgumentException when a field is missing or not in the expected form
     */
    public static Optional<ImageRecord> fromHash(ImageId imageId, Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return Optional.empty();
        }
        String maxViews = hash.get(FIELD_MAX_VIEWS);
        return Optional.of(new ImageRecord(
                imageId,
                ObjectKey.parse(required(hash, FIELD_OBJECT_KEY)),
                required(hash, FIELD_CONTENT_TYPE),
                required(hash, FIELD_EXTENSION),
                Long.parseLong(required(hash, FIELD_SIZE_BYTES)),
                Integer.parseInt(required(hash, FIELD_WIDTH)),
                Integer.parseInt(required(hash, FIELD_HEIGHT)),
                Instant.ofEpochMilli(Long.parseLong(required(hash, FIELD_UPLOADED_AT))),
                Instant.ofEpochMilli(Long.parseLong(required(hash, FIELD_EXPIRES_AT))),
                required(hash, FIELD_DELETE_TOKEN_HASH),
                required(hash, FIELD_WRAPPED_DATA_KEY),
                maxViews == null ? Optional.empty() : Optional.of(Integer.parseInt(maxViews)),
                Long.parseLong(hash.getOrDefault(FIELD_VIEWS, "0"))));
    }

    private static String required(Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new IllegalArgumentException("Image record is missing field '" + field + "'");
        }
        return value;
    }
}
