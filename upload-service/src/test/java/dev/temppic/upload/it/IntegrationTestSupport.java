package dev.temppic.upload.it;

import dev.temppic.infra.ConnectionInfo;
import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.model.events.Topics;
import dev.temppic.model.keys.StoreNames;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the whole service on a random port of 127.0.0.1, connected to real Kafka, Redis and
 * S3Proxy from {@link TempPicInfraExtension}, and plain clients that look into those servers. Every subclass shares
 * one Spring context.
 */
@ExtendWith({TempPicInfraExtension.class, OutputCaptureExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IntegrationTestSupport {

    /** The upload limit in these tests, small enough to send one byte over it quickly. */
    static final int MAX_BYTES = 1024 * 1024;

    /** A user agent that must never reach any store or log. */
    static final String USER_AGENT = "TempPicTestAgent/4.2 (private-device-name)";

    static final String MASTER_KEY = newMasterKey();

    static final Path TEMP_DIRECTORY = newTempDirectory();

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static KafkaConsumer<String, String> consumer;
    private static List<TopicPartition> partitions;

    @LocalServerPort
    int port;

    @Autowired
    MinioClient minio;

    @Autowired
    StringRedisTemplate redis;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TempPicInfraExtension.registerSpringProperties(registry::add);
        registry.add("temppic.crypto.master-key", () -> MASTER_KEY);
        registry.add("temppic.upload.max-size", () -> MAX_BYTES + "B");
        registry.add("temppic.upload.temp-directory", TEMP_DIRECTORY::toString);
        registry.add("temppic.upload.retry-after", () -> "7s");
    }

    @BeforeAll
    static void startConsumer() {
        ConnectionInfo connection = TempPicInfraExtension.connection();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.kafkaBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config);
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.IMAGE_EVENTS, Duration.ofSeconds(30));
        partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
    }

    @AfterAll
    static void stopConsumer() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
        }
    }

    private static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Creates the service's temporary-file directory under {@code target/}, so {@code mvn clean} removes it. */
    private static Path newTempDirectory() {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target)
                    ? Files.createTempDirectory(target.toAbsolutePath(), "upload-it-")
                    : Files.createTempDirectory("upload-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // HTTP

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("User-Agent", USER_AGENT).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code image} as the multipart part {@code file} with the given filename, plus form fields. */
    HttpResponse<String> postMultipart(byte[] image, String filename, String partType, Map<String, String> fields,
                                       String query) {
        String boundary = "----TempPicBoundary" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"" + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/api/images" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    HttpResponse<String> postMultipart(byte[] image, String filename) {
        return postMultipart(image, filename, "application/octet-stream", Map.of(), "");
    }

    /** Posts {@code image} as the raw body with the given Content-Type, or none when null. */
    HttpResponse<String> postRaw(byte[] image, String contentType, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/images" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(image));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    HttpResponse<String> deleteWithHeader(String id, String token) {
        return send(HttpRequest.newBuilder(uri("/api/images/" + id)).header("X-Delete-Token", token).DELETE());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Checks that the response is a problem body with {@code status} and returns its detail. */
    static String problemDetail(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem.get("detail").asString();
    }

    // Store, Redis and Kafka as seen from outside the service

    Set<String> objectKeys() {
        Set<String> keys = new TreeSet<>();
        for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder()
                .bucket(StoreNames.BUCKET).recursive(true).build())) {
            try {
                keys.add(result.get().objectName());
            } catch (Exception e) {
                throw new IllegalStateException("Listing the bucket failed", e);
            }
        }
        return keys;
    }

    byte[] objectBytes(String objectKey) {
        try (InputStream in = minio.getObject(GetObjectArgs.builder()
                .bucket(StoreNames.BUCKET).object(objectKey).build())) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("Reading object " + objectKey + " failed", e);
        }
    }

    StatObjectResponse stat(String objectKey) {
        try {
            return minio.statObject(StatObjectArgs.builder().bucket(StoreNames.BUCKET).object(objectKey).build());
        } catch (Exception e) {
            throw new IllegalStateException("Reading the metadata of object " + objectKey + " failed", e);
        }
    }

    Set<String> imageKeys() {
        return new TreeSet<>(redis.keys("img:*"));
    }

    Map<String, String> imageHash(String id) {
        Map<String, String> hash = new HashMap<>();
        redis.opsForHash().entries("img:" + id).forEach((field, value) -> hash.put((String) field, (String) value));
        return hash;
    }

    /** End offsets of every partition of the events topic: the position after the newest record. */
    static Map<TopicPartition, Long> kafkaEndOffsets() {
        return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    }

    /** Reads every event record published after {@code start}, up to the current end of each partition. */
    static List<ConsumerRecord<String, String>> eventsSince(Map<TopicPartition, Long> start) {
        Map<TopicPartition, Long> end = kafkaEndOffsets();
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            long from = start.getOrDefault(partition, 0L);
            long to = end.get(partition);
            if (to <= from) {
                continue;
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumer.position(partition) < to && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < to) {
                        records.add(record);
                    }
                }
            }
        }
        consumer.assign(partitions);
        return records;
    }

    /** What the servers hold before a request, to show afterwards that a rejected request added nothing. */
    record Snapshot(Set<String> objects, Set<String> images, Map<TopicPartition, Long> kafkaEnd) {
    }

    Snapshot snapshot() {
        return new Snapshot(objectKeys(), imageKeys(), kafkaEndOffsets());
    }

    void assertNothingAddedSince(Snapshot before) {
        assertThat(objectKeys()).as("objects in the store").isEqualTo(before.objects());
        assertThat(imageKeys()).as("img:* keys in Redis").isEqualTo(before.images());
        assertThat(eventsSince(before.kafkaEnd())).as("records on " + Topics.IMAGE_EVENTS).isEmpty();
    }

    long filesInTempDirectory() {
        try (var files = Files.list(TEMP_DIRECTORY)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
