package dev.temppic.serving.it;

import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.keys.RedisKeys;
import dev.temppic.serving.support.EventProbe;
import dev.temppic.serving.support.Http;
import dev.temppic.serving.support.ImageFixture;
import dev.temppic.serving.support.ServingInstance;
import dev.temppic.serving.support.StoredImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** View counting in Redis and the events it publishes, against real Kafka, Redis and S3 store. */
@ExtendWith(TempPicInfraExtension.class)
class ViewLimitIT {

    private static final Duration DAY = Duration.ofHours(24);
    private static final int PARALLEL_REQUESTS = 50;

    private static ServingInstance serving;
    private static ImageFixture images;
    private static EventProbe events;

    @BeforeAll
    static void start() {
        serving = ServingInstance.start();
        images = new ImageFixture(TempPicInfraExtension.connection());
        events = new EventProbe(TempPicInfraExtension.connection());
    }

    @AfterAll
    static void stop() {
        if (events != null) {
            events.close();
        }
        if (images != null) {
            images.close();
        }
        if (serving != null) {
            serving.close();
        }
    }

    @Test
    void burnAfterReadRaceHasOneWinner() throws Exception {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, 1);
        // Warm the metadata cache, so that all requests race on the view counter rather than on Redis reads.
        assertThat(Http.head(serving.uri(image.path())).statusCode()).isEqualTo(200);

        List<HttpResponse<byte[]>> responses = getInParallel(image, PARALLEL_REQUESTS);

        List<HttpResponse<byte[]>> successes = responses.stream().filter(r -> r.statusCode() == 200).toList();
        long notFound = responses.stream().filter(r -> r.statusCode() == 404).count();
        assertThat(successes).hasSize(1);
        assertThat(notFound).isEqualTo(PARALLEL_REQUESTS - 1);
        assertThat(successes.get(0).body()).isEqualTo(image.bytes());
        assertThat(images.redis().exists(RedisKeys.image(image.id()))).isZero();

        List<ImageEvent> deletions = events.await(deletionRequestedFor(image), 1, Duration.ofSeconds(10));
        assertThat(deletions).hasSize(1);
        ImageDeletionRequested deletion = (ImageDeletionRequested) deletions.get(0);
        assertThat(deletion.reason()).isEqualTo(DeletionRequestReason.VIEW_LIMIT_REACHED);
        assertThat(deletion.objectKey()).isEqualTo(image.record().objectKey().value());
        assertThat(events.collect(viewedFor(image), Duration.ofSeconds(2))).hasSize(1);
        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(404);
    }

    @Test
    void eachCountedViewPublishesViewed() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, null);

        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(200);
        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(200);
        assertThat(Http.get(serving.uri(image.path()), "Range", "bytes=0-9").statusCode()).isEqualTo(206);
        // Not counted: a continuation range, a HEAD and a 304.
        assertThat(Http.get(serving.uri(image.path()), "Range", "bytes=10-19").statusCode()).isEqualTo(206);
        assertThat(Http.head(serving.uri(image.path())).statusCode()).isEqualTo(200);
        assertThat(Http.get(serving.uri(image.path()), "If-None-Match", image.etag()).statusCode())
                .isEqualTo(304);

        assertThat(events.await(viewedFor(image), 3, Duration.ofSeconds(10))).hasSize(3);
        assertThat(events.collect(viewedFor(image), Duration.ofSeconds(2))).hasSize(3);
        assertThat(images.views(image)).isEqualTo(3);
        assertThat(events.collect(deletionRequestedFor(image), Duration.ZERO)).isEmpty();
    }

    @Test
    void lastOfSeveralViewsDeletes() {
        StoredImage image = images.storeJpeg(serving.clock().instant(), DAY, 3);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(Http.get(serving.uri(image.path())).statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 404);
        assertThat(events.await(viewedFor(image), 3, Duration.ofSeconds(10))).hasSize(3);
        assertThat(events.await(deletionRequestedFor(image), 1, Duration.ofSeconds(10))).hasSize(1);
        assertThat(images.redis().exists(RedisKeys.image(image.id()))).isZero();
    }

    @Test
    void viewLimitedImageIgnoresRange() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, 5);

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()), "Range", "bytes=100-199");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("none");
        assertThat(response.body()).isEqualTo(image.bytes());
        assertThat(images.views(image)).isEqualTo(1);
    }

    @Test
    void viewLimitedImageIsNeverCached() {
        StoredImage image = images.storePng(serving.clock().instant(), DAY, 5);

        HttpResponse<byte[]> response = Http.get(serving.uri(image.path()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private List<HttpResponse<byte[]>> getInParallel(StoredImage image, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return Http.get(serving.uri(image.path()));
                }));
            }
            start.countDown();
            List<HttpResponse<byte[]>> responses = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Predicate<ImageEvent> viewedFor(StoredImage image) {
        return event -> event instanceof ImageViewed && event.imageId().equals(image.id());
    }

    private static Predicate<ImageEvent> deletionRequestedFor(StoredImage image) {
        return event -> event instanceof ImageDeletionRequested && event.imageId().equals(image.id());
    }
}
