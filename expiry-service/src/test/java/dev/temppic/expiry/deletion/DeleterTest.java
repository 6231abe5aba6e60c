package dev.temppic.expiry.deletion;

import dev.temppic.expiry.ExpiryProperties;
import dev.temppic.expiry.schedule.Claim;
import dev.temppic.expiry.schedule.ExpirySchedule;
import dev.temppic.expiry.store.ObjectRemover;
import dev.temppic.expiry.store.RemovalResult;
import dev.temppic.model.events.DeletionReason;
import dev.temppic.model.events.ImageDeleted;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.model.keys.RedisKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The deleter's decisions with the schedule, store and Kafka mocked; the real ones are in ExpiryServiceIT. */
class DeleterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T20:00:10Z");
    private static final long LEASE_DEADLINE = NOW.toEpochMilli() + 60_000;

    private final ExpirySchedule schedule = mock(ExpirySchedule.class);
    private final ObjectRemover remover = mock(ObjectRemover.class);
    private final DeletionPublisher publisher = mock(DeletionPublisher.class);
    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExpiryProperties.Deleter settings = new ExpiryProperties.Deleter(true, 500, Duration.ofSeconds(60),
            Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30));
    private Deleter deleter;

    private final ObjectKey first = ObjectKey.of(NOW.minusSeconds(3600), ImageId.random());
    private final ObjectKey second = ObjectKey.of(NOW.minusSeconds(3600), ImageId.random());
    private final Claim firstClaim = new Claim(first.value(), NOW.toEpochMilli() - 400, DeletionReason.EXPIRED,
            LEASE_DEADLINE);
    private final Claim secondClaim = new Claim(second.value(), NOW.toEpochMilli() - 2_000,
            DeletionReason.USER_REQUESTED, LEASE_DEADLINE);

    @BeforeEach
    void setUp() {
        deleter = new Deleter(schedule, remover, publisher, redis, new DeletionMetrics(registry), settings,
                Clock.fixed(NOW, ZoneOffset.UTC));
        when(schedule.claimDue(NOW.toEpochMilli(), LEASE_DEADLINE, 500)).thenReturn(List.of(firstClaim, secondClaim));
        when(publisher.publish(anyList(), any())).thenReturn(new DeletionPublisher.PublishResult(List.of(), null));
    }

    @Test
    void emptyScheduleDoesNothing() {
        when(schedule.claimDue(anyLong(), anyLong(), anyInt())).thenReturn(List.of());

        Deleter.BatchResult result = deleter.deleteDueBatch();

        assertThat(result.claimed()).isZero();
        verify(remover, never()).remove(anyCollection());
    }

    @Test
    void successfulBatchPublishesThenCompletes() {
        when(remover.remove(List.of(first.value(), second.value())))
                .thenReturn(new RemovalResult(Set.of(first.value(), second.value()), Map.of(), null));

        Deleter.BatchResult result = deleter.deleteDueBatch();

        assertThat(result.deleted()).isEqualTo(2);
        assertThat(result.pausedUntil()).isEmpty();
        verify(redis).delete(List.of(RedisKeys.image(first.imageId()), RedisKeys.image(second.imageId())));
        List<ImageDeleted> events = publishedEvents();
        assertThat(events).extracting(ImageDeleted::reason)
                .containsExactly(DeletionReason.EXPIRED, DeletionReason.USER_REQUESTED);
        assertThat(events).extracting(ImageDeleted::latenessMs).containsExactly(400L, 2_000L);
        assertThat(events).extracting(ImageDeleted::deletedAt).containsOnly(NOW);
        verify(schedule).complete(List.of(firstClaim, secondClaim));
    }

    @Test
    void failedStoreRequestPausesAndKeepsClaims() {
        when(remover.remove(anyCollection()))
                .thenReturn(new RemovalResult(Set.of(), Map.of(), new IOException("Connection refused")));

        Deleter.BatchResult result = deleter.deleteDueBatch();

        assertThat(result.deleted()).isZero();
        assertThat(result.pausedUntil()).hasValue(NOW.toEpochMilli() + 1_000);
        verify(schedule).retryLater(List.of(firstClaim, secondClaim), NOW.toEpochMilli() + 1_000);
        verify(schedule, never()).complete(anyCollection());
        verify(publisher, never()).publish(anyList(), any());
        assertThat(registry.counter(DeletionMetrics.FAILURES, "stage", "store").count()).isEqualTo(2);
    }

    @Test
    void repeatedStoreFailuresWaitLonger() {
        when(remover.remove(anyCollection()))
                .thenReturn(new RemovalResult(Set.of(), Map.of(), new IOException("Connection refused")));

        deleter.deleteDueBatch();
        deleter.deleteDueBatch();
        Deleter.BatchResult third = deleter.deleteDueBatch();

        assertThat(third.pausedUntil()).hasValue(NOW.toEpochMilli() + 4_000);
    }

    @Test
    void refusedKeyIsRetriedAlone() {
        when(remover.remove(anyCollection()))
                .thenReturn(new RemovalResult(Set.of(second.value()), Map.of(first.value(), "AccessDenied: denied"), null));

        Deleter.BatchResult result = deleter.deleteDueBatch();

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(result.pausedUntil()).isEmpty();
        verify(schedule).retryLater(List.of(firstClaim), NOW.toEpochMilli() + 1_000);
        verify(schedule).complete(List.of(secondClaim));
        assertThat(publishedEvents()).extracting(ImageDeleted::objectKey).containsExactly(second.value());
    }

    @Test
    void unacknowledgedEventKeepsClaim() {
        when(remover.remove(anyCollection()))
                .thenReturn(new RemovalResult(Set.of(first.value(), second.value()), Map.of(), null));
        when(publisher.publish(anyList(), any())).thenAnswer(invocation -> {
            List<ImageDeleted> events = invocation.getArgument(0);
            return new DeletionPublisher.PublishResult(List.of(events.get(1)), new IOException("Kafka unreachable"));
        });

        Deleter.BatchResult result = deleter.deleteDueBatch();

        assertThat(result.deleted()).isEqualTo(1);
        verify(schedule).retryLater(List.of(secondClaim), NOW.toEpochMilli() + 1_000);
        verify(schedule).complete(List.of(firstClaim));
        assertThat(registry.counter(DeletionMetrics.FAILURES, "stage", "publish").count()).isEqualTo(1);
    }

    @Test
    void malformedEntryIsDeletedWithoutEvent() {
        Claim malformed = new Claim("not-an-object-key", NOW.toEpochMilli(), DeletionReason.EXPIRED, LEASE_DEADLINE);
        when(schedule.claimDue(NOW.toEpochMilli(), LEASE_DEADLINE, 500)).thenReturn(List.of(malformed));
        when(remover.remove(List.of("not-an-object-key")))
                .thenReturn(new RemovalResult(Set.of("not-an-object-key"), Map.of(), null));

        deleter.deleteDueBatch();

        verify(publisher, never()).publish(anyList(), any());
        verify(schedule).complete(List.of(malformed));
    }

    @Test
    void earlyDeletionHasZeroLateness() {
        Claim early = new Claim(first.value(), NOW.toEpochMilli() + 5_000, DeletionReason.USER_REQUESTED,
                LEASE_DEADLINE);
        when(schedule.claimDue(NOW.toEpochMilli(), LEASE_DEADLINE, 500)).thenReturn(List.of(early));
        when(remover.remove(anyCollection())).thenReturn(new RemovalResult(Set.of(first.value()), Map.of(), null));

        deleter.deleteDueBatch();

        assertThat(publishedEvents()).extracting(ImageDeleted::latenessMs).containsExactly(0L);
    }

    @SuppressWarnings("unchecked")
    private List<ImageDeleted> publishedEvents() {
        ArgumentCaptor<List<ImageDeleted>> events = ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(events.capture(), eq(Duration.ofSeconds(30)));
        return events.getValue();
    }
}
