package dev.temppic.gateway.upload;

import org.springframework.util.unit.DataSize;

/** Thrown when an upload body exceeds the gateway's limit; its message is the {@code detail} shown to the user. */
public class UploadTooLargeException extends RuntimeException {

    public UploadTooLargeException(DataSize maxFileSize) {
        super("The image is larger than the limit of " + describe(maxFileSize) + ". Choose a smaller file.");
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
