package dev.temppic.upload.service;

import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.upload.events.EventPublishException;
import dev.temppic.upload.events.ImageEventPublisher;
import dev.temppic.upload.records.ImageRecords;
import dev.temppic.upload.records.ImageRecords.DeletionCandidate;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.redis.RedisConnectionFailureException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class DeletionServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-04T21:00:00Z");

    private final ImageRecords records = mock(ImageRecords.class);
    private final ImageEventPublisher publisher = mock(ImageEventPublisher.class);
    private final DeletionService service = new DeletionService(records, publisher, Clock.fixed(NOW, ZoneOffset.UTC));

    private final ImageId id = ImageId.random();
    private final DeleteToken token = DeleteToken.random();
    private final DeletionCandidate candidate =
            new DeletionCandidate(id, ObjectKey.of(NOW.minusSeconds(600), id), token.hash());

    @Test
    void rightTokenDeletesAndPublishes() throws Exception {
        when(records.findDeletionCandidate(id)).thenReturn(Optional.of(candidate));
        when(records.deleteIfUnchanged(candidate)).thenReturn(true);

        service.delete(id.value(), token.value());

        ArgumentCaptor<ImageEvent> event = ArgumentCaptor.forClass(ImageEvent.class);
        verify(publisher).publish(event.capture());
        assertThat(event.getValue()).isInstanceOfSatisfying(ImageDeletionRequested.class, requested -> {
            assertThat(requested.imageId()).isEqualTo(id);
            assertThat(requested.objectKey()).isEqualTo(candidate.objectKey().value());
            assertThat(requested.reason()).isEqualTo(DeletionRequestReason.USER_REQUESTED);
            assertThat(requested.requestedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void malformedIdNotFoundWithoutRedis() {
        assertThatThrownBy(() -> service.delete("not-an-id", token.value()))
                .isInstanceOf(ImageNotFoundException.class);
        verifyNoInteractions(records, publisher);
    }

    @Test
    void unknownIdNotFound() {
        when(records.findDeletionCandidate(id)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> service.delete(id.value(), token.value()))
                .isInstanceOf(ImageNotFoundException.class);
        verifyNoInteractions(publisher);
    }

    @Test
    void wrongTokenNotFoundAndNothingDeleted() throws Exception {
        when(records.findDeletionCandidate(id)).thenReturn(Optional.of(candidate));

        assertThatThrownBy(() -> service.delete(id.value(), DeleteToken.random().value()))
                .isInstanceOf(ImageNotFoundException.class);
        verify(records, never()).deleteIfUnchanged(any());
        verifyNoInteractions(publisher);
    }

    @Test
    void notFoundMessagesIdentical() {
        when(records.findDeletionCandidate(id)).thenReturn(Optional.of(candidate));

        Throwable wrongToken = org.assertj.core.api.Assertions.catchThrowable(
                () -> service.delete(id.value(), "wrong"));
        Throwable malformed = org.assertj.core.api.Assertions.catchThrowable(
                () -> service.delete("x", token.value()));

        assertThat(wrongToken).hasMessage(malformed.getMessage());
    }

    @Test
    void lostRaceNotFoundWithoutEvent() throws Exception {
        when(records.findDeletionCandidate(id)).thenReturn(Optional.of(candidate));
        when(records.deleteIfUnchanged(candidate)).thenReturn(false);

        assertThatThrownBy(() -> service.delete(id.value(), token.value()))
                .isInstanceOf(ImageNotFoundException.class);
        verifyNoInteractions(publisher);
    }

    @Test
    void redisFailureUnavailable() {
        when(records.findDeletionCandidate(id)).thenThrow(new RedisConnectionFailureException("refused"));

        assertThatThrownBy(() -> service.delete(id.value(), token.value()))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("Deletion of image " + id + " failed at step redis");
        verifyNoInteractions(publisher);
    }

    @Test
    void publishFailureStillDeletes() throws Exception {
        when(records.findDeletionCandidate(id)).thenReturn(Optional.of(candidate));
        when(records.deleteIfUnchanged(candidate)).thenReturn(true);
        doThrow(new EventPublishException("not acknowledged", null)).when(publisher).publish(any());

        assertThatCode(() -> service.delete(id.value(), token.value())).doesNotThrowAnyException();
        verify(records).deleteIfUnchanged(candidate);
    }
}
