package dev.temppic.infra.server;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An S3 access key and secret key. {@link #toString()} omits the secret, so the record can be logged.
 *
 * @param accessKey the public half, sent with every request
 * @param secretKey the signing key; never logged and never put on a command line
 */
public record StoreCredentials(String accessKey, String secretKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public StoreCredentials {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Access key and secret key must not be empty");
        }
    }

    /** Creates a random pair: a 20-character access key and a 40-character secret (160 bits). */
    public static StoreCredentials random() {
        HexFormat hex = HexFormat.of();
        return new StoreCredentials("tp" + hex.formatHex(randomBytes(9)), hex.formatHex(randomBytes(20)));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "StoreCredentials[accessKey=" + accessKey + ", secretKey=<hidden>]";
    }
}
