package dev.temppic.model.json;

/** A Kafka record that cannot be read as an image event; retrying it cannot succeed. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
