package dev.temppic.serving.store;

import dev.temppic.model.crypto.ImageEncryption;
import dev.temppic.model.crypto.ImageEncryption.DataKey;
import dev.temppic.serving.error.Dependency;
import dev.temppic.serving.error.DependencyUnavailableException;
import dev.temppic.serving.error.ImageUnreadableException;
import dev.temppic.serving.image.ImageMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;

/**
 * Unwraps data keys and reads whole images into memory, decrypted. Whole reads are meant for the small images that
 * the image cache accepts, because larger images are streamed.
 */
@Component
public class DecryptedImageReader {

    private static final Logger log = LoggerFactory.getLogger(DecryptedImageReader.class);

    private final ImageEncryption encryption;
    private final ImageObjectReader objects;

    public DecryptedImageReader(ImageEncryption encryption, ImageObjectReader objects) {
        this.encryption = encryption;
        this.objects = objects;
    }

    /**
     * Unwraps the data key of {@code image} with the master key.
     *
     * @throws ImageUnreadableException when the master key does not unwrap it
     */
    public DataKey dataKey(ImageMetadata image) {
        try {
            return encryption.unwrap(image.id(), image.wrappedDataKey());
        } catch (GeneralSecurityException e) {
            throw new ImageUnreadableException(image.id(), "the data key does not unwrap with the master key", e);
        }
    }

    /**
     * Reads and decrypts the whole object of {@code image}. Every segment's authentication tag is checked, and the
     * plaintext must be exactly {@code sizeBytes} long.
     *
     * @throws dev.temppic.serving.error.ImageNotFoundException when the object is gone
     * @throws DependencyUnavailableException when the store fails or cannot be reached
     * @throws ImageUnreadableException when decryption fails or the plaintext has another length
     */
    public byte[] readAll(ImageMetadata image) {
        DataKey dataKey = dataKey(image);
        int size = Math.toIntExact(image.sizeBytes());
        StoreObjectStream ciphertext = objects.open(image);

        byte[] plaintext;
        boolean trailingBytes;
        try {
            InputStream decrypting = dataKey.decrypting(ciphertext);
            plaintext = decrypting.readNBytes(size);
            trailingBytes = decrypting.read() >= 0;
        } catch (IOException e) {
            IOException storeFailure = ciphertext.readFailure();
            if (storeFailure != null) {
                throw new DependencyUnavailableException(Dependency.STORE, image.id(), storeFailure);
            }
            throw new ImageUnreadableException(image.id(), "decryption failed", e);
        } finally {
            closeQuietly(ciphertext);
        }

        if (plaintext.length != size || trailingBytes) {
            throw new ImageUnreadableException(image.id(), "the plaintext is "
                    + (trailingBytes ? "longer" : "shorter") + " than the recorded " + size + " bytes", null);
        }
        return plaintext;
    }

    /** Closes the store's response; a failure there cannot affect bytes that were already read and checked. */
    private static void closeQuietly(StoreObjectStream ciphertext) {
        try {
            ciphertext.close();
        } catch (IOException e) {
            log.debug("Closing a store response failed: {}", e.toString());
        }
    }
}
