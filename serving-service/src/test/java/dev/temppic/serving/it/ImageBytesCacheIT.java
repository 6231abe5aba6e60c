package dev.temppic.serving.it;

import dev.temppic.infra.junit.TempPicInfraExtension;
import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.serving.support.EventProbe;
import dev.temppic.serving.support.Http;
import dev.temppic.serving.support.ImageFixture;
import dev.temppic.serving.support.Resources;
import dev.temppic.serving.support.ServingInstance;
import dev.temppic.serving.support.StoredImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-process cache of decrypted images against real Kafka, Redis and S3 store. Removing the object from the
 * store shows whether a response came from memory.
 */
@ExtendWith(TempPicInfraExtension.class)
class ImageBytesCacheIT {

    private static final Duration DAY = Duration.ofHours(24);

    private static ServingInstance serving;
    private static ImageFixture images;
    private static EventProbe events;

    @BeforeAll
    static void start() {
        serving = ServingInstance.start();
        images = new ImageFixture(TempPicInfraExtension.connection());
        events = new EventProbe(TempPicInfraExtension.connection());
        serving.awaitCacheEnabled();
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(events, images, serving);
    }

    @Test
    void cachedImageServedWithoutStore() throws Exception {
        StoredImage image = images.storePng(Instant.ofEpochMilli(System.currentTimeMillis()), DAY, null);
        HttpResponse<byte[]> first = Http.get(serving.uri(image.path()));

        images.removeObject(image);
        HttpResponse<byte[]> second = Http.get(serving.uri(image.path()));
        HttpResponse<byte[]> range = Http.get(serving.uri(image.path()), "Range", "bytes=10-19");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(image.bytes());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(image.bytes());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(image.bytes(), 10, 20));
        // Views are still counted in Redis and announced for every GET from byte 0.
        assertThat(images.views(image)).isEqualTo(2);
        assertThat(events.await(event -> event instanceof ImageViewed && event.imageId().equals(image.id()), 2,
                Duration.ofSeconds(10))).hasSize(2);
    }

    @Test
    void deletionEventRemovesCachedImage() throws Exception {
        StoredImage image = images.storePng(Instant.ofEpochMilli(System.currentTimeMillis()), DAY, null);
        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(200);
        images.removeObject(image);

        // The record stays in Redis, so only the event can make this instance drop the image.
        events.publish(new ImageDeletionRequested(UUID.randomUUID(), image.id(),
                image.record().objectKey().value(), DeletionRequestReason.USER_REQUESTED, Instant.now()));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> Http.get(serving.uri(image.path())).statusCode() == 404);
    }

    @Test
    void deletedRecordEndsCachedViewsAtOnce() throws Exception {
        StoredImage image = images.storePng(Instant.ofEpochMilli(System.currentTimeMillis()), DAY, null);
        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(200);

        // A delete request removes img:{id} before its event arrives, and the view count script finds the key missing.
        images.removeRecord(image);

        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(404);
    }

    @Test
    void viewLimitedImageIsNotCached() throws Exception {
        StoredImage image = images.storePng(Instant.ofEpochMilli(System.currentTimeMillis()), DAY, 5);
        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(200);

        images.removeObject(image);

        assertThat(Http.get(serving.uri(image.path())).statusCode()).isEqualTo(404);
    }
}
