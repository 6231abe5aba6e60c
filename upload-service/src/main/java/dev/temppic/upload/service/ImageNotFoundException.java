package dev.temppic.upload.service;

/**
 * Thrown for a deletion request whose id is malformed or unknown, whose image has expired or been deleted, or whose
 * token is wrong. All of these give the same 404, so a response never reveals which one applied.
 */
public class ImageNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImageNotFoundException() {
        super("No image exists with this id and delete token. It may have expired or been deleted already, or the "
                + "link is incomplete. Check that you copied the whole delete link.");
    }
}
