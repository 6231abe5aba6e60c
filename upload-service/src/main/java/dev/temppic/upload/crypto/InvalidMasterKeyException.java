package dev.temppic.upload.crypto;

/** Thrown at startup when {@code temppic.crypto.master-key} is missing or not a valid key. */
public class InvalidMasterKeyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public InvalidMasterKeyException(String message) {
        super(message);
    }
}
