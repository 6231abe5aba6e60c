package dev.temppic.model.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Public identifier of one image: 128 random bits from {@link SecureRandom}, written as 22 URL-safe
 * Base64 characters without padding.
 *
 * <p>Instances are immutable and thread-safe. {@link #parse(String)} accepts only the exact form that
 * {@link #random()} produces, so a malformed id can be rejected before any Redis or store round trip.
 */
public final class ImageId {

    /** Number of random bytes behind every id. */
    public static final int RANDOM_BYTES = 16;

    /** Length of the text form: 16 bytes in unpadded Base64. */
    public static final int LENGTH = 22;

    /*
     * 22 Base64 characters carry 132 bits, so the last character carries 2 data bits and 4 zero bits:
     * only A, Q, g and w can end a canonical id.
     */
    private static final Pattern CANONICAL = Pattern.compile("[A-Za-z0-9_-]{21}[AQgw]");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String value;

    private ImageId(String value) {
        this.value = value;
    }

    /** Creates a new id from {@value #RANDOM_BYTES} bytes of {@link SecureRandom}. */
    public static ImageId random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new ImageId(ENCODER.encodeToString(bytes));
    }

    /**
     * Parses the text form of an id.
     *
     * @throws IllegalArgumentException if {@code text} is not a canonical 22-character id
     */
    @JsonCreator
    public static ImageId parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "Invalid image id: expected 22 URL-safe Base64 characters."));
    }

    /** Parses the text form of an id, or returns empty when it is not a canonical id. */
    public static Optional<ImageId> tryParse(String text) {
        if (text == null || text.length() != LENGTH || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ImageId(text));
    }

    /** Returns the 22-character text form, as used in URLs, keys and events. */
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
