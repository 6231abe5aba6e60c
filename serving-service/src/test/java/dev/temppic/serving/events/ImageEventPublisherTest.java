package dev.temppic.serving.events;

import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageViewed;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.ImageId;
import dev.temppic.serving.ServingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ImageEventPublisherTest {

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, ImageEvent> kafka = mock(KafkaTemplate.class);
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final ImageId id = ImageId.random();
    private ImageEventPublisher publisher;

    @AfterEach
    void stopPublisher() throws InterruptedException {
        if (publisher != null) {
            publisher.destroy();
        }
    }

    @Test
    void sendsViewedKeyedByImageId() {
        publisher = publisher(10);
        when(kafka.send(eq(Topics.IMAGE_EVENTS), eq(id.value()), any())).thenReturn(new CompletableFuture<>());

        publisher.viewed(id, Instant.now());

        verify(kafka, timeout(2000)).send(eq(Topics.IMAGE_EVENTS), eq(id.value()), any(ImageViewed.class));
    }

    @Test
    void countsFailedDelivery() {
        publisher = publisher(10);
        when(kafka.send(any(), any(), any()))
                .thenReturn(CompletableFuture.failedFuture(new TimeoutException("delivery timed out")));

        publisher.viewed(id, Instant.now());

        await().atMost(Duration.ofSeconds(2)).until(() -> dropped("ImageViewed") == 1.0);
    }

    @Test
    void countsSendThatThrows() {
        publisher = publisher(10);
        when(kafka.send(any(), any(), any())).thenThrow(new TimeoutException("metadata not available"));

        publisher.viewed(id, Instant.now());

        await().atMost(Duration.ofSeconds(2)).until(() -> dropped("ImageViewed") == 1.0);
    }

    @Test
    void publishNeverBlocksAndCountsOverflow() throws InterruptedException {
        publisher = publisher(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch sending = new CountDownLatch(1);
        when(kafka.send(any(), any(), any())).thenAnswer(invocation -> {
            sending.countDown();
            release.await();
            return new CompletableFuture<SendResult<String, ImageEvent>>();
        });

        publisher.viewed(id, Instant.now());
        assertThat(sending.await(2, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        publisher.viewed(id, Instant.now());
        publisher.viewed(id, Instant.now());
        publisher.viewed(id, Instant.now());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();

        assertThat(elapsedMillis).isLessThan(500);
        // One event is being sent, one fits the queue, two overflow.
        assertThat(dropped("ImageViewed")).isEqualTo(2.0);
    }

    private ImageEventPublisher publisher(int queueCapacity) {
        return new ImageEventPublisher(kafka, meterRegistry,
                new ServingProperties(null, null, null, queueCapacity, null, null, null));
    }

    private double dropped(String type) {
        Counter counter = meterRegistry.find(ImageEventPublisher.DROPPED_METRIC).tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }
}
