package dev.temppic.serving.support;

import dev.temppic.infra.ConnectionInfo;
import dev.temppic.model.crypto.ImageEncryption;
import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes images the way upload-service does: the bytes encrypted with a fresh data key
 * ({@link ImageEncryption.DataKey#encrypting}), the object at {@link ObjectKey#of} in the image bucket, and
 * {@code img:{id}} = {@link ImageRecord#toHash()} with {@code PEXPIREAT} = expiresAt.
 */
public final class ImageFixture implements AutoCloseable {

    private final ImageEncryption encryption = ImageEncryption.fromBase64MasterKey(ServingInstance.MASTER_KEY);
    private final MinioClient minio;
    private final String bucket;
    private final RedisClient redisClient;
    private StatefulRedisConnection<String, String> redisConnection;

    public ImageFixture(ConnectionInfo connection) {
        // No idle connections: tests restart the store, and a pooled connection to the old process fails.
        OkHttpClient httpClient = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
        this.minio = MinioClient.builder()
                .endpoint(connection.storeEndpoint())
                .credentials(connection.storeAccessKey(), connection.storeSecretKey())
                .region("us-east-1")
                .httpClient(httpClient)
                .build();
        this.bucket = connection.bucket();
        this.redisClient = RedisClient.create(RedisURI.create(connection.redisHost(), connection.redisPort()));
    }

    /** Stores a PNG of 200 x 120 noise pixels, uploaded at {@code uploadedAt}. */
    public StoredImage storePng(Instant uploadedAt, Duration lifetime, Integer maxViews) {
        return store(TestImages.noise("png", 200, 120, uploadedAt.toEpochMilli()), "image/png", "png", 200, 120,
                uploadedAt, lifetime, maxViews);
    }

    /** Stores a JPEG of 160 x 90 noise pixels, uploaded at {@code uploadedAt}. */
    public StoredImage storeJpeg(Instant uploadedAt, Duration lifetime, Integer maxViews) {
        return store(TestImages.noise("jpg", 160, 90, uploadedAt.toEpochMilli()), "image/jpeg", "jpg", 160, 90,
                uploadedAt, lifetime, maxViews);
    }

    /** Encrypts and stores {@code bytes} and writes the metadata record. */
    public StoredImage store(byte[] bytes, String contentType, String extension, int width, int height,
                             Instant uploadedAt, Duration lifetime, Integer maxViews) {
        try {
            ImageId id = ImageId.random();
            ImageEncryption.DataKey dataKey = encryption.newDataKey(id);
            ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
            try (OutputStream out = dataKey.encrypting(ciphertext)) {
                out.write(bytes);
            }
            ImageRecord record = new ImageRecord(id, ObjectKey.of(uploadedAt, id), contentType, extension,
                    bytes.length, width, height, uploadedAt, uploadedAt.plus(lifetime), DeleteToken.random().hash(),
                    dataKey.wrapped(), Optional.ofNullable(maxViews), 0);
            putObject(record.objectKey().value(), ciphertext.toByteArray());
            writeRecord(record);
            return new StoredImage(record, bytes, ciphertext.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException("Failed to store a test image", e);
        }
    }

    /** Replaces the stored object of an image, e.g. with altered ciphertext. */
    public void putObject(String objectKey, byte[] content) throws Exception {
        minio.putObject(PutObjectArgs.builder()
                .bucket(bucket)
                .object(objectKey)
                .stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType("application/octet-stream")
                .build());
    }

    public void removeObject(StoredImage image) throws Exception {
        minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(image.record().objectKey().value())
                .build());
    }

    /** Deletes {@code img:{id}}, as upload-service does on a delete request. */
    public void removeRecord(StoredImage image) {
        redis().del(RedisKeys.image(image.id()));
    }

    /** Returns the current view counter, or {@code null} when {@code img:{id}} is gone. */
    public Long views(StoredImage image) {
        String views = redis().hget(RedisKeys.image(image.id()), ImageRecord.FIELD_VIEWS);
        return views == null ? null : Long.parseLong(views);
    }

    /** Synchronous Redis commands on the test infrastructure; reconnects after a Redis restart. */
    public synchronized RedisCommands<String, String> redis() {
        if (redisConnection == null || !redisConnection.isOpen()) {
            redisConnection = redisClient.connect();
        }
        return redisConnection.sync();
    }

    private void writeRecord(ImageRecord record) {
        String key = RedisKeys.image(record.imageId());
        redis().hset(key, record.toHash());
        redis().pexpireat(key, record.expiresAt().toEpochMilli());
    }

    @Override
    public void close() {
        if (redisConnection != null) {
            redisConnection.close();
        }
        redisClient.shutdown();
    }
}
