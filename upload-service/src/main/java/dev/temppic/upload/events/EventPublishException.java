package dev.temppic.upload.events;

/** Thrown when Kafka does not acknowledge an event, or does not do so within the publish timeout. */
public class EventPublishException extends Exception {

    private static final long serialVersionUID = 1L;

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
