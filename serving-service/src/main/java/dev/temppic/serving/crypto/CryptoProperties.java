package dev.temppic.serving.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Key material, bound from {@code temppic.crypto.*}.
 *
 * @param masterKey the master key that wraps every image's data key: 32 random bytes in Base64, the
 *     same value upload-service uses; never logged
 */
@ConfigurationProperties("temppic.crypto")
public record CryptoProperties(String masterKey) {

    /** Hides the key. */
    @Override
    public String toString() {
        return "CryptoProperties[masterKey=" + (masterKey == null ? "missing" : "redacted") + "]";
    }
}
