package dev.temppic.serving.error;

import dev.temppic.model.id.ImageId;

/**
 * The stored image cannot be decrypted or is shorter than its recorded size, because the data key does not
 * match the master key or the object was altered. Retrying does not help, so the response is 500.
 */
public class ImageUnreadableException extends RuntimeException {

    private final ImageId imageId;

    public ImageUnreadableException(ImageId imageId, String message, Throwable cause) {
        super(message, cause);
        this.imageId = imageId;
    }

    public ImageId imageId() {
        return imageId;
    }
}
