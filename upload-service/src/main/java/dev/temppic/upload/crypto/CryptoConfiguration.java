package dev.temppic.upload.crypto;

import dev.temppic.model.crypto.ImageEncryption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the {@link ImageEncryption} from the configured master key, failing startup when the key is unusable. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    ImageEncryption imageEncryption(CryptoProperties crypto) {
        try {
            return ImageEncryption.fromBase64MasterKey(crypto.masterKey());
        } catch (IllegalArgumentException e) {
            // The message from common-model names the problem and never contains the key.
            throw new InvalidMasterKeyException(e.getMessage());
        }
    }
}
