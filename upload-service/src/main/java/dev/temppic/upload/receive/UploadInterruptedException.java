package dev.temppic.upload.receive;

import java.io.IOException;

/**
 * Thrown when reading the request body fails, usually because the client closed the connection before sending
 * every byte. Nothing was stored.
 */
public class UploadInterruptedException extends Exception {

    private static final long serialVersionUID = 1L;

    public UploadInterruptedException(IOException cause) {
        super("The upload ended before the whole body arrived. Send the image again.", cause);
    }
}
