package dev.temppic.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The HMAC-SHA256 key of the current UTC day, which changes at midnight UTC.
 *
 * <p>With a configured secret the day key is {@code HMAC-SHA256(secret, "temppic rate-limit key " + yyyy-MM-dd)}, so
 * every gateway instance derives the same key and shares the same buckets in Redis. Without a secret the key is 32
 * bytes from {@link SecureRandom}, drawn on first use each day and held only in this object: once the day is over no
 * one, including the operator, can recompute the previous day's hashes.
 */
final class DailyKeyring {

    private static final String HMAC = "HmacSHA256";

    private final byte @Nullable [] secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private @Nullable LocalDate day;
    private byte @Nullable [] key;

    DailyKeyring(@Nullable String secret, Clock clock) {
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Returns the key of the current UTC day, creating it on the first call of the day. */
    synchronized byte[] currentKey() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day) || key == null) {
            key = secret == null ? randomKey() : derive(secret, today);
            day = today;
        }
        return key;
    }

    private byte[] randomKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] derive(byte[] secret, LocalDate day) {
        return hmac(secret, ("temppic rate-limit key " + day).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM, which every Java SE runtime provides",
                    e);
        }
    }
}
