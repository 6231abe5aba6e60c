package dev.temppic.upload.it;

import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.json.EventJson;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.upload.fixtures.ImageFixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class DeletionIntegrationTest extends IntegrationTestSupport {

    private JsonNode upload() {
        HttpResponse<String> response = postRaw(ImageFixtures.png(), "image/png", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static List<ImageEvent> eventsFor(String id, Map<TopicPartition, Long> since) {
        return eventsSince(since).stream()
                .filter(record -> record.key().equals(id))
                .map(ConsumerRecord::value)
                .map(value -> EventJson.fromBytes(value.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** The parts of a problem body that must not differ between the kinds of 404. */
    private static String withoutInstance(HttpResponse<String> response) {
        JsonNode problem = json(response);
        return problem.get("status").asInt() + "|" + problem.get("title").asString() + "|"
                + problem.path("type").asString("") + "|" + problem.get("detail").asString();
    }

    @Test
    void rightTokenInHeaderDeletes() {
        JsonNode image = upload();
        String id = image.get("id").asString();
        String objectKey = imageHash(id).get(ImageRecord.FIELD_OBJECT_KEY);
        Map<TopicPartition, Long> kafkaBefore = kafkaEndOffsets();

        HttpResponse<String> response = deleteWithHeader(id, image.get("deleteToken").asString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(redis.hasKey("img:" + id)).isFalse();
        List<ImageEvent> events = eventsFor(id, kafkaBefore);
        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isInstanceOfSatisfying(ImageDeletionRequested.class, event -> {
            assertThat(event.imageId()).isEqualTo(ImageId.parse(id));
            assertThat(event.objectKey()).isEqualTo(objectKey);
            assertThat(event.reason()).isEqualTo(DeletionRequestReason.USER_REQUESTED);
        });
    }

    @Test
    void deleteUrlFromResponseDeletes() {
        JsonNode image = upload();
        String id = image.get("id").asString();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(image.get("deleteUrl").asString())).DELETE());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(redis.hasKey("img:" + id)).isFalse();
    }

    @Test
    void secondDeleteNotFound() {
        JsonNode image = upload();
        String id = image.get("id").asString();
        String token = image.get("deleteToken").asString();
        assertThat(deleteWithHeader(id, token).statusCode()).isEqualTo(204);
        Map<TopicPartition, Long> kafkaBefore = kafkaEndOffsets();

        problemDetail(deleteWithHeader(id, token), 404);
        assertThat(eventsFor(id, kafkaBefore)).isEmpty();
    }

    @Test
    void wrongUnknownAndMalformedIdentical() {
        JsonNode image = upload();
        String id = image.get("id").asString();
        Map<TopicPartition, Long> kafkaBefore = kafkaEndOffsets();

        HttpResponse<String> wrongToken = deleteWithHeader(id, "A".repeat(43));
        HttpResponse<String> unknownId = deleteWithHeader(ImageId.random().value(), image.get("deleteToken").asString());
        HttpResponse<String> malformedId = deleteWithHeader("not-an-id", image.get("deleteToken").asString());

        String detail = problemDetail(wrongToken, 404);
        assertThat(detail).contains("No image exists with this id and delete token");
        problemDetail(unknownId, 404);
        problemDetail(malformedId, 404);
        assertThat(withoutInstance(unknownId)).isEqualTo(withoutInstance(wrongToken));
        assertThat(withoutInstance(malformedId)).isEqualTo(withoutInstance(wrongToken));
        assertThat(redis.hasKey("img:" + id)).as("image after failed deletions").isTrue();
        assertThat(eventsSince(kafkaBefore)).isEmpty();
    }

    @Test
    void missingTokenBadRequest() {
        JsonNode image = upload();
        String id = image.get("id").asString();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/images/" + id)).DELETE());

        assertThat(problemDetail(response, 400)).contains("X-Delete-Token");
        assertThat(redis.hasKey("img:" + id)).isTrue();
    }

    @Test
    void concurrentDeletesPublishOnce() throws Exception {
        JsonNode image = upload();
        String id = image.get("id").asString();
        String token = image.get("deleteToken").asString();
        Map<TopicPartition, Long> kafkaBefore = kafkaEndOffsets();
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Integer>> deletions = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return deleteWithHeader(id, token).statusCode();
                }))
                .toList();
        start.countDown();
        List<Integer> statuses = deletions.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(204, 404);
        assertThat(statuses).filteredOn(status -> status == 204).hasSize(1);
        assertThat(eventsFor(id, kafkaBefore)).hasSize(1);
    }
}
