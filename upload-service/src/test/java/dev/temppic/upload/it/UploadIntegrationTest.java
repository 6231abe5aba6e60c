package dev.temppic.upload.it;

import dev.temppic.model.crypto.ImageEncryption;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.json.EventJson;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.upload.fixtures.ImageFixtures;
import dev.temppic.upload.fixtures.MetadataSamples;
import dev.temppic.upload.metadata.MetadataStripper;
import dev.temppic.upload.service.ImageSanitizer.SanitizedImage;
import dev.temppic.upload.service.InspectingSanitizer;
import dev.temppic.upload.store.ImageStore;
import dev.temppic.upload.validation.ImageInspector;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.StatObjectResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadIntegrationTest extends IntegrationTestSupport {

    private static final String CLIENT_ADDRESS = "127.0.0.1";
    private static final String FILENAME = "secret-holiday-photo-of-jane.jpg";

    @Autowired
    ImageEncryption encryption;

    @Autowired
    ProducerFactory<?, ?> producerFactory;

    @Autowired
    MeterRegistry meterRegistry;

    /** Runs the same checks as the service on {@code original}, to know the bytes it must have stored. */
    private static byte[] expectedStoredBytes(byte[] original) throws Exception {
        Path input = Files.createTempFile("expected-in-", ".tmp");
        Path output = Files.createTempFile("expected-out-", ".tmp");
        try {
            Files.write(input, original);
            SanitizedImage sanitized = new InspectingSanitizer(new ImageInspector(), new MetadataStripper())
                    .sanitize(input, output);
            assertThat(sanitized.sizeBytes()).isEqualTo(Files.size(output));
            return Files.readAllBytes(output);
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }

    private byte[] decryptStoredObject(String id) throws Exception {
        Map<String, String> hash = imageHash(id);
        ImageId imageId = ImageId.parse(id);
        byte[] ciphertext = objectBytes(hash.get(ImageRecord.FIELD_OBJECT_KEY));
        return encryption.unwrap(imageId, hash.get(ImageRecord.FIELD_WRAPPED_DATA_KEY))
                .decrypting(new ByteArrayInputStream(ciphertext))
                .readAllBytes();
    }

    private static ImageUploaded uploadedEvent(List<ConsumerRecord<String, String>> records, String id) {
        List<ImageEvent> events = records.stream()
                .filter(record -> record.key().equals(id))
                .map(record -> EventJson.fromBytes(record.value().getBytes(StandardCharsets.UTF_8)))
                .toList();
        assertThat(events).as("events keyed by %s", id).hasSize(1);
        assertThat(events.get(0)).isInstanceOf(ImageUploaded.class);
        return (ImageUploaded) events.get(0);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return HexFormat.of().formatHex(haystack).contains(HexFormat.of().formatHex(needle));
    }

    @Test
    void multipartUploadStoresEncryptedStrippedImage() throws Exception {
        byte[] original = ImageFixtures.jpegWithMetadata(6);
        Map<TopicPartition, Long> kafkaBefore = kafkaEndOffsets();
        Instant before = Instant.now();

        HttpResponse<String> response = postMultipart(original, FILENAME, "image/jpeg",
                Map.of("expiresIn", "PT10M", "maxViews", "5"), "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        String id = body.get("id").asString();
        String token = body.get("deleteToken").asString();
        assertThat(ImageId.tryParse(id)).isPresent();
        assertThat(response.headers().firstValue("Location")).hasValue("/i/" + id + ".jpg");
        assertThat(body.get("url").asString()).isEqualTo("/i/" + id + ".jpg");
        assertThat(body.get("pageUrl").asString()).isEqualTo("/v/" + id);
        assertThat(body.get("deleteUrl").asString()).isEqualTo("/api/images/" + id + "?token=" + token);
        assertThat(token).hasSize(43);
        assertThat(body.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(body.get("maxViews").asInt()).isEqualTo(5);
        // Orientation 6 turns the stored 67 x 45 pixels by 90 degrees for display.
        assertThat(body.get("width").asInt()).isEqualTo(ImageFixtures.JPEG_HEIGHT);
        assertThat(body.get("height").asInt()).isEqualTo(ImageFixtures.JPEG_WIDTH);
        Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(10)).minusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "url", "pageUrl", "deleteUrl",
                "deleteToken", "expiresAt", "contentType", "size", "width", "height", "maxViews");

        byte[] expected = expectedStoredBytes(original);
        assertThat(body.get("size").asLong()).isEqualTo(expected.length);

        Map<String, String> hash = imageHash(id);
        String objectKey = hash.get(ImageRecord.FIELD_OBJECT_KEY);
        assertThat(ObjectKey.parse(objectKey).imageId().value()).isEqualTo(id);
        byte[] ciphertext = objectBytes(objectKey);
        assertThat(contains(ciphertext, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}))
                .as("JPEG start of image in the stored object").isFalse();
        assertThat(contains(ciphertext, MetadataSamples.COMMENT.getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(contains(ciphertext, "JFIF".getBytes(StandardCharsets.US_ASCII))).isFalse();

        byte[] decrypted = decryptStoredObject(id);
        assertThat(decrypted).isEqualTo(expected);
        assertThat(contains(decrypted, MetadataSamples.CAMERA_MAKE.getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(contains(decrypted, MetadataSamples.COMMENT.getBytes(StandardCharsets.US_ASCII))).isFalse();

        assertThat(hash.get(ImageRecord.FIELD_CONTENT_TYPE)).isEqualTo("image/jpeg");
        assertThat(hash.get(ImageRecord.FIELD_EXTENSION)).isEqualTo("jpg");
        assertThat(hash.get(ImageRecord.FIELD_MAX_VIEWS)).isEqualTo("5");
        assertThat(hash.get(ImageRecord.FIELD_VIEWS)).isEqualTo("0");
        assertThat(hash.get(ImageRecord.FIELD_EXPIRES_AT)).isEqualTo(Long.toString(expiresAt.toEpochMilli()));
        assertThat(DeleteToken.matches(token, hash.get(ImageRecord.FIELD_DELETE_TOKEN_HASH))).isTrue();
        assertThat(hash.values()).noneMatch(value -> value.contains(token));

        long ttlMillis = redis.getExpire("img:" + id, TimeUnit.MILLISECONDS);
        long untilExpiry = Duration.between(Instant.now(), expiresAt).toMillis();
        assertThat(ttlMillis).isBetween(untilExpiry - 2_000, untilExpiry + 1_000);

        StatObjectResponse stat = stat(objectKey);
        assertThat(stat.contentType()).isEqualTo(ImageStore.OBJECT_CONTENT_TYPE);
        assertThat(stat.userMetadata()).isEmpty();
        assertThat(stat.size()).isEqualTo(ciphertext.length);

        ImageUploaded event = uploadedEvent(eventsSince(kafkaBefore), id);
        assertThat(event.objectKey()).isEqualTo(objectKey);
        assertThat(event.contentType()).isEqualTo("image/jpeg");
        assertThat(event.sizeBytes()).isEqualTo(expected.length);
        assertThat(event.expiresAt()).isEqualTo(expiresAt);
        assertThat(event.uploadedAt()).isEqualTo(
                Instant.ofEpochMilli(Long.parseLong(hash.get(ImageRecord.FIELD_UPLOADED_AT))));
        assertThat(event.maxViews()).isEqualTo(5);

        assertThat(filesInTempDirectory()).as("temporary files left behind").isZero();
    }

    @Test
    void rawUploadStoresEncryptedStrippedImage() throws Exception {
        byte[] original = ImageFixtures.pngWithMetadata(1);
        Map<TopicPartition, Long> kafkaBefore = kafkaEndOffsets();

        HttpResponse<String> response = postRaw(original, "image/png", "?expiresIn=120");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        String id = body.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/i/" + id + ".png");
        assertThat(body.get("contentType").asString()).isEqualTo("image/png");
        assertThat(body.get("width").asInt()).isEqualTo(ImageFixtures.PNG_WIDTH);
        assertThat(body.get("height").asInt()).isEqualTo(ImageFixtures.PNG_HEIGHT);
        assertThat(body.get("maxViews").isNull()).isTrue();
        assertThat(imageHash(id)).doesNotContainKey(ImageRecord.FIELD_MAX_VIEWS);

        byte[] ciphertext = objectBytes(imageHash(id).get(ImageRecord.FIELD_OBJECT_KEY));
        assertThat(contains(ciphertext, new byte[] {(byte) 0x89, 'P', 'N', 'G'})).as("PNG signature").isFalse();
        assertThat(contains(ciphertext, "IHDR".getBytes(StandardCharsets.US_ASCII))).isFalse();
        byte[] decrypted = decryptStoredObject(id);
        assertThat(decrypted).isEqualTo(expectedStoredBytes(original));
        assertThat(contains(decrypted, MetadataSamples.TEXT_KEYWORD_VALUE.getBytes(StandardCharsets.US_ASCII)))
                .isFalse();

        long ttlMillis = redis.getExpire("img:" + id, TimeUnit.MILLISECONDS);
        assertThat(ttlMillis).isBetween(110_000L, 120_000L);

        ImageUploaded event = uploadedEvent(eventsSince(kafkaBefore), id);
        assertThat(event.maxViews()).isNull();
        assertThat(Duration.between(event.uploadedAt(), event.expiresAt())).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void curlDefaultContentTypeAccepted() {
        // curl --data-binary without -H sends application/x-www-form-urlencoded.
        HttpResponse<String> response = postRaw(ImageFixtures.gif(), "application/x-www-form-urlencoded",
                "?maxViews=1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("contentType").asString()).isEqualTo("image/gif");
        assertThat(json(response).get("maxViews").asInt()).isEqualTo(1);
    }

    @Test
    void missingContentTypeAccepted() {
        HttpResponse<String> response = postRaw(ImageFixtures.webpLossless(), null, "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("contentType").asString()).isEqualTo("image/webp");
    }

    @Test
    void declaredTypeIgnoredForStoredType() {
        HttpResponse<String> response = postMultipart(ImageFixtures.png(), "picture.gif", "image/gif", Map.of(), "");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("contentType").asString()).isEqualTo("image/png");
        assertThat(json(response).get("url").asString()).endsWith(".png");
    }

    @Test
    void deletedMetadataLeavesUndecryptableBytes() throws Exception {
        HttpResponse<String> response = postRaw(ImageFixtures.jpeg(), "image/jpeg", "");
        String id = json(response).get("id").asString();
        String objectKey = imageHash(id).get(ImageRecord.FIELD_OBJECT_KEY);
        byte[] ciphertext = objectBytes(objectKey);

        assertThat(deleteWithHeader(id, json(response).get("deleteToken").asString()).statusCode()).isEqualTo(204);

        assertThat(imageHash(id)).isEmpty();
        assertThat(objectKeys()).as("the object stays until expiry-service removes it").contains(objectKey);
        // Without the wrapped data key from img:{id}, any other key of the same image fails to decrypt the bytes.
        ImageEncryption.DataKey otherKey = encryption.newDataKey(ImageId.parse(id));
        assertThatThrownBy(() -> otherKey.decrypting(new ByteArrayInputStream(ciphertext)).readAllBytes())
                .isInstanceOf(IOException.class);
    }

    @Test
    void nothingPersonalStoredOrLogged(CapturedOutput output) throws Exception {
        Map<TopicPartition, Long> kafkaBefore = kafkaEndOffsets();
        int logStart = output.getAll().length();

        HttpResponse<String> multipart = postMultipart(ImageFixtures.jpegWithMetadata(1), FILENAME, "image/jpeg",
                Map.of(), "?maxViews=2");
        HttpResponse<String> raw = postRaw(ImageFixtures.png(), "image/png", "");
        HttpResponse<String> rejected = postMultipart(ImageFixtures.svgWithScript(), "drawing.svg");
        assertThat(multipart.statusCode()).isEqualTo(201);
        assertThat(raw.statusCode()).isEqualTo(201);
        assertThat(rejected.statusCode()).isEqualTo(415);
        String token = json(multipart).get("deleteToken").asString();
        String id = json(multipart).get("id").asString();
        assertThat(deleteWithHeader(json(raw).get("id").asString(), json(raw).get("deleteToken").asString())
                .statusCode()).isEqualTo(204);

        List<String> forbidden = List.of(CLIENT_ADDRESS, FILENAME, "secret-holiday", USER_AGENT, "private-device",
                "drawing.svg", token);

        for (String key : imageKeys()) {
            Map<String, String> hash = imageHash(key.substring("img:".length()));
            for (String value : hash.values()) {
                assertThat(value).as("field of %s", key).doesNotContain(forbidden);
            }
        }
        assertThat(imageHash(id)).isNotEmpty();

        List<ConsumerRecord<String, String>> records = eventsSince(kafkaBefore);
        assertThat(records).hasSize(3);
        for (ConsumerRecord<String, String> record : records) {
            assertThat(record.topic()).isEqualTo(Topics.IMAGE_EVENTS);
            assertThat(record.value()).doesNotContain(forbidden);
            assertThat(record.key()).doesNotContain(forbidden);
            record.headers().forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                    .doesNotContain(forbidden));
        }

        String objectKey = imageHash(id).get(ImageRecord.FIELD_OBJECT_KEY);
        StatObjectResponse stat = stat(objectKey);
        assertThat(stat.userMetadata()).isEmpty();
        assertThat(stat.contentType()).isEqualTo(ImageStore.OBJECT_CONTENT_TYPE);
        stat.headers().forEach(header -> assertThat(header.getSecond()).doesNotContain(forbidden));
        assertThat(objectKeys()).allSatisfy(key -> assertThat(key).doesNotContain(forbidden));

        String log = output.getAll().substring(logStart);
        assertThat(log).contains("Stored image " + id);
        assertThat(log).contains("Rejected upload: unsupported_type");
        assertThat(log).doesNotContain(forbidden);
    }

    @Test
    void multipartWithoutFilePartRejected() {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nabc\r\n--" + boundary + "--\r\n";
        Snapshot before = snapshot();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/images"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(problemDetail(response, 400)).contains("no part named 'file'");
        assertNothingAddedSince(before);
    }

    @Test
    void producerIdempotentWithAcksAll() {
        Map<String, Object> config = producerFactory.getConfigurationProperties();

        assertThat(config.get(ProducerConfig.ACKS_CONFIG)).hasToString("all");
        assertThat(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");
        assertThat(config.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG))
                .isEqualTo(dev.temppic.model.json.ImageEventSerializer.class);
    }

    @Test
    void metricsCountOutcomes() {
        double storedBefore = meterRegistry.counter("temppic.uploads", "outcome", "stored").count();
        double unsupportedBefore = meterRegistry.counter("temppic.uploads", "outcome", "unsupported_type").count();
        long sizesBefore = meterRegistry.summary("temppic.upload.size").count();

        postRaw(ImageFixtures.png(), "image/png", "");
        postRaw(ImageFixtures.svgWithScript(), "image/svg+xml", "");

        assertThat(meterRegistry.counter("temppic.uploads", "outcome", "stored").count()).isEqualTo(storedBefore + 1);
        assertThat(meterRegistry.counter("temppic.uploads", "outcome", "unsupported_type").count())
                .isEqualTo(unsupportedBefore + 1);
        assertThat(meterRegistry.summary("temppic.upload.size").count()).isEqualTo(sizesBefore + 1);
        assertThat(meterRegistry.timer("temppic.upload.duration", "outcome", "stored").count()).isPositive();
    }
}
