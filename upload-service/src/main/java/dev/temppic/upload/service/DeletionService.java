package dev.temppic.upload.service;

import dev.temppic.model.events.DeletionRequestReason;
import dev.temppic.model.events.ImageDeletionRequested;
import dev.temppic.model.id.DeleteToken;
import dev.temppic.model.id.ImageId;
import dev.temppic.upload.events.EventPublishException;
import dev.temppic.upload.events.ImageEventPublisher;
import dev.temppic.upload.records.ImageRecords;
import dev.temppic.upload.records.ImageRecords.DeletionCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Deletes an image on its uploader's request: checks the token against the stored SHA-256 in constant time, deletes
 * {@code img:{id}} so every link dies at once, then publishes {@link ImageDeletionRequested} so that expiry-service
 * removes the object.
 */
@Service
public class DeletionService {

    private static final Logger log = LoggerFactory.getLogger(DeletionService.class);

    private final ImageRecords records;
    private final ImageEventPublisher publisher;
    private final Clock clock;

    public DeletionService(ImageRecords records, ImageEventPublisher publisher, Clock clock) {
        this.records = records;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Deletes the image {@code rawId} if {@code token} is its delete token.
     *
     * @throws ImageNotFoundException when the id is malformed or unknown, or the token is wrong, or a concurrent
     *     request deleted the image first
     * @throws ServiceUnavailableException when Redis fails; the image is not deleted then
     */
    public void delete(String rawId, String token) throws ImageNotFoundException, ServiceUnavailableException {
        Optional<ImageId> parsed = ImageId.tryParse(rawId);
        if (parsed.isEmpty()) {
            throw new ImageNotFoundException();
        }
        ImageId id = parsed.get();

        DeletionCandidate candidate;
        boolean deleted;
        try {
            candidate = records.findDeletionCandidate(id).orElseThrow(ImageNotFoundException::new);
            if (!DeleteToken.matches(token, candidate.deleteTokenHash())) {
                throw new ImageNotFoundException();
            }
            // Only the request whose script deletes the key goes on to publish, so two concurrent deletions of
            // one image publish one event.
            deleted = records.deleteIfUnchanged(candidate);
        } catch (RuntimeException e) {
            String message = "Deletion of image " + id + " failed at step redis: " + Failures.describe(e)
                    + "; nothing was deleted";
            log.error(message);
            throw new ServiceUnavailableException("The image was not deleted. The metadata store is unavailable.",
                    message, e);
        }
        if (!deleted) {
            throw new ImageNotFoundException();
        }

        ImageDeletionRequested event = new ImageDeletionRequested(UUID.randomUUID(), id,
                candidate.objectKey().value(), DeletionRequestReason.USER_REQUESTED, clock.instant());
        try {
            publisher.publish(event);
        } catch (EventPublishException e) {
            // NOTE: the deletion still succeeds for the client: without img:{id} the link is dead and the wrapped
            // data key is gone, so the object cannot be decrypted. The expiry-service sweep removes the object,
            // which has no metadata any more, instead of the event-driven deletion.
            log.error("Deletion of image {} failed at step kafka: {}; metadata deleted, object left to the expiry "
                    + "sweep", id, Failures.describe(e));
        }
    }
}
