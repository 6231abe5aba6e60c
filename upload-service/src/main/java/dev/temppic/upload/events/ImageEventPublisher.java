package dev.temppic.upload.events;

import dev.temppic.model.events.ImageEvent;
import dev.temppic.model.events.Topics;
import dev.temppic.upload.UploadProperties;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes image events to {@link Topics#IMAGE_EVENTS}, keyed by image id, and waits for the broker's
 * acknowledgement. The producer settings in application.yml ({@code acks=all}, idempotence) make an acknowledged
 * event durable on every in-sync replica and never duplicated by the producer's own retries.
 */
@Component
public class ImageEventPublisher {

    private final KafkaTemplate<String, ImageEvent> kafka;
    private final Duration timeout;

    public ImageEventPublisher(KafkaTemplate<String, ImageEvent> kafka, UploadProperties properties) {
        this.kafka = kafka;
        this.timeout = properties.publishTimeout();
    }

    /**
     * Sends {@code event} and blocks until Kafka acknowledges it.
     *
     * @throws EventPublishException when the send fails or is not acknowledged within
     *     {@code temppic.upload.publish-timeout}. After a timeout the event may still arrive later, so consumers must
     *     tolerate an event for an image whose upload was undone.
     */
    public void publish(ImageEvent event) throws EventPublishException {
        String description = event.getClass().getSimpleName() + " for image " + event.imageId();
        try {
            kafka.send(Topics.IMAGE_EVENTS, event.imageId().value(), event)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EventPublishException("Kafka did not accept " + description + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw new EventPublishException("Kafka did not acknowledge " + description + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("Interrupted while waiting for Kafka to acknowledge " + description, e);
        } catch (KafkaException e) {
            // KafkaTemplate.send throws instead of failing the future when, for example, the metadata fetch times out.
            throw new EventPublishException("Kafka did not accept " + description + ": " + e, e);
        }
    }
}
