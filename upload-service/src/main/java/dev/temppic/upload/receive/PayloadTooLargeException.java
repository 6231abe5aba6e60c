package dev.temppic.upload.receive;

/** Thrown when an upload has more bytes than the size limit allows; the web layer responds with 413. */
public class PayloadTooLargeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long maxBytes;

    public PayloadTooLargeException(long maxBytes) {
        super("The image is larger than the limit of " + DataSizes.format(maxBytes)
                + ". Scale it down or compress it, then upload it again.");
        this.maxBytes = maxBytes;
    }

    /** Returns the limit that was exceeded, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }
}
