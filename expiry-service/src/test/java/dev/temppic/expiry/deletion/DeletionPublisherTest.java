package dev.temppic.expiry.deletion;

import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DeletionPublisherTest {

    private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, ImageEvent> kafka = mock(KafkaTemplate.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeletionPublisher publisher = new DeletionPublisher(kafka, new DeletionMetrics(registry));

    @Test
    void eventIdDependsOnlyOnObjectKey() {
        ObjectKey objectKey = ObjectKey.of(NOW, ImageId.random());

        ImageDeleted expired = DeletionPublisher.eventFor(objectKey, DeletionReason.EXPIRED, NOW, NOW.toEpochMilli());
        ImageDeleted swept = DeletionPublisher.eventFor(objectKey, DeletionReason.SWEPT, NOW.plusSeconds(60), 0);

        assertThat(expired.eventId()).isEqualTo(swept.eventId());
        assertThat(expired.eventId()).isNotEqualTo(
                DeletionPublisher.eventFor(ObjectKey.of(NOW, ImageId.random()), DeletionReason.EXPIRED, NOW, 0).eventId());
    }

    @Test
    void acknowledgedEventsAreCounted() {
        List<ImageDeleted> events = List.of(event(), event());
        when(kafka.send(eq(Topics.IMAGE_EVENTS), anyString(), any()))
                .thenReturn(CompletableFuture.completedFuture(mock(SendResult.class)));

        DeletionPublisher.PublishResult result = publisher.publish(events, Duration.ofSeconds(1));

        assertThat(result.unsent()).isEmpty();
        assertThat(result.firstError()).isNull();
        assertThat(registry.counter(DeletionMetrics.DELETIONS, "reason", "EXPIRED").count()).isEqualTo(2);
        assertThat(registry.timer(DeletionMetrics.LATENESS, "reason", "EXPIRED").count()).isEqualTo(2);
    }

    @Test
    void failedAcknowledgementIsUnsent() {
        List<ImageDeleted> events = List.of(event(), event());
        when(kafka.send(eq(Topics.IMAGE_EVENTS), anyString(), any()))
                .thenReturn(CompletableFuture.completedFuture(mock(SendResult.class)))
                .thenReturn(CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s)")));

        DeletionPublisher.PublishResult result = publisher.publish(events, Duration.ofSeconds(1));

        assertThat(result.unsent()).containsExactly(events.get(1));
        assertThat(result.firstError()).hasRootCauseInstanceOf(TimeoutException.class);
        assertThat(registry.counter(DeletionMetrics.DELETIONS, "reason", "EXPIRED").count()).isEqualTo(1);
    }

    @Test
    void blockedSendSkipsRemainingEvents() {
        List<ImageDeleted> events = List.of(event(), event(), event());
        when(kafka.send(eq(Topics.IMAGE_EVENTS), anyString(), any()))
                .thenThrow(new TimeoutException("Topic not present in metadata after 10000 ms"));

        DeletionPublisher.PublishResult result = publisher.publish(events, Duration.ofSeconds(1));

        assertThat(result.unsent()).containsExactlyElementsOf(events);
        verify(kafka, times(1)).send(eq(Topics.IMAGE_EVENTS), anyString(), any());
    }

    @Test
    void earlyDeletionHasZeroLateness() {
        ImageDeleted deleted = DeletionPublisher.eventFor(ObjectKey.of(NOW, ImageId.random()),
                DeletionReason.USER_REQUESTED, NOW, NOW.toEpochMilli() + 5_000);

        assertThat(deleted.latenessMs()).isZero();
    }

    private static ImageDeleted event() {
        return DeletionPublisher.eventFor(ObjectKey.of(NOW, ImageId.random()), DeletionReason.EXPIRED, NOW,
                NOW.toEpochMilli() - 250);
    }
}
