package dev.temppic.model.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.crypto.tink.subtle.AesGcmJce;
import dev.temppic.model.id.ImageId;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Envelope encryption of image bytes, independent of what the store supports.
 *
 * <p>Each image gets a fresh data key: a Tink streaming AEAD keyset (AES-256-GCM-HKDF, 4 KiB segments).
 * The data key is wrapped with the master key (AES-256-GCM) and lives only in the image's Redis
 * metadata, which expires with the image, so once that metadata is gone the stored object cannot be
 * decrypted any more. Both the wrapped key and the ciphertext are bound to the image id as associated
 * data, so an object or key copied to another id does not decrypt.
 *
 * <p>Thread-safe. Streams returned by this class are not; use each from one thread.
 */
public final class ImageEncryption {

    /** Length of the master key in bytes (AES-256). */
    public static final int MASTER_KEY_BYTES = 32;

    static {
        try {
            AeadConfig.register();
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead masterKey;

    private ImageEncryption(Aead masterKey) {
        this.masterKey = masterKey;
    }

    /**
     * Creates an instance from a master key given as Base64 (standard or URL-safe alphabet).
     *
     * @throws IllegalArgumentException when the text is missing, not Base64 or not 32 bytes long; the
     *     message never contains the key
     */
    public static ImageEncryption fromBase64MasterKey(String base64MasterKey) {
        if (base64MasterKey == null || base64MasterKey.isBlank()) {
            throw new IllegalArgumentException(
                    "The master key is missing: set temppic.crypto.master-key to 32 random bytes in Base64.");
        }
        byte[] keyBytes;
        try {
            String standardAlphabet = base64MasterKey.strip().replace('-', '+').replace('_', '/');
            keyBytes = Base64.getDecoder().decode(standardAlphabet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The master key is not valid Base64.");
        }
        if (keyBytes.length != MASTER_KEY_BYTES) {
            throw new IllegalArgumentException("The master key must be " + MASTER_KEY_BYTES
                    + " bytes, got " + keyBytes.length + " bytes after Base64 decoding.");
        }
        try {
            return new ImageEncryption(new AesGcmJce(keyBytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    /** Creates a fresh data key for one image and wraps it with the master key. */
    public DataKey newDataKey(ImageId imageId) throws GeneralSecurityException {
        KeysetHandle keyset = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
        byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey, associatedData(imageId));
        StreamingAead streamingAead = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        return new DataKey(imageId, streamingAead, Base64.getEncoder().encodeToString(wrapped));
    }

    /**
     * Unwraps the data key of an image from its Base64 form in the metadata.
     *
     * @throws GeneralSecurityException when the key was not wrapped by this master key for this image
     */
    public DataKey unwrap(ImageId imageId, String wrappedDataKey) throws GeneralSecurityException {
        byte[] wrapped;
        try {
            wrapped = Base64.getDecoder().decode(wrappedDataKey);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("Wrapped data key of image " + imageId + " is not valid Base64");
        }
        KeysetHandle keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterKey, associatedData(imageId));
        StreamingAead streamingAead = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        return new DataKey(imageId, streamingAead, wrappedDataKey);
    }

    private static byte[] associatedData(ImageId imageId) {
        return imageId.value().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The data key of one image.
     *
     * @param imageId the image the key belongs to
     * @param streamingAead the unwrapped key
     * @param wrapped the key wrapped by the master key, in Base64; safe to store, never to log
     */
    public record DataKey(ImageId imageId, StreamingAead streamingAead, String wrapped) {

        /** Returns a stream that encrypts what is written to it into {@code ciphertext}; close it to finish. */
        public OutputStream encrypting(OutputStream ciphertext) throws IOException {
            try {
                return streamingAead.newEncryptingStream(ciphertext, associatedData(imageId));
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot start encryption for image " + imageId, e);
            }
        }

        /**
         * Returns a stream of the plaintext of {@code ciphertext}. Reading fails with an
         * {@link IOException} when the ciphertext was altered or belongs to another key.
         */
        public InputStream decrypting(InputStream ciphertext) throws IOException {
            try {
                return streamingAead.newDecryptingStream(ciphertext, associatedData(imageId));
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot start decryption for image " + imageId, e);
            }
        }

        /** Hides the key material. */
        @Override
        public String toString() {
            return "DataKey[" + imageId + "]";
        }
    }
}
