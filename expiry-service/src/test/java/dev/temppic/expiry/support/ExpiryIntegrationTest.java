package dev.temppic.expiry.support;

import dev.temppic.model.service.StoreProperties;
import dev.temppic.infra.Infrastructure;
import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Base of the integration tests: one expiry-service context (shared by every subclass through Spring's context
 * cache) against real Kafka, Redis and S3Proxy from {@link TempPicInfraExtension}.
 *
 * <p>The scheduled sweep is pushed out of the way (initial delay 1 h); tests call the sweep themselves.
 */
@ExtendWith(TempPicInfraExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "temppic.audit.directory=" + ExpiryIntegrationTest.AUDIT_DIRECTORY,
        "temppic.expiry.sweep.initial-delay=1h",
        "temppic.expiry.deleter.max-idle=500ms",
        "temppic.expiry.deleter.retry-max=2s",
        "temppic.expiry.deleter.lease=40s"})
public abstract class ExpiryIntegrationTest {

    /** Audit directory of every test context; logging is configured once per JVM, so all share it. */
    public static final String AUDIT_DIRECTORY = "target/audit-it";

    private static EventRecorder imageEvents;
    private static EventRecorder deadLetters;

    @Autowired
    protected StringRedisTemplate redis;
    @Autowired
    protected MinioClient minio;
    @Autowired
    protected StoreProperties store;
    @Autowired
    protected KafkaTemplate<String, ImageEvent> kafka;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TempPicInfraExtension.registerSpringProperties(registry::add);
    }

    /** Waits until every consumer of this context has its partitions, so events sent next are consumed. */
    @BeforeEach
    void waitForConsumers() {
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> container.getAssignedPartitions() != null
                    && !container.getAssignedPartitions().isEmpty());
        }
    }

    /** Returns the recorder of {@value Topics#IMAGE_EVENTS}, started on first use. */
    protected static synchronized EventRecorder imageEvents() {
        if (imageEvents == null) {
            imageEvents = EventRecorder.start(TempPicInfraExtension.connection().kafkaBootstrapServers(),
                    Topics.IMAGE_EVENTS);
        }
        return imageEvents;
    }

    /** Returns the recorder of {@value Topics#IMAGE_EVENTS_DLT}, started on first use. */
    protected static synchronized EventRecorder deadLetters() {
        if (deadLetters == null) {
            deadLetters = EventRecorder.start(TempPicInfraExtension.connection().kafkaBootstrapServers(),
                    Topics.IMAGE_EVENTS_DLT);
        }
        return deadLetters;
    }

    protected static Infrastructure infrastructure() {
        return TempPicInfraExtension.infrastructure();
    }

    protected static Path auditFile() {
        return Path.of(AUDIT_DIRECTORY, "audit.log");
    }

    /** Stores an object and its {@code img:{id}} hash, as upload-service does, with a random id. */
    protected TestImage storeImage(Instant uploadedAt, Instant expiresAt, Integer maxViews) throws Exception {
        ImageId id = ImageId.random();
        ObjectKey objectKey = ObjectKey.of(uploadedAt, id);
        byte[] bytes = new byte[64 + ThreadLocalRandom.current().nextInt(64)];
        ThreadLocalRandom.current().nextBytes(bytes);
        putObject(objectKey.value(), bytes);
        ImageRecord record = new ImageRecord(id, objectKey, "image/png", "png", bytes.length, 1, 1, uploadedAt,
                expiresAt, "0".repeat(64), "d3JhcHBlZA==", Optional.ofNullable(maxViews), 0);
        String key = RedisKeys.image(id);
        redis.opsForHash().putAll(key, record.toHash());
        redis.expireAt(key, expiresAt);
        return new TestImage(id, objectKey, uploadedAt, expiresAt, maxViews, bytes.length);
    }

    protected void putObject(String name, byte[] bytes) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(store.bucket()).object(name)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType("application/octet-stream").build());
    }

    protected boolean objectExists(String name) throws Exception {
        try {
            minio.statObject(StatObjectArgs.builder().bucket(store.bucket()).object(name).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    protected int countObjects(String prefix) throws Exception {
        int count = 0;
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(store.bucket()).prefix(prefix)
                .recursive(true).build())) {
            item.get();
            count++;
        }
        return count;
    }

    /** Sends an event keyed by its image id and waits for Kafka's acknowledgement. */
    protected void publish(ImageEvent event) throws Exception {
        kafka.send(Topics.IMAGE_EVENTS, event.imageId().value(), event).get(10, TimeUnit.SECONDS);
    }
}
