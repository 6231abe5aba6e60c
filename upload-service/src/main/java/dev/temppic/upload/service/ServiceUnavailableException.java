package dev.temppic.upload.service;

/**
 * Thrown when Redis, Kafka, the object store or the local disk fails during a request. Whatever the request had
 * written is undone as far as possible; the web layer responds with 503 and {@code Retry-After}.
 */
public class ServiceUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String detail;

    /**
     * @param detail sentence for the client, saying what did not happen
     * @param message description for the log, with the ids and the failed step
     */
    public ServiceUnavailableException(String detail, String message, Throwable cause) {
        super(message, cause);
        this.detail = detail;
    }

    /** Sentence for the client, such as "The image was not stored." */
    public String detail() {
        return detail;
    }
}
