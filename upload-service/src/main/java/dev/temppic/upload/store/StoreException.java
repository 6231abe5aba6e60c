package dev.temppic.upload.store;

/** Thrown when the object store rejects a request or does not respond. */
public class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
