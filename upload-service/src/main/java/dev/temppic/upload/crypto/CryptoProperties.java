package dev.temppic.upload.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Key material for image encryption, bound from {@code temppic.crypto.*}. There is no default: a service without a
 * master key does not start.
 *
 * @param masterKey 32 random bytes in Base64 that wrap every image's data key. Every service that writes or reads
 *     images needs the same value. Never logged.
 */
@ConfigurationProperties("temppic.crypto")
public record CryptoProperties(String masterKey) {

    /** Hides the key. */
    @Override
    public String toString() {
        return "CryptoProperties[masterKey=" + (masterKey == null ? "unset" : "redacted") + "]";
    }
}
