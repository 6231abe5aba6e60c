package dev.temppic.upload.web;

import dev.temppic.upload.receive.PayloadTooLargeException;
import dev.temppic.upload.service.ImageNotFoundException;
import dev.temppic.upload.service.ServiceUnavailableException;
import dev.temppic.upload.service.StoredImage;
import dev.temppic.upload.validation.ImageRejectedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.time.Duration;
import java.util.Locale;

/**
 * Records the metrics and writes the one log line of every upload and deletion request. Log lines carry the image
 * id, size, type and duration, and never the client address, user agent, filename or token.
 *
 * <p>Meters: {@code temppic.uploads} and {@code temppic.deletions} (counters by {@code outcome}),
 * {@code temppic.upload.duration} (timer by {@code outcome}) and {@code temppic.upload.size} (bytes of each stored
 * image, after metadata removal).
 */
@Component
class RequestOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RequestOutcomes.class);

    /** Outcome of an upload request, as the {@code outcome} tag. */
    enum UploadOutcome {
        STORED, BAD_REQUEST, TOO_LARGE, UNSUPPORTED_TYPE, INVALID_IMAGE, UNAVAILABLE, ERROR;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Outcome of a deletion request, as the {@code outcome} tag. */
    enum DeletionOutcome {
        DELETED, NOT_FOUND, BAD_REQUEST, UNAVAILABLE, ERROR;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final DistributionSummary storedSize;

    RequestOutcomes(MeterRegistry registry) {
        this.registry = registry;
        this.storedSize = DistributionSummary.builder("temppic.upload.size")
                .description("Size of each stored image after metadata removal")
                .baseUnit("bytes")
                .register(registry);
    }

    void uploadStored(StoredImage image, long startNanos) {
        Duration duration = recordUpload(UploadOutcome.STORED, startNanos);
        storedSize.record(image.sizeBytes());
        log.info("Stored image {}: {} bytes, {}, {}x{}, expires at {}, {} ms", image.id(), image.sizeBytes(),
                image.format().mimeType(), image.width(), image.height(), image.expiresAt(), duration.toMillis());
    }

    void uploadFailed(Throwable failure, long startNanos) {
        UploadOutcome outcome = uploadOutcomeOf(failure);
        Duration duration = recordUpload(outcome, startNanos);
        // A failed dependency was already logged with the image id, the step and the error.
        if (outcome != UploadOutcome.UNAVAILABLE) {
            log.info("Rejected upload: {}, {} ms", outcome.tag(), duration.toMillis());
        }
    }

    void deletion(DeletionOutcome outcome, String imageId, long startNanos) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        Counter.builder("temppic.deletions")
                .description("Deletion requests by outcome")
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
        if (outcome == DeletionOutcome.DELETED) {
            log.info("Deleted image {} on request, {} ms", imageId, duration.toMillis());
        } else if (outcome != DeletionOutcome.UNAVAILABLE) {
            // The id may be a client's typo or a guess, so it is not logged for requests that deleted nothing.
            log.info("Rejected deletion: {}, {} ms", outcome.tag(), duration.toMillis());
        }
    }

    static UploadOutcome uploadOutcomeOf(Throwable failure) {
        if (failure instanceof ImageRejectedException rejected) {
            return switch (rejected.kind()) {
                case EMPTY -> UploadOutcome.BAD_REQUEST;
                case UNSUPPORTED_TYPE -> UploadOutcome.UNSUPPORTED_TYPE;
                case MALFORMED, TOO_MANY_PIXELS, TOO_MANY_FRAMES -> UploadOutcome.INVALID_IMAGE;
            };
        }
        if (failure instanceof PayloadTooLargeException || failure instanceof MaxUploadSizeExceededException) {
            return UploadOutcome.TOO_LARGE;
        }
        if (failure instanceof ServiceUnavailableException) {
            return UploadOutcome.UNAVAILABLE;
        }
        if (ApiExceptionHandler.isClientError(failure)) {
            return UploadOutcome.BAD_REQUEST;
        }
        return UploadOutcome.ERROR;
    }

    static DeletionOutcome deletionOutcomeOf(Throwable failure) {
        if (failure instanceof ImageNotFoundException) {
            return DeletionOutcome.NOT_FOUND;
        }
        if (failure instanceof ServiceUnavailableException) {
            return DeletionOutcome.UNAVAILABLE;
        }
        if (ApiExceptionHandler.isClientError(failure)) {
            return DeletionOutcome.BAD_REQUEST;
        }
        return DeletionOutcome.ERROR;
    }

    private Duration recordUpload(UploadOutcome outcome, long startNanos) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        Counter.builder("temppic.uploads")
                .description("Upload requests by outcome")
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
        Timer.builder("temppic.upload.duration")
                .description("Time from the start of an upload request to its response")
                .tag("outcome", outcome.tag())
                .register(registry)
                .record(duration);
        return duration;
    }
}
