package dev.temppic.serving.image;

import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.RedisKeys;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads image metadata and counts views in the Redis hash {@code img:{id}}, which upload-service writes
 * with {@code EXPIREAT} = expiresAt. Every Redis failure becomes a {@link DependencyUnavailableException}.
 */
@Repository
public class ImageMetadataRepository {

    private static final Logger log = LoggerFactory.getLogger(ImageMetadataRepository.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNT_VIEW =
            RedisScript.of(new ClassPathResource("redis/count-view.lua"), List.class);

    private static final long OUTCOME_COUNTED = 1;
    private static final long OUTCOME_LAST_VIEW = 2;

    private final StringRedisTemplate redis;

    public ImageMetadataRepository(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Reads the metadata of an image with {@code HGETALL}.
     *
     * @return empty when the key does not exist, or when its fields are unreadable (logged as an error,
     *     because upload-service must never write such a record)
     */
    public Optional<ImageMetadata> find(ImageId id) {
        Map<Object, Object> raw;
        try {
            raw = redis.opsForHash().entries(RedisKeys.image(id));
        } catch (DataAccessException e) {
            throw new DependencyUnavailableException(Dependency.REDIS, id, e);
        }
        Map<String, String> hash = new HashMap<>();
        raw.forEach((field, value) -> hash.put(String.valueOf(field), String.valueOf(value)));
        try {
            return ImageRecord.fromHash(id, hash).map(ImageMetadata::from);
        } catch (IllegalArgumentException e) {
            log.error("Image {} has an invalid metadata record in Redis and is treated as missing: {}",
                    id, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Counts one view atomically: increments the counter unless the image is missing or expired at
     * {@code now}, and deletes {@code img:{id}} when the view uses up the limit.
     */
    public ViewOutcome countView(ImageId id, Instant now) {
        List<?> result;
        try {
            result = redis.execute(COUNT_VIEW, List.of(RedisKeys.image(id)),
                    Long.toString(now.toEpochMilli()),
                    ImageRecord.FIELD_EXPIRES_AT,
                    ImageRecord.FIELD_MAX_VIEWS,
                    ImageRecord.FIELD_VIEWS);
        } catch (DataAccessException e) {
            throw new DependencyUnavailableException(Dependency.REDIS, id, e);
        }
        long outcome = ((Number) result.get(0)).longValue();
        if (outcome == OUTCOME_LAST_VIEW) {
            return ViewOutcome.LAST_VIEW;
        }
        return outcome == OUTCOME_COUNTED ? ViewOutcome.COUNTED : ViewOutcome.REJECTED;
    }

    /**
     * Reads the current view counter. Never cached, because every view changes it.
     *
     * @return empty when {@code img:{id}} no longer exists
     */
    public OptionalLong views(ImageId id) {
        List<Object> values;
        try {
            values = redis.opsForHash().multiGet(RedisKeys.image(id),
                    List.of(ImageRecord.FIELD_VIEWS, ImageRecord.FIELD_EXPIRES_AT));
        } catch (DataAccessException e) {
            throw new DependencyUnavailableException(Dependency.REDIS, id, e);
        }
        // expiresAt is always present while the key exists, so it distinguishes a deleted key from an unset counter.
        if (values.get(1) == null) {
            return OptionalLong.empty();
        }
        Object views = values.get(0);
        return OptionalLong.of(views == null ? 0 : Long.parseLong(views.toString()));
    }
}
