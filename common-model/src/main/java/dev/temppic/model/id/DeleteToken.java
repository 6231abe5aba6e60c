package dev.temppic.model.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secret that lets the uploader delete an image: 256 random bits, written as 43 URL-safe Base64
 * characters. The server keeps only {@link #hash()}, the SHA-256 of the text form in lowercase hex.
 *
 * <p>Immutable and thread-safe. {@link #matches(String, String)} compares in constant time for
 * inputs of any length.
 */
public final class DeleteToken {

    /** Number of random bytes behind every token. */
    public static final int RANDOM_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String value;

    private DeleteToken(String value) {
        this.value = value;
    }

    /** Creates a new token from {@value #RANDOM_BYTES} bytes of {@link SecureRandom}. */
    public static DeleteToken random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new DeleteToken(ENCODER.encodeToString(bytes));
    }

    /** Returns the secret text form, sent once to the uploader and never stored or logged. */
    public String value() {
        return value;
    }

    /** SHA-256 of the text form, in lowercase hex: the only form the server stores. */
    public String hash() {
        return hashOf(value);
    }

    /**
     * Checks a token presented by a client against a stored hash, in time independent of where the
     * two differ.
     *
     * @param presentedToken the token from the request; {@code null} never matches
     * @param storedHash the stored lowercase hex SHA-256; {@code null} never matches
     */
    public static boolean matches(String presentedToken, String storedHash) {
        if (presentedToken == null || storedHash == null) {
            return false;
        }
        byte[] presented = hashOf(presentedToken).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = storedHash.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, stored);
    }

    private static String hashOf(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Hides the secret: tokens must never reach a log line through string concatenation. */
    @Override
    public String toString() {
        return "DeleteToken[redacted]";
    }
}
