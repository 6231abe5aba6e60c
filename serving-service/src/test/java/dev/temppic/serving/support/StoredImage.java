package dev.temppic.serving.support;

import dev.temppic.model.id.ImageId;
import dev.temppic.model.keys.ImageRecord;

/**
 * An image written by {@link ImageFixture}.
 *
 * @param record the metadata written to {@code img:{id}}
 * @param bytes the plaintext image bytes, as a client must receive them
 * @param ciphertext the encrypted bytes stored in the object
 */
public record StoredImage(ImageRecord record, byte[] bytes, byte[] ciphertext) {

    public ImageId id() {
        return record.imageId();
    }

    /** Returns the share link path with extension, {@code /i/{id}.{ext}}. */
    public String path() {
        return "/i/" + id().value() + "." + record.extension();
    }

    /** Returns the strong entity tag that serving-service sends for this image. */
    public String etag() {
        return "\"" + id().value() + "\"";
    }
}
