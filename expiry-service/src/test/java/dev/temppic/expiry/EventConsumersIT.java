package dev.temppic.expiry;

import dev.temppic.expiry.support.EventRecorder;
import dev.temppic.expiry.support.ExpiryIntegrationTest;
import dev.temppic.expiry.support.TestImage;
import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The audit and analytics consumer groups, deduplication, and the dead-letter topic. */
class EventConsumersIT extends ExpiryIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
    private static final Pattern IPV6 = Pattern.compile("\\b[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{0,4}){4,7}\\b");
    private static final Set<String> AUDIT_FIELDS = Set.of("event", "eventId", "imageId", "objectKey", "sizeBytes",
            "uploadedAt", "expiresAt", "reason", "requestedAt", "deletedAt", "latenessMs", "recordedAt");

    @Test
    void duplicatesCountOnce() throws Exception {
        // An hour 30 to 60 days ago that no other test writes to.
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofHours(24L * 30 + ThreadLocalRandom.current().nextInt(720)));
        Instant uploadedAt = hour.plusSeconds(600);
        ImageId id = ImageId.random();
        String objectKey = ObjectKey.of(uploadedAt, id).value();
        ImageUploaded uploaded = new ImageUploaded(UUID.randomUUID(), id, objectKey, "image/png", 1_234, uploadedAt,
                uploadedAt.plus(Duration.ofMinutes(10)), 1);
        ImageViewed viewed = new ImageViewed(UUID.randomUUID(), id, uploadedAt.plusSeconds(60));
        ImageViewed viewedAgain = new ImageViewed(UUID.randomUUID(), id, uploadedAt.plusSeconds(90));
        ImageDeleted deleted = new ImageDeleted(UUID.randomUUID(), id, objectKey, DeletionReason.USER_REQUESTED,
                uploadedAt.plusSeconds(100), 5);

        for (var event : List.of(uploaded, uploaded, viewed, viewed, viewedAgain, deleted, deleted)) {
            publish(event);
        }

        String statsKey = RedisKeys.stats(hour);
        await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(redis.opsForHash().get(statsKey,
                "deleted.USER_REQUESTED")));
        Thread.sleep(1_000);
        Map<Object, Object> counters = redis.opsForHash().entries(statsKey);
        assertThat(counters).containsExactlyInAnyOrderEntriesOf(Map.of(
                "uploads", "1",
                "bytes", "1234",
                "burnAfterRead", "1",
                "customLifetime", "1",
                "views", "2",
                "deleted.USER_REQUESTED", "1"));
        Long ttlSeconds = redis.getExpire(statsKey, TimeUnit.SECONDS);
        long expectedTtl = Duration.between(Instant.now(), hour.plus(Duration.ofHours(1)).plus(Duration.ofDays(90)))
                .toSeconds();
        assertThat(ttlSeconds).isBetween(expectedTtl - 60, expectedTtl + 1);
        assertThat(redis.hasKey("stats:seen:" + uploaded.eventId())).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> auditLinesContaining(deleted.eventId().toString()).size() == 1);
        assertThat(auditLinesContaining(uploaded.eventId().toString())).hasSize(1);
        assertThat(auditLinesContaining(deleted.eventId().toString())).hasSize(1);
        assertThat(auditLinesContaining(viewed.eventId().toString())).isEmpty();
        JsonNode deletedLine = JSON.readTree(auditLinesContaining(deleted.eventId().toString()).get(0));
        assertThat(deletedLine.get("reason").asString()).isEqualTo("USER_REQUESTED");
        assertThat(deletedLine.get("latenessMs").asLong()).isEqualTo(5);
    }

    @Test
    void auditLinesHoldNoPersonalData() throws Exception {
        TestImage image = storeImage(Instant.now(), Instant.now().plus(Duration.ofHours(1)), null);
        ImageUploaded uploaded = image.uploadedEvent();
        publish(uploaded);
        publish(new ImageDeletionRequested(UUID.randomUUID(), image.id(), image.key(),
                DeletionRequestReason.USER_REQUESTED, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> auditLinesContaining(image.id().value()).size() >= 3);
        List<String> lines = Files.readAllLines(auditFile());
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(IPV4.matcher(line).find()).as("IPv4 address in %s", line).isFalse();
            assertThat(IPV6.matcher(line).find()).as("IPv6 address in %s", line).isFalse();
            assertThat(line.toLowerCase()).doesNotContain("filename", ".png", ".jpg", ".jpeg", ".gif", ".webp",
                    "image/", "user-agent", "useragent");
            List<String> fields = new ArrayList<>();
            JSON.readTree(line).propertyNames().forEach(fields::add);
            assertThat(AUDIT_FIELDS).as("fields of %s", line).containsAll(fields);
        }
    }

    @Test
    void redisOutageDelaysScheduling() throws Exception {
        EventRecorder deadLetters = deadLetters();
        TestImage image = storeImage(Instant.now(), Instant.now().plus(Duration.ofHours(1)), null);
        ImageUploaded uploaded = image.uploadedEvent();

        infrastructure().stopRedis();
        try {
            publish(uploaded);
            Thread.sleep(4_000);
        } finally {
            infrastructure().startRedis();
        }

        await().atMost(Duration.ofSeconds(60)).until(() ->
                redis.opsForZSet().score(RedisKeys.EXPIRY_SCHEDULE, image.key()) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> auditLinesContaining(uploaded.eventId().toString()).size() == 1);
        assertThat(deadLetters.events(event -> event.eventId().equals(uploaded.eventId())))
                .as("records that failed while Redis was down").isEmpty();
    }

    @Test
    void poisonRecordGoesToDeadLetterTopic() throws Exception {
        EventRecorder deadLetters = deadLetters();
        TestImage image = storeImage(Instant.now(), Instant.now().plus(Duration.ofHours(1)), null);
        byte[] poison = ("{not an event " + UUID.randomUUID() + "}").getBytes(StandardCharsets.UTF_8);
        ImageUploaded next = image.uploadedEvent();

        // Same record key, so the same partition: the valid event is behind the poison record.
        sendRaw(image.id().value(), poison);
        publish(next);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                redis.opsForZSet().score(RedisKeys.EXPIRY_SCHEDULE, image.key()) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> auditLinesContaining(next.eventId().toString()).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersWithValue(deadLetters, poison).size() == 3);
        List<String> groups = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : deadLettersWithValue(deadLetters, poison)) {
            assertThat(record.key()).isEqualTo(image.id().value());
            groups.add(header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
        }
        assertThat(groups).containsExactlyInAnyOrder(Topics.GROUP_EXPIRY, Topics.GROUP_AUDIT, Topics.GROUP_ANALYTICS);
    }

    @Test
    void invalidObjectKeyGoesToDeadLetterTopic() throws Exception {
        EventRecorder deadLetters = deadLetters();
        ImageId id = ImageId.random();
        ImageDeletionRequested invalid = new ImageDeletionRequested(UUID.randomUUID(), id, "no-hour-prefix/" + id,
                DeletionRequestReason.USER_REQUESTED, Instant.now());

        publish(invalid);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.events(event ->
                event.eventId().equals(invalid.eventId())).size() == 1);
        ConsumerRecord<String, byte[]> record = deadLetters.records().stream()
                .filter(candidate -> candidate.value() != null
                        && new String(candidate.value(), StandardCharsets.UTF_8).contains(invalid.eventId().toString()))
                .findFirst().orElseThrow();
        assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(Topics.GROUP_EXPIRY);
        assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(IllegalArgumentException.class.getName());
    }

    private static List<ConsumerRecord<String, byte[]>> deadLettersWithValue(EventRecorder recorder, byte[] value) {
        return recorder.records().stream().filter(record -> Arrays.equals(record.value(), value)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sendRaw(String key, byte[] value) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TempPicInfraExtension.connection().kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.IMAGE_EVENTS, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> auditLinesContaining(String text) throws Exception {
        if (!Files.exists(auditFile())) {
            return List.of();
        }
        return Files.readAllLines(auditFile()).stream().filter(line -> line.contains(text)).toList();
    }
}
