package dev.temppic.upload.service;

import dev.temppic.model.crypto.ImageEncryption;
import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.upload.UploadProperties;
import dev.temppic.upload.events.EventPublishException;
import dev.temppic.upload.events.ImageEventPublisher;
import dev.temppic.upload.receive.ReceivedFile;
import dev.temppic.upload.receive.TempFiles;
import dev.temppic.upload.records.ImageRecords;
import dev.temppic.upload.service.ImageSanitizer.SanitizedImage;
import dev.temppic.upload.store.ImageStore;
import dev.temppic.upload.store.StoreException;
import dev.temppic.upload.validation.ImageFormat;
import dev.temppic.upload.validation.ImageRejectedException;
import dev.temppic.upload.validation.ImageRejectedException.Kind;
import dev.temppic.upload.validation.InspectedImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.QueryTimeoutException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class UploadServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-04T20:18:30.123456Z");
    private static final byte[] IMAGE = "pretend these are the stripped PNG bytes".getBytes();

    @TempDir
    Path uploads;
    @TempDir
    Path received;

    private final ImageStore store = mock(ImageStore.class);
    private final ImageRecords records = mock(ImageRecords.class);
    private final ImageEventPublisher publisher = mock(ImageEventPublisher.class);
    private final AtomicReference<byte[]> storedCiphertext = new AtomicReference<>();
    private ImageEncryption encryption;
    private UploadService service;

    @BeforeEach
    void setUp() throws Exception {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        encryption = ImageEncryption.fromBase64MasterKey(Base64.getEncoder().encodeToString(masterKey));
        ImageSanitizer sanitizer = (input, output) -> {
            Files.write(output, IMAGE);
            return new SanitizedImage(new InspectedImage(ImageFormat.PNG, 30, 20, 1, false, 6), IMAGE.length);
        };
        UploadProperties properties = new UploadProperties(null, null, null, null, null, null, uploads);
        service = new UploadService(sanitizer, encryption, store, records, publisher, new TempFiles(properties),
                Clock.fixed(NOW, ZoneOffset.UTC));
        doAnswer(call -> {
            storedCiphertext.set(Files.readAllBytes(call.getArgument(1, Path.class)));
            return null;
        }).when(store).put(any(), any());
    }

    private ReceivedFile receivedFile(byte[] content) throws IOException {
        Path file = Files.createTempFile(received, "received-", ".tmp");
        Files.write(file, content);
        return new ReceivedFile(file, content.length);
    }

    private long leftoverTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.count();
        }
    }

    @Test
    void uploadStoresRecordsAndAnnounces() throws Exception {
        UploadOptions options = new UploadOptions(Duration.ofMinutes(5), Optional.of(3));

        StoredImage image = service.upload(receivedFile(new byte[] {1, 2, 3}), options);

        Instant uploadedAt = Instant.parse("2026-12-04T20:18:30.123Z");
        ObjectKey objectKey = ObjectKey.of(uploadedAt, image.id());
        assertThat(image.uploadedAt()).isEqualTo(uploadedAt);
        assertThat(image.expiresAt()).isEqualTo(uploadedAt.plusSeconds(300));
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.sizeBytes()).isEqualTo(IMAGE.length);
        // Orientation 6 rotates by 90 degrees, so the displayed width is the stored height.
        assertThat(image.width()).isEqualTo(20);
        assertThat(image.height()).isEqualTo(30);
        assertThat(image.maxViews()).contains(3);

        verify(store).put(eq(objectKey), any());

        ArgumentCaptor<ImageRecord> record = ArgumentCaptor.forClass(ImageRecord.class);
        verify(records).create(record.capture());
        assertThat(record.getValue().objectKey()).isEqualTo(objectKey);
        assertThat(record.getValue().contentType()).isEqualTo("image/png");
        assertThat(record.getValue().extension()).isEqualTo("png");
        assertThat(record.getValue().expiresAt()).isEqualTo(image.expiresAt());
        assertThat(record.getValue().maxViews()).contains(3);
        assertThat(record.getValue().views()).isZero();
        assertThat(DeleteToken.matches(image.deleteToken().value(), record.getValue().deleteTokenHash())).isTrue();

        InputStream plaintext = encryption.unwrap(image.id(), record.getValue().wrappedDataKey())
                .decrypting(new ByteArrayInputStream(storedCiphertext.get()));
        assertThat(plaintext.readAllBytes()).isEqualTo(IMAGE);

        ArgumentCaptor<ImageEvent> event = ArgumentCaptor.forClass(ImageEvent.class);
        verify(publisher).publish(event.capture());
        assertThat(event.getValue()).isInstanceOfSatisfying(ImageUploaded.class, uploaded -> {
            assertThat(uploaded.imageId()).isEqualTo(image.id());
            assertThat(uploaded.objectKey()).isEqualTo(objectKey.value());
            assertThat(uploaded.contentType()).isEqualTo("image/png");
            assertThat(uploaded.sizeBytes()).isEqualTo(IMAGE.length);
            assertThat(uploaded.uploadedAt()).isEqualTo(uploadedAt);
            assertThat(uploaded.expiresAt()).isEqualTo(image.expiresAt());
            assertThat(uploaded.maxViews()).isEqualTo(3);
        });
        assertThat(leftoverTempFiles()).isZero();
    }

    @Test
    void storedBytesAreCiphertext() throws Exception {
        service.upload(receivedFile(new byte[] {1}), UploadOptions.defaults());

        assertThat(new String(storedCiphertext.get(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(IMAGE, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void emptyFileRejectedBeforeAnyStep() throws Exception {
        ReceivedFile empty = receivedFile(new byte[0]);

        assertThatThrownBy(() -> service.upload(empty, UploadOptions.defaults()))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.EMPTY))
                .hasMessageContaining("0 bytes");
        verifyNoInteractions(store, records, publisher);
    }

    @Test
    void rejectedImageStoresNothing() throws Exception {
        ImageSanitizer rejecting = (input, output) -> {
            throw new ImageRejectedException(Kind.UNSUPPORTED_TYPE, "The file is an SVG image.");
        };
        UploadService rejectingService = new UploadService(rejecting, encryption, store, records, publisher,
                new TempFiles(new UploadProperties(null, null, null, null, null, null, uploads)), Clock.systemUTC());

        assertThatThrownBy(() -> rejectingService.upload(receivedFile(new byte[] {1}), UploadOptions.defaults()))
                .isInstanceOf(ImageRejectedException.class);
        verifyNoInteractions(store, records, publisher);
        assertThat(leftoverTempFiles()).isZero();
    }

    @Test
    void storeFailureRemovesObject() throws Exception {
        doThrow(new StoreException("connection refused", null)).when(store).put(any(), any());

        assertThatThrownBy(() -> service.upload(receivedFile(new byte[] {1}), UploadOptions.defaults()))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("failed at step store")
                .hasMessageContaining("object removed")
                .satisfies(e -> assertThat(((ServiceUnavailableException) e).detail())
                        .isEqualTo("The image was not stored. The object store is unavailable."));
        verify(store).delete(any());
        verifyNoInteractions(records, publisher);
        assertThat(leftoverTempFiles()).isZero();
    }

    @Test
    void redisFailureUndoesObjectAndRecord() throws Exception {
        doThrow(new QueryTimeoutException("Redis command timed out")).when(records).create(any());

        assertThatThrownBy(() -> service.upload(receivedFile(new byte[] {1}), UploadOptions.defaults()))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("failed at step redis")
                .hasMessageContaining("metadata deleted, object removed");
        verify(records).delete(any());
        verify(store).delete(any());
        verifyNoInteractions(publisher);
    }

    @Test
    void kafkaFailureUndoesObjectAndRecord() throws Exception {
        doThrow(new EventPublishException("not acknowledged", null)).when(publisher).publish(any());

        assertThatThrownBy(() -> service.upload(receivedFile(new byte[] {1}), UploadOptions.defaults()))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("failed at step kafka");
        ArgumentCaptor<ImageRecord> record = ArgumentCaptor.forClass(ImageRecord.class);
        verify(records).create(record.capture());
        verify(records).delete(record.getValue().imageId());
        verify(store).delete(record.getValue().objectKey());
        assertThat(leftoverTempFiles()).isZero();
    }

    @Test
    void failedUndoReportedNotThrown() throws Exception {
        doThrow(new EventPublishException("not acknowledged", null)).when(publisher).publish(any());
        doThrow(new QueryTimeoutException("Redis command timed out")).when(records).delete(any());
        doThrow(new StoreException("connection refused", null)).when(store).delete(any());

        assertThatThrownBy(() -> service.upload(receivedFile(new byte[] {1}), UploadOptions.defaults()))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("metadata not deleted")
                .hasMessageContaining("object not removed, left to the expiry sweep");
    }

    @Test
    void keyCollisionKeepsOtherRecord() throws Exception {
        doThrow(new IllegalStateException("exists already")).when(records).create(any());

        assertThatThrownBy(() -> service.upload(receivedFile(new byte[] {1}), UploadOptions.defaults()))
                .isInstanceOf(ServiceUnavailableException.class);
        verify(records, never()).delete(any());
        verify(store).delete(any());
    }
}
