package dev.temppic.serving.crypto;

import dev.temppic.model.crypto.ImageEncryption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the envelope decryption used to read stored images. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    /** Fails startup with a message naming {@code temppic.crypto.master-key} when the key is missing or invalid. */
    @Bean
    ImageEncryption imageEncryption(CryptoProperties crypto) {
        return ImageEncryption.fromBase64MasterKey(crypto.masterKey());
    }
}
