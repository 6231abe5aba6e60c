package dev.temppic.upload.records;

import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the {@code img:{id}} hashes in Redis. Every method throws {@link DataAccessException} when Redis
 * fails or does not respond in time.
 */
@Component
public class ImageRecords {

    /**
     * Writes the hash and its expiry in one atomic step, so the key never exists without its expiry.
     * KEYS[1] = img:{id}, ARGV[1] = expiresAt in epoch milliseconds, ARGV[2..] = field, value, field, value, ...
     * Returns 0 without writing when the key exists already.
     */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return 0
            end
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            return 1
            """, Long.class);

    /**
     * Deletes the hash only if its token hash still equals the one the caller checked, so that of two concurrent
     * deletions exactly one gets 1. KEYS[1] = img:{id}, ARGV[1] = the hash field, ARGV[2] = the checked hash.
     */
    private static final RedisScript<Long> DELETE_IF_UNCHANGED = RedisScript.of("""
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;

    public ImageRecords(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Writes {@code img:{id}} with {@code PEXPIREAT} = {@link ImageRecord#expiresAt()}.
     *
     * @throws IllegalStateException when the key exists already, which for a fresh random 128-bit id means a bug
     */
    public void create(ImageRecord record) {
        Map<String, String> hash = record.toHash();
        List<String> args = new ArrayList<>(1 + 2 * hash.size());
        args.add(Long.toString(record.expiresAt().toEpochMilli()));
        hash.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        Long created = redis.execute(CREATE, List.of(RedisKeys.image(record.imageId())), args.toArray());
        if (created == null || created != 1L) {
            throw new IllegalStateException("Redis key " + RedisKeys.image(record.imageId()) + " exists already");
        }
    }

    /** Reads the fields that a deletion request needs, or returns empty when the image does not exist. */
    public Optional<DeletionCandidate> findDeletionCandidate(ImageId id) {
        List<Object> values = redis.opsForHash().multiGet(RedisKeys.image(id),
                List.of(ImageRecord.FIELD_DELETE_TOKEN_HASH, ImageRecord.FIELD_OBJECT_KEY));
        if (values == null || values.size() != 2 || values.get(0) == null || values.get(1) == null) {
            return Optional.empty();
        }
        Optional<ObjectKey> objectKey = ObjectKey.tryParse((String) values.get(1));
        return objectKey.map(key -> new DeletionCandidate(id, key, (String) values.get(0)));
    }

    /**
     * Deletes {@code img:{id}} if its delete-token hash still equals the one in {@code candidate}.
     *
     * @return true when this call deleted the key; false when it was gone or replaced before
     */
    public boolean deleteIfUnchanged(DeletionCandidate candidate) {
        Long deleted = redis.execute(DELETE_IF_UNCHANGED, List.of(RedisKeys.image(candidate.imageId())),
                ImageRecord.FIELD_DELETE_TOKEN_HASH, candidate.deleteTokenHash());
        return deleted != null && deleted == 1L;
    }

    /** Deletes {@code img:{id}} whatever it contains; deleting a missing key succeeds. */
    public void delete(ImageId id) {
        redis.delete(RedisKeys.image(id));
    }

    /**
     * The stored fields of an image that a deletion request is checked against.
     *
     * @param imageId the image
     * @param objectKey key of its object in the store
     * @param deleteTokenHash lowercase hex SHA-256 of its delete token
     */
    public record DeletionCandidate(ImageId imageId, ObjectKey objectKey, String deleteTokenHash) {

        /** Hides the hash from log lines. */
        @Override
        public String toString() {
            return "DeletionCandidate[" + imageId + ", " + objectKey + "]";
        }
    }
}
