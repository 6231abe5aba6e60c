package dev.temppic.serving.error;

/**
 * The requested image is unknown, expired, deleted, out of views or the id is malformed. All of these get
 * the same 404 response so that a client cannot tell them apart.
 */
public class ImageNotFoundException extends RuntimeException {

    public ImageNotFoundException() {
        super("Image not found", null, false, false);
    }
}
