package dev.temppic.model.crypto;

import dev.temppic.model.id.ImageId;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageEncryptionTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ImageEncryption encryption = ImageEncryption.fromBase64MasterKey(randomMasterKey());
    private final ImageId imageId = ImageId.random();

    @Test
    void encryptedBytesDecryptWithUnwrappedKey() throws Exception {
        byte[] plaintext = randomBytes(100_000);
        ImageEncryption.DataKey dataKey = encryption.newDataKey(imageId);

        byte[] ciphertext = encrypt(dataKey, plaintext);
        ImageEncryption.DataKey unwrapped = encryption.unwrap(imageId, dataKey.wrapped());

        assertThat(ciphertext).isNotEqualTo(plaintext);
        assertThat(ciphertext.length).isGreaterThan(plaintext.length);
        assertThat(decrypt(unwrapped, ciphertext)).isEqualTo(plaintext);
    }

    @Test
    void unwrapRejectsOtherImageOrMasterKey() throws Exception {
        ImageEncryption.DataKey dataKey = encryption.newDataKey(imageId);
        ImageEncryption otherMaster = ImageEncryption.fromBase64MasterKey(randomMasterKey());

        assertThatThrownBy(() -> encryption.unwrap(ImageId.random(), dataKey.wrapped()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> otherMaster.unwrap(imageId, dataKey.wrapped()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> encryption.unwrap(imageId, "not base64!"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void alteredCiphertextFailsToDecrypt() throws Exception {
        ImageEncryption.DataKey dataKey = encryption.newDataKey(imageId);
        byte[] ciphertext = encrypt(dataKey, randomBytes(10_000));
        ciphertext[ciphertext.length / 2] ^= 1;

        assertThatThrownBy(() -> decrypt(dataKey, ciphertext)).isInstanceOf(IOException.class);
    }

    @Test
    void masterKeyIsValidatedWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> ImageEncryption.fromBase64MasterKey(shortKey))
                .hasMessageContaining("32 bytes, got 16")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> ImageEncryption.fromBase64MasterKey("%%%"))
                .hasMessageContaining("not valid Base64");
        assertThatThrownBy(() -> ImageEncryption.fromBase64MasterKey(" "))
                .hasMessageContaining("temppic.crypto.master-key");
    }

    private static byte[] encrypt(ImageEncryption.DataKey dataKey, byte[] plaintext) throws IOException {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        try (OutputStream out = dataKey.encrypting(ciphertext)) {
            out.write(plaintext);
        }
        return ciphertext.toByteArray();
    }

    private static byte[] decrypt(ImageEncryption.DataKey dataKey, byte[] ciphertext) throws IOException {
        try (InputStream in = dataKey.decrypting(new ByteArrayInputStream(ciphertext))) {
            return in.readAllBytes();
        }
    }

    private static String randomMasterKey() {
        return Base64.getEncoder().encodeToString(randomBytes(ImageEncryption.MASTER_KEY_BYTES));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
