package dev.temppic.upload.service;

import dev.temppic.model.crypto.ImageEncryption;
import dev.temppic.model.crypto.ImageEncryption.DataKey;
import dev.temppic.model.events.ImageUploaded;
import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ImageRecord;
import dev.temppic.model.keys.ObjectKey;
import dev.temppic.upload.events.EventPublishException;
import dev.temppic.upload.events.ImageEventPublisher;
import dev.temppic.upload.receive.ReceivedFile;
import dev.temppic.upload.receive.TempFiles;
import dev.temppic.upload.records.ImageRecords;
import dev.temppic.upload.service.ImageSanitizer.SanitizedImage;
import dev.temppic.upload.store.ImageStore;
import dev.temppic.upload.store.StoreException;
import dev.temppic.upload.validation.ImageRejectedException;
import dev.temppic.upload.validation.InspectedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a received file into a stored image: sanitize, encrypt, put the object, write {@code img:{id}}, publish
 * {@link ImageUploaded}. The caller gets a {@link StoredImage} only after Kafka acknowledged the event.
 *
 * <p>When a step fails, the steps before it are undone best-effort (the object is removed, {@code img:{id}} is
 * deleted) and {@link ServiceUnavailableException} is thrown. What an undo cannot remove, the expiry-service sweep
 * deletes, because an object without metadata is an orphan to it.
 */
@Service
public class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private static final String NOT_STORED = "The image was not stored.";

    private final ImageSanitizer sanitizer;
    private final ImageEncryption encryption;
    private final ImageStore store;
    private final ImageRecords records;
    private final ImageEventPublisher publisher;
    private final TempFiles tempFiles;
    private final Clock clock;

    public UploadService(ImageSanitizer sanitizer, ImageEncryption encryption, ImageStore store, ImageRecords records,
                         ImageEventPublisher publisher, TempFiles tempFiles, Clock clock) {
        this.sanitizer = sanitizer;
        this.encryption = encryption;
        this.store = store;
        this.records = records;
        this.publisher = publisher;
        this.tempFiles = tempFiles;
        this.clock = clock;
    }

    /**
     * Stores the image in {@code received}. The caller still owns {@code received} and deletes it; the temporary
     * files created here are deleted before this method returns.
     *
     * @throws ImageRejectedException when the file is empty or not an acceptable image; nothing is stored then
     * @throws ServiceUnavailableException when a dependency fails; what was stored is undone
     */
    public StoredImage upload(ReceivedFile received, UploadOptions options)
            throws ImageRejectedException, ServiceUnavailableException {
        if (received.size() == 0) {
            throw new ImageRejectedException(ImageRejectedException.Kind.EMPTY,
                    "The upload is empty: it contains 0 bytes. Send the image file as the request body, or as a "
                            + "multipart/form-data part named 'file'.");
        }
        Path cleaned = null;
        Path encrypted = null;
        try {
            cleaned = createTempFile("cleaned-");
            SanitizedImage sanitized = sanitize(received.path(), cleaned);
            encrypted = createTempFile("encrypted-");
            return store(sanitized, cleaned, encrypted, options);
        } finally {
            TempFiles.deleteQuietly(cleaned);
            TempFiles.deleteQuietly(encrypted);
        }
    }

    private SanitizedImage sanitize(Path received, Path cleaned)
            throws ImageRejectedException, ServiceUnavailableException {
        try {
            return sanitizer.sanitize(received, cleaned);
        } catch (IOException e) {
            throw unavailable(null, Step.SANITIZE, e, List.of());
        }
    }

    private StoredImage store(SanitizedImage sanitized, Path cleaned, Path encrypted, UploadOptions options)
            throws ServiceUnavailableException {
        ImageId id = ImageId.random();
        DeleteToken token = DeleteToken.random();
        // Redis keeps times in milliseconds, so the response and the record agree to the millisecond.
        Instant uploadedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = uploadedAt.plus(options.lifetime()).truncatedTo(ChronoUnit.MILLIS);
        ObjectKey objectKey = ObjectKey.of(uploadedAt, id);
        InspectedImage image = sanitized.image();
        String contentType = image.format().mimeType();

        DataKey dataKey;
        try {
            dataKey = encryption.newDataKey(id);
            encrypt(dataKey, cleaned, encrypted);
        } catch (GeneralSecurityException | IOException e) {
            throw unavailable(id, Step.ENCRYPT, e, List.of());
        }

        try {
            store.put(objectKey, encrypted);
        } catch (StoreException e) {
            // A PUT that timed out may still have completed, so the object is removed in any case.
            throw unavailable(id, Step.STORE, e, undo(id, objectKey, false));
        }

        ImageRecord record = new ImageRecord(id, objectKey, contentType, image.format().extension(),
                sanitized.sizeBytes(), image.displayWidth(), image.displayHeight(), uploadedAt, expiresAt,
                token.hash(), dataKey.wrapped(), options.maxViews(), 0);
        try {
            records.create(record);
        } catch (IllegalStateException e) {
            // The key belongs to another image (an id collision), so only the object is undone.
            throw unavailable(id, Step.RECORD, e, undo(id, objectKey, false));
        } catch (RuntimeException e) {
            throw unavailable(id, Step.RECORD, e, undo(id, objectKey, true));
        }

        ImageUploaded event = new ImageUploaded(UUID.randomUUID(), id, objectKey.value(), contentType,
                sanitized.sizeBytes(), uploadedAt, expiresAt, options.maxViews().orElse(null));
        try {
            publisher.publish(event);
        } catch (EventPublishException e) {
            throw unavailable(id, Step.ANNOUNCE, e, undo(id, objectKey, true));
        }

        return new StoredImage(id, token, image.format(), sanitized.sizeBytes(), image.displayWidth(),
                image.displayHeight(), uploadedAt, expiresAt, options.maxViews());
    }

    private static void encrypt(DataKey dataKey, Path plaintext, Path ciphertext) throws IOException {
        try (OutputStream file = Files.newOutputStream(ciphertext);
             OutputStream encrypting = dataKey.encrypting(file)) {
            Files.copy(plaintext, encrypting);
        }
    }

    /** Removes what earlier steps wrote and returns one phrase per undo step for the log line. */
    private List<String> undo(ImageId id, ObjectKey objectKey, boolean recordMayExist) {
        List<String> outcomes = new ArrayList<>();
        if (recordMayExist) {
            try {
                records.delete(id);
                outcomes.add("metadata deleted");
            } catch (RuntimeException e) {
                outcomes.add("metadata not deleted (" + Failures.describe(e) + ")");
            }
        }
        try {
            store.delete(objectKey);
            outcomes.add("object removed");
        } catch (StoreException e) {
            outcomes.add("object not removed, left to the expiry sweep (" + Failures.describe(e) + ")");
        }
        return outcomes;
    }

    private Path createTempFile(String prefix) throws ServiceUnavailableException {
        try {
            return tempFiles.create(prefix);
        } catch (IOException e) {
            throw unavailable(null, Step.SANITIZE, e, List.of());
        }
    }

    /** Logs the one line for a failed upload and builds the exception for the 503 response. */
    private static ServiceUnavailableException unavailable(ImageId id, Step step, Exception cause,
                                                          List<String> undone) {
        String imageText = id == null ? "(no id yet)" : id.value();
        String undoText = undone.isEmpty() ? "nothing to undo" : String.join(", ", undone);
        String message = "Upload of image " + imageText + " failed at step " + step.label + ": "
                + Failures.describe(cause) + "; undo: " + undoText;
        log.error(message);
        return new ServiceUnavailableException(NOT_STORED + " " + step.detail, message, cause);
    }

    /** Step of an upload after validation, with the label for the log and the sentence for the client's detail. */
    enum Step {
        SANITIZE("temp-files", "The server could not write its temporary files."),
        ENCRYPT("encrypt", "The server could not encrypt the image."),
        STORE("store", "The object store is unavailable."),
        RECORD("redis", "The metadata store is unavailable."),
        ANNOUNCE("kafka", "The event broker did not confirm the upload.");

        private final String label;
        private final String detail;

        Step(String label, String detail) {
            this.label = label;
            this.detail = detail;
        }
    }
}
