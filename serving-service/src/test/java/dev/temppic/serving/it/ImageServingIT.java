package dev.temppic.serving.it;

import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.RedisKeys;
import dev.temppic.serving.error.ProblemResponses;
import dev.temppic.serving.support.Http;
import dev.temppic.serving.support.ImageFixture;
import dev.temppic.serving.support.ServingInstance;
import dev.temppic.serving.support.StoredImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Share links, metadata and stats of one serving instance against real Kafka, Redis and S3 store. */
@ExtendWith(TempPicInfraExtension.class)
class ImageServingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DAY = Duration.ofHours(24);

    private static ServingInstance serving;
    private static ImageFixture images;

    @BeforeAll
    static void start() {
        serving = ServingInstance.start();
        images = new ImageFixture(TempPicInfraExtension.connection());
    }

    @AfterAll
    static void stop() {
        if (images != null) {
            images.close();
        }
        if (serving != null) {
            serving.close();
        }
    }

    @BeforeEach
    void resetClock() {
        serving.clock().set(Instant.ofEpochMilli(System.currentTimeMillis()));
    }

    @Test
    void pngBytesAndHeaders() {
        Instant now = serving.clock().instant();
        StoredImage image = images.storePng(now, Duration.ofSeconds(600), null);

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(image.bytes());
        assertThat(header(response, "Content-Type")).isEqualTo("image/png");
        assertThat(header(response, "Content-Length")).isEqualTo(Long.toString(image.bytes().length));
        assertThat(header(response, "ETag")).isEqualTo(image.etag());
        assertThat(header(response, "Cache-Control")).isEqualTo("private, max-age=600");
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(response, "Content-Security-Policy")).isEqualTo("default-src 'none'; sandbox");
        assertThat(header(response, "Content-Disposition"))
                .isEqualTo("inline; filename=\"" + image.id().value() + ".png\"");
        assertThat(header(response, "Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(header(response, "Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
        assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
    }

    @Test
    void jpegWithoutExtension() {
        StoredImage image = images.storeJpeg(serving.clock().instant(), DAY, null);

        HttpResponse<byte[]> response = Http.get(serving.uri("/i/" + image.id().value()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(image.bytes());
        assertThat(header(response, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(header(response, "Content-Disposition"))
                .isEqualTo("inline; filename=\"" + image.id().value() + ".jpg\"");
    }

    @Test
    void cacheControlNeverExceedsLifetimeLeft() {
        Instant uploadedAt = serving.clock().instant();
        StoredImage image = images.storePng(uploadedAt, Duration.ofSeconds(120), null);
        serving.clock().set(uploadedAt.plusMillis(100_500));

        HttpResponse<byte[]> response = Http.head(serving.uri(image.path()));

        // 19.5 s left: rounded down.
        assertThat(header(response, "Cache-Control")).isEqualTo("private, max-age=19");
    }

    @Test
    void rangeIsPartialContent() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);
        int size = image.bytes().length;

        HttpResponse<byte[]> middle = Http.get(serving.uri(image.path()), "Range", "bytes=10000-20999");
        HttpResponse<byte[]> suffix = Http.get(serving.uri(image.path()), "Range", "bytes=-100");

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(header(middle, "Content-Range")).isEqualTo("bytes 10000-20999/" + size);
        assertThat(header(middle, "Content-Length")).isEqualTo("11000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(image.bytes(), 10000, 21000));
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(header(suffix, "Content-Range")).isEqualTo("bytes " + (size - 100) + "-" + (size - 1) + "/" + size);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(image.bytes(), size - 100, size));
    }

    @Test
    void rangeCountsViewOnlyFromFirstByte() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);

        Http.get(serving.uri(image.path()), "Range", "bytes=100-199");
        assertThat(images.views(image)).isZero();
        Http.get(serving.uri(image.path()), "Range", "bytes=0-99");
        assertThat(images.views(image)).isEqualTo(1);
    }

    @Test
    void unsatisfiableRangeIs416() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);
        int size = image.bytes().length;

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()), "Range", "bytes=" + size + "-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(header(response, "Content-Range")).isEqualTo("bytes */" + size);
        assertThat(images.views(image)).isZero();
    }

    @Test
    void multipleRangesServeWholeImage() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()), "Range", "bytes=0-9,20-29");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(image.bytes());
    }

    @Test
    void staleIfRangeServesWholeImage() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);

        HttpResponse<byte[]> stale = Http.get(serving.uri(image.path()), "Range", "bytes=10-19",
                "If-Range", "\"something-else\"");
        HttpResponse<byte[]> current = Http.get(serving.uri(image.path()), "Range", "bytes=10-19",
                "If-Range", image.etag());

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(image.bytes());
        assertThat(current.statusCode()).isEqualTo(206);
    }

    @Test
    void matchingEtagIsNotModified() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()), "If-None-Match", image.etag());

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(header(response, "ETag")).isEqualTo(image.etag());
        assertThat(header(response, "Cache-Control")).startsWith("private, max-age=");
        assertThat(images.views(image)).isZero();
    }

    @Test
    void headSendsHeadersWithoutReadingStore() throws Exception {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);
        images.removeObject(image);

        HttpResponse<byte[]> head = Http.head(serving.uri(image.path()));
        HttpResponse<byte[]> get = Http.get(serving.uri(image.path()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).isEqualTo(Long.toString(image.bytes().length));
        assertThat(header(head, "Content-Type")).isEqualTo("image/png");
        assertThat(header(head, "ETag")).isEqualTo(image.etag());
        assertThat(images.views(image)).isZero();
        // The GET needs the object, which is gone.
        assertThat(get.statusCode()).isEqualTo(404);
    }

    @Test
    void wrongExtensionIsNotFound() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);

        HttpResponse<byte[]> response = Http.get(serving.uri("/i/" + image.id().value() + ".jpg"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(images.views(image)).isZero();
    }

    @Test
    void expiresToTheSecond() {
        Instant uploadedAt = serving.clock().instant();
        StoredImage image = images.storePng(uploadedAt, Duration.ofSeconds(60), null);

        serving.clock().set(uploadedAt.plusSeconds(59));
        HttpResponse<byte[]> at59 = Http.get(serving.uri(image.path()));
        serving.clock().set(uploadedAt.plusSeconds(60));
        HttpResponse<byte[]> at60 = Http.get(serving.uri(image.path()));
        serving.clock().set(uploadedAt.plusSeconds(61));
        HttpResponse<byte[]> at61 = Http.get(serving.uri(image.path()));
        HttpResponse<byte[]> headAt61 = Http.head(serving.uri(image.path()));
        HttpResponse<byte[]> metadataAt61 = Http.get(serving.uri("/api/images/" + image.id().value()));

        assertThat(at59.statusCode()).isEqualTo(200);
        assertThat(header(at59, "Cache-Control")).isEqualTo("private, max-age=1");
        assertThat(at60.statusCode()).isEqualTo(404);
        assertThat(at61.statusCode()).isEqualTo(404);
        assertThat(headAt61.statusCode()).isEqualTo(404);
        assertThat(metadataAt61.statusCode()).isEqualTo(404);
        // Redis still contains the key, because its real expiry is a minute away.
        assertThat(images.redis().exists(RedisKeys.image(image.id()))).isEqualTo(1);
    }

    @Test
    void missingImagesGetSameNotFound() {
        Instant uploadedAt = serving.clock().instant();
        StoredImage expired = images.storePng(uploadedAt, Duration.ofSeconds(60), null);
        StoredImage deleted = images.storePng(uploadedAt, DAY, null);
        images.removeRecord(deleted);
        serving.clock().set(uploadedAt.plusSeconds(61));

        List<String> paths = List.of(
                "/i/" + ImageId.random().value(),
                "/i/not-a-valid-id",
                "/i/" + expired.id().value(),
                "/i/" + deleted.id().value(),
                "/i/" + deleted.id().value() + "/extra");
        for (String path : paths) {
            HttpResponse<byte[]> response = Http.get(serving.uri(path));
            JsonNode problem = JSON.readTree(response.body());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(header(response, "Content-Type")).as(path).isEqualTo("application/problem+json");
            assertThat(problem.get("status").asInt()).as(path).isEqualTo(404);
            assertThat(problem.get("title").asString()).as(path).isEqualTo("Not Found");
            assertThat(problem.get("detail").asString()).as(path).isEqualTo(ProblemResponses.NOT_FOUND_DETAIL);
            assertThat(fieldNames(problem)).as(path).isSubsetOf("type", "title", "status", "detail", "instance");
            assertThat(header(response, "ETag")).as(path).isNull();
        }
    }

    @Test
    void notFoundIsProblemJsonForImageAccept() {
        HttpResponse<byte[]> response = Http.get(serving.uri("/i/" + ImageId.random().value()),
                "Accept", "image/avif,image/webp,*/*;q=0.8");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void malformedIdNeverReachesRedis() {
        images.redis().configResetstat();

        List<String> malformed = List.of("x", "not-a-valid-id.png", "AAAAAAAAAAAAAAAAAAAAAB",
                "AAAAAAAAAAAAAAAAAAAAAAA.png");
        for (String segment : malformed) {
            assertThat(Http.get(serving.uri("/i/" + segment)).statusCode()).as(segment).isEqualTo(404);
            assertThat(Http.head(serving.uri("/i/" + segment)).statusCode()).as(segment).isEqualTo(404);
            assertThat(Http.get(serving.uri("/api/images/" + segment)).statusCode()).as(segment).isEqualTo(404);
        }

        String commandStats = images.redis().info("commandstats");
        assertThat(commandStats).doesNotContain("cmdstat_hgetall", "cmdstat_evalsha", "cmdstat_eval",
                "cmdstat_hmget");
    }

    @Test
    void metadataOfUnlimitedImage() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);

        HttpResponse<byte[]> response = Http.get(serving.uri("/api/images/" + image.id().value()));
        JsonNode body = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        assertThat(header(response, "Cache-Control")).isEqualTo("no-store");
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("id", "url", "contentType", "size", "width",
                "height", "expiresAt", "maxViews", "viewsLeft");
        assertThat(body.get("id").asString()).isEqualTo(image.id().value());
        assertThat(body.get("url").asString()).isEqualTo(image.path());
        assertThat(body.get("contentType").asString()).isEqualTo("image/png");
        assertThat(body.get("size").asLong()).isEqualTo(image.bytes().length);
        assertThat(body.get("width").asInt()).isEqualTo(200);
        assertThat(body.get("height").asInt()).isEqualTo(120);
        assertThat(Instant.parse(body.get("expiresAt").asString())).isEqualTo(image.record().expiresAt());
        assertThat(body.get("maxViews").isNull()).isTrue();
        assertThat(body.get("viewsLeft").isNull()).isTrue();
        assertThat(Http.text(response)).doesNotContain(image.record().wrappedDataKey(),
                image.record().deleteTokenHash(), image.record().objectKey().value());
    }

    @Test
    void metadataViewsLeftCountsDown() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, 2);
        String metadataPath = "/api/images/" + image.id().value();

        long before = JSON.readTree(Http.get(serving.uri(metadataPath)).body()).get("viewsLeft").asLong();
        Http.get(serving.uri(image.path()));
        long after = JSON.readTree(Http.get(serving.uri(metadataPath)).body()).get("viewsLeft").asLong();
        Http.get(serving.uri(image.path()));
        int statusAfterLastView = Http.get(serving.uri(metadataPath)).statusCode();

        assertThat(before).isEqualTo(2);
        assertThat(after).isEqualTo(1);
        assertThat(statusAfterLastView).isEqualTo(404);
    }

    @Test
    void statsOfLastDay() {
        // A fixed hour far from today, so counters of other tests cannot interfere.
        Instant now = Instant.parse("2041-03-05T10:17:00Z");
        serving.clock().set(now);
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        images.redis().hset(RedisKeys.stats(currentHour), Map.of("uploads", "3", "views", "10", "bytes", "2048"));
        images.redis().hset(RedisKeys.stats(currentHour.minus(23, ChronoUnit.HOURS)),
                Map.of("uploads", "1", "deletions.VIEW_LIMIT_REACHED", "4"));
        images.redis().hset(RedisKeys.stats(currentHour.minus(24, ChronoUnit.HOURS)), Map.of("uploads", "100"));

        HttpResponse<byte[]> response = Http.get(serving.uri("/api/stats"));
        JsonNode body = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Cache-Control")).isEqualTo("max-age=60, public");
        assertThat(body.get("hours").size()).isEqualTo(24);
        assertThat(Instant.parse(body.get("from").asString())).isEqualTo(currentHour.minus(23, ChronoUnit.HOURS));
        assertThat(Instant.parse(body.get("to").asString())).isEqualTo(currentHour.plus(1, ChronoUnit.HOURS));
        assertThat(Instant.parse(body.get("hours").get(23).get("hour").asString())).isEqualTo(currentHour);
        assertThat(body.get("hours").get(23).get("counters").get("views").asLong()).isEqualTo(10);
        assertThat(body.get("hours").get(1).get("counters").size()).isZero();
        assertThat(body.get("totals").get("uploads").asLong()).isEqualTo(4);
        assertThat(body.get("totals").get("views").asLong()).isEqualTo(10);
        assertThat(body.get("totals").get("bytes").asLong()).isEqualTo(2048);
        assertThat(body.get("totals").get("deletions.VIEW_LIMIT_REACHED").asLong()).isEqualTo(4);
    }

    @Test
    void tamperedStreamedObjectAbortsResponse() throws Exception {
        // View-limited images are never cached but streamed.
        StoredImage image = images.storePng(serving.clock().instant(), DAY, 5);
        byte[] tampered = image.ciphertext().clone();
        // Near the end: the response is committed long before the altered segment is decrypted.
        tampered[tampered.length - 100] ^= 1;
        images.putObject(image.record().objectKey().value(), tampered);

        assertThatThrownBy(() -> Http.get(serving.uri(image.path())))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void tamperedEndOfCachedImageIsServerError() throws Exception {
        // Cacheable images are decrypted whole before the response starts, so even a late segment fails cleanly.
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);
        byte[] tampered = image.ciphertext().clone();
        tampered[tampered.length - 100] ^= 1;
        images.putObject(image.record().objectKey().value(), tampered);

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("detail").asString())
                .isEqualTo(ProblemResponses.UNREADABLE_DETAIL);
        assertThat(images.views(image)).isZero();
    }

    @Test
    void tamperedFirstSegmentIsServerError() throws Exception {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);
        byte[] tampered = image.ciphertext().clone();
        tampered[100] ^= 1;
        images.putObject(image.record().objectKey().value(), tampered);

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("detail").asString())
                .isEqualTo(ProblemResponses.UNREADABLE_DETAIL);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }
}
